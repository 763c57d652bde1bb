"""综合评定等级: written only by the 财政局's decision; imports keep the printed one as 原表所载."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import openpyxl
import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.model import UNDECIDED_MARK, Verdict, dumps
from jixiao.web.declarations import codec
from jixiao.web.declarations.integrity import VERDICT_LOCKED
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World, editor_post, seed_forms
from tests.web.signed import Signed


def _url(name: str, row: Declaration, **kwargs: Any) -> str:
    return reverse(f"declarations:{name}", kwargs={"pk": row.pk, **kwargs})


def _form(row: Declaration) -> Any:
    row.refresh_from_db()
    return codec.from_text(row.content)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_it_imports_a_printed_verdict_as_provenance_and_starts_undecided(world: World) -> None:
    filer = Signed(world.users["filer"])
    upload = SimpleUploadedFile(SEED_NAME, seed_bytes())
    assert filer.post(reverse("declarations:import"), {"file": upload}).status_code == 302
    rows = list(Declaration.objects.all())
    assert len(rows) == 7
    for row in rows:
        form = codec.from_text(row.content)
        assert form.verdict is None and form.printed_verdict is Verdict.APPROVED
    html = filer.get(_url("detail", rows[0])).content.decode()
    assert "<th>综合评定等级</th><td>未评定</td>" in html
    assert "<th>原表所载</th><td>通过" in html


def test_it_keeps_a_json_imports_verdict_only_as_printed(world: World) -> None:
    form = replace(seed_forms()[0], verdict=Verdict.REJECTED, printed_verdict=None)
    upload = SimpleUploadedFile("one.json", dumps([form]).encode())
    response = Signed(world.users["filer"]).post(reverse("declarations:import"), {"file": upload})
    assert response.status_code == 302
    stored = codec.from_text(Declaration.objects.get().content)
    assert stored.verdict is None and stored.printed_verdict is Verdict.REJECTED


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx"])
def test_it_prints_an_undecided_form_with_empty_boxes_and_the_draft_mark(
    world: World, fmt: str
) -> None:
    row = world.declaration("财政审核")
    text = _document_text(Signed(world.users["filer"]).get(_url("download", row, fmt=fmt)), fmt)
    assert UNDECIDED_MARK in text
    assert _boxes(text) == {"通过□退回修改□退回，不予纳入财政项目库□"}


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx"])
def test_it_prints_the_decision_once_the_finance_bureau_approved(world: World, fmt: str) -> None:
    row = world.declaration("财政审核")
    finance = Signed(world.users["finance"])
    assert finance.post(_url("act", row), {"action": "通过"}).status_code == 302
    text = _document_text(finance.get(_url("download", row, fmt=fmt)), fmt)
    assert UNDECIDED_MARK not in text
    assert _boxes(text) == {"通过█退回修改□退回，不予纳入财政项目库□"}


def _boxes(text: str) -> set[str]:
    """The verdict lines (merged cells repeat in DOCX), without spacing."""
    lines = ("".join(line.split()) for line in text.splitlines() if "□" in line or "█" in line)
    return {line.removeprefix("综合评定等级") for line in lines}


def _document_text(response: Any, fmt: str) -> str:
    assert response.status_code == 200
    data = response.content
    if fmt == "pdf":
        return _pdf_text(data)
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        return "\n".join(str(c.value) for r in sheet.iter_rows() for c in r if c.value)
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_it_refuses_an_api_save_that_sets_the_verdict(world: World) -> None:
    row = world.declaration()
    content = json.loads(row.content)
    content["verdict"] = "通过"
    body = {"revision": row.revision, "content": content}
    url = f"/api/declarations/{row.pk}"
    response = Signed(world.users["filer"]).send_json("put", url, body)
    assert response.status_code == 400
    assert VERDICT_LOCKED in response.content.decode()
    assert _form(row).verdict is None and row.status == "草稿"


def test_it_refuses_an_api_save_that_rewrites_the_printed_verdict(world: World) -> None:
    row = world.declaration()
    content = json.loads(row.content)
    content["printed_verdict"] = None
    url = f"/api/declarations/{row.pk}"
    body = {"revision": row.revision, "content": content}
    assert Signed(world.users["filer"]).send_json("put", url, body).status_code == 400
    assert _form(row).printed_verdict is Verdict.APPROVED


def test_it_ignores_a_verdict_field_posted_to_the_editor(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, annual_goal="改过的目标", verdict="通过", printed_verdict="退回修改")
    assert Signed(world.users["filer"]).post(_url("edit", row), data).status_code == 302
    form = _form(row)
    assert form.annual_goal == "改过的目标"
    assert form.verdict is None and form.printed_verdict is Verdict.APPROVED


def test_it_clears_the_verdict_when_a_returned_form_is_submitted_again(world: World) -> None:
    row = world.declaration("财政审核")
    finance, filer = Signed(world.users["finance"]), Signed(world.users["filer"])
    returned = finance.post(_url("act", row), {"action": "退回修改", "comment": "请细化指标"})
    assert returned.status_code == 302
    assert _form(row).verdict is Verdict.REVISE
    assert filer.post(_url("edit", row), editor_post(row, annual_goal="已修改")).status_code == 302
    assert _form(row).verdict is Verdict.REVISE
    data = {"explain-" + k: "已说明" for k in _blocking_keys(row)}
    assert filer.post(_url("submit", row), data).status_code == 302
    assert _form(row).verdict is None and row.status == "已提交"


def _blocking_keys(row: Declaration) -> list[str]:
    from jixiao.web.declarations import engine

    return [f.key for f in engine.review(codec.from_text(row.content)).blocking]
