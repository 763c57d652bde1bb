"""The offline 自评表: the stored form as a protected XLSX, and a filled one taken back.

Only the unit's entries are taken from an upload; the approved names and 年度指标值 must be
the stored ones, row for row, or nothing is saved.
"""

from __future__ import annotations

import dataclasses

from jixiao.evaluation import SelfEvaluation
from jixiao.evaluation.grid import GridFormatError, read_document
from jixiao.render.evaluation import build_evaluation_document
from jixiao.render.evaluation_formats import render_evaluation_xlsx
from jixiao.web.evaluation.entries import EntryError


def template_bytes(ev: SelfEvaluation) -> bytes:
    return render_evaluation_xlsx([build_evaluation_document(ev, ev.layout)], template=True)


def _read(data: bytes, name: str) -> SelfEvaluation:
    try:
        found = read_document(data, name)
    except GridFormatError as exc:
        raise EntryError(str(exc)) from None
    except Exception:  # a damaged file: openpyxl raises its own types
        raise EntryError("文件已损坏或不是自评表（请上传下载的 Excel 自评表）") from None
    if len(found) != 1:
        raise EntryError(f"文件中应有一张自评表，现有 {len(found)} 张")
    return found[0]


def merge_upload(stored: SelfEvaluation, data: bytes, name: str) -> SelfEvaluation:
    """``stored`` with the entries of the uploaded form; raises :class:`EntryError`."""
    filled = _read(data, name)
    approved = [(r.name, r.target_text) for r in stored.rows]
    if [(r.name, r.target_text) for r in filled.rows] != approved:
        raise EntryError("上传的自评表中的指标名称或年度指标值与批复的不一致，未保存")
    rows = tuple(
        dataclasses.replace(
            mine,
            actual_text=theirs.actual_text,
            actual=theirs.actual,
            weight=theirs.weight,
            printed_score=theirs.printed_score,
            deviation=theirs.deviation,
        )
        for mine, theirs in zip(stored.rows, filled.rows, strict=True)
    )
    budget = dataclasses.replace(
        stored.budget,
        executed=filled.budget.executed,
        rate_text=filled.budget.rate_text,
        reason=filled.budget.reason,
    )
    return dataclasses.replace(
        stored,
        rows=rows,
        budget=budget,
        goal_actual=filled.goal_actual,
        conclusion=filled.conclusion,
        problems=filled.problems,
        measures=filled.measures,
    )
