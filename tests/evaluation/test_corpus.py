"""The published self-evaluations of the corpus, imported and compared with their goldens."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from jixiao.evaluation.compare import Agreement, agreement
from jixiao.evaluation.files import read_evaluation_file
from jixiao.evaluation.model import SelfEvaluation
from tests.evaluation.corpus import CORPUS, SELF_EVALUATIONS
from tests.evaluation.corpus_report import BEGIN, DOC, END, report

pytestmark = pytest.mark.skipif(not SELF_EVALUATIONS, reason="corpus not available")


@cache
def imported(name: str) -> SelfEvaluation:
    (ev,) = read_evaluation_file(CORPUS / "forms" / name)
    return ev


def golden(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_it_finds_every_self_evaluation_of_the_corpus() -> None:
    assert len(SELF_EVALUATIONS) == 7


def test_the_corpus_f1_over_name_target_actual_weight_score_is_at_least_090() -> None:
    total = Agreement(0, 0, 0)
    for path in SELF_EVALUATIONS:
        total += agreement(imported(str(golden(path)["source_file"])), golden(path))
    assert total.f1 >= 0.90, (total.precision, total.recall)


@pytest.mark.parametrize("path", SELF_EVALUATIONS, ids=lambda p: p.name[:3])
def test_every_form_reads_its_rows_and_printed_total(path: Path) -> None:
    data = golden(path)
    ev = imported(str(data["source_file"]))
    assert ev.rows, "no rows"
    printed = data["total_score"]
    assert (str(ev.printed_total) if ev.printed_total is not None else None) == printed
    assert agreement(ev, data).f1 >= 0.5


def test_the_corpus_tables_in_the_docs_are_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert block == report(), "运行 PYTHONPATH=src:. python -m tests.evaluation.corpus_report"


@pytest.mark.parametrize("path", SELF_EVALUATIONS, ids=lambda p: p.name[:3])
def test_the_annual_goal_is_read_where_the_layout_separates_it(path: Path) -> None:
    data = golden(path)
    ev = imported(str(data["source_file"]))
    goal = data["overall_goal"]
    if goal is not None and path.name[:3] in {"021", "024", "025", "026"}:
        assert ev.goal == goal
