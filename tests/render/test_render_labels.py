"""Every label the rendered form prints comes from the form catalogue (model/catalogue)."""

from __future__ import annotations

import re

import pytest

from jixiao.model import Declaration, Verdict
from jixiao.model.catalogue import FormText, catalogue_labels, label_key, year_line
from jixiao.render.document import FormDocument, Role, build_document
from jixiao.render.template import PROFILES, blank_declaration
from tests.importers_docs.forms import made_declarations, seed_declarations

#: Cells whose text is a label (not the declaration's own content).
LABEL_ROLES = frozenset({Role.LABEL, Role.HEADER, Role.BLOCK, Role.LEVEL1, Role.LEVEL2})
_BOXES = re.compile("[█□]")


def printed_labels(doc: FormDocument, decl: Declaration) -> list[str]:
    """The label texts of one laid-out form, one per printed line of a label cell.

    The labels of ``other_fields`` are the source's own (kept as imported) and are left out.
    """
    own = {label_key(label) for label, _ in decl.other_fields}
    labels = [
        line
        for cell in doc.cells
        if cell.role in LABEL_ROLES
        for line in cell.text.splitlines()
        if label_key(line) not in own
    ]
    verdicts = [c.text for c in doc.cells if c.role is Role.VERDICT]
    labels += [o for text in verdicts for o in _BOXES.split(text) if o.strip()]
    return [*labels, doc.mark] if doc.mark else labels


def _forms() -> list[Declaration]:
    blanks = [blank_declaration(p, 2025) for p in PROFILES.values()]
    made = [d for _, d in made_declarations()]
    return [*seed_declarations(), *made, *blanks]


@pytest.mark.parametrize("decl", _forms(), ids=lambda d: d.project_name or d.title)
def test_it_prints_only_catalogue_labels(decl: Declaration) -> None:
    known = catalogue_labels()
    doc = build_document(decl)
    labels = printed_labels(doc, decl)
    assert labels, "a rendered form prints labels"
    assert [t for t in labels if label_key(t) not in known] == []


def test_it_prints_the_catalogue_year_line_title_footnote_and_mark() -> None:
    decl = blank_declaration(PROFILES["classic"], None)
    doc = build_document(decl)
    assert (doc.year_line, doc.title) == (year_line(None), FormText.TITLE)
    assert doc.footnote == FormText.FOOTNOTE
    assert doc.mark and doc.mark in printed_labels(doc, decl)  # 草稿（未审核）: no verdict yet


def test_it_would_catch_a_label_written_outside_the_catalogue() -> None:
    known = catalogue_labels()
    assert label_key("项目负责人签字") not in known
    assert {label_key(v.value) for v in Verdict} <= known
