"""An undecided form (no 综合评定等级 yet) carries the draft mark in every format."""

from __future__ import annotations

from dataclasses import replace

from jixiao.model import UNDECIDED_MARK, Verdict
from jixiao.render.document import build_document
from jixiao.render.html import render_html
from tests.importers_docs.forms import seed_declarations


def test_it_marks_an_undecided_form_and_leaves_every_box_empty() -> None:
    form = replace(seed_declarations()[0], verdict=None, printed_verdict=Verdict.APPROVED)
    doc = build_document(form)
    assert doc.mark == UNDECIDED_MARK
    assert "█" not in "".join(c.text for c in doc.cells)
    assert f'<div class="mark">{UNDECIDED_MARK}</div>' in render_html([form]).decode()


def test_it_prints_a_decided_form_without_the_mark() -> None:
    form = replace(seed_declarations()[0], verdict=Verdict.REJECTED)
    doc = build_document(form)
    assert doc.mark == ""
    assert "退回，不予纳入财政项目库 █" in "".join(c.text for c in doc.cells)
    assert UNDECIDED_MARK not in render_html([form]).decode()
