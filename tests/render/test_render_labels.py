"""Every label the rendered forms print — the 申报表, the 监控表 and the 自评表 — comes from the
form catalogue (model/catalogue*.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from jixiao.evaluation.examples import parse_example
from jixiao.evaluation.model import Layout
from jixiao.evaluation.scoring import score_evaluation
from jixiao.model import Declaration, Verdict
from jixiao.model.catalogue import FormText, catalogue_labels, label_key, year_line
from jixiao.model.catalogue_evaluation import evaluation_labels
from jixiao.model.catalogue_monitoring import (
    MonitoringText,
    monitoring_labels,
    monitoring_year_line,
)
from jixiao.monitoring.lights import report_lights
from jixiao.render.document import Cell, FormDocument, Role, build_document
from jixiao.render.evaluation import build_evaluation_document
from jixiao.render.monitoring import build_monitoring_document
from jixiao.render.template import PROFILES, blank_declaration
from tests.importers_docs.forms import made_declarations, seed_declarations
from tests.monitoring.samples import publicity_report

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


# --- 监控表 and 自评表: their labels come from the catalogue too ------------------------------


def _lifecycle_labels(cells: Sequence[Cell]) -> list[str]:
    """The label texts of a laid-out 监控表 or 自评表 (levels are the national trees' names)."""
    roles = frozenset({Role.LABEL, Role.HEADER, Role.BLOCK})
    return [line for c in cells if c.role in roles for line in c.text.splitlines()]


@pytest.mark.parametrize("month", [1, 6, 12])
@pytest.mark.parametrize("lit", [False, True], ids=["template", "with lights"])
def test_the_monitoring_table_prints_only_catalogue_labels(month: int, lit: bool) -> None:
    report = publicity_report(month)
    doc = build_monitoring_document(report, report_lights(report) if lit else None)
    known = monitoring_labels(report.period)
    labels = [*_lifecycle_labels(doc.cells), doc.title, doc.footnote]
    assert len(labels) >= 25
    assert [t for t in labels if label_key(t) not in known] == []
    assert doc.title == MonitoringText.TITLE
    assert doc.year_line == monitoring_year_line(report.year, report.period)


@pytest.mark.parametrize("layout", [Layout.NATIONAL, Layout.SICHUAN, Layout.ANHUI])
def test_the_self_evaluation_prints_only_catalogue_labels(layout: Layout) -> None:
    ev = parse_example("")
    doc = build_evaluation_document(ev, layout, score_evaluation(ev))
    known = evaluation_labels()
    labels = [*_lifecycle_labels(doc.cells), doc.title]
    assert len(labels) >= 20
    assert [t for t in labels if label_key(t) not in known] == []


def test_it_would_catch_a_monitoring_or_evaluation_label_outside_the_catalogue() -> None:
    report = publicity_report()
    doc = build_monitoring_document(report)
    planted = [*doc.cells, Cell(doc.row_count, 0, "项目负责人签字", Role.LABEL)]
    known = monitoring_labels(report.period)
    assert [t for t in _lifecycle_labels(planted) if label_key(t) not in known] == [
        "项目负责人签字"
    ]
    assert label_key("1–7月实际完成值") not in known  # a period the report does not have
    assert label_key("项目负责人签字") not in evaluation_labels()
