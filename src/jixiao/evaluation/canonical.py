"""Canonical JSON for self-evaluations: ``dumps`` / ``loads``, identity on round trip.

Money and points are decimal strings; enums are their printed Chinese labels; each row
carries the 年度指标值 and 实际完成值 as printed and parsed. The schema is
``docs/schema/self-evaluation.schema.json`` (:func:`jixiao.evaluation.schema.evaluation_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from jixiao.evaluation.model import (
    Band,
    Budget,
    EvaluationRow,
    Grade,
    Layout,
    SelfEvaluation,
)
from jixiao.model import Level1, Level2, Organisation
from jixiao.model.canonical import (
    CanonicalFormatError,
    _decimal,
    _enum,
    _get,
    _load_location,
    _load_org,
    _location,
    _opt,
    json_items,
)
from jixiao.values import ValueGrammarError, value_from_json, value_to_json

SCHEMA_ID = "jixiao.self-evaluation/1"
JsonObject = dict[str, Any]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _org(org: Organisation) -> JsonObject:
    return {"name": org.name, "code": org.code}


def _row(row: EvaluationRow) -> JsonObject:
    return {
        "level1": row.level1.value,
        "level2": row.level2.value,
        "name": row.name,
        "target_text": row.target_text,
        "target": value_to_json(row.target),
        "actual_text": row.actual_text,
        "actual": None if row.actual is None else value_to_json(row.actual),
        "weight": _dec(row.weight),
        "printed_score": _dec(row.printed_score),
        "band": None if row.band is None else row.band.value,
        "deviation": row.deviation,
        "location": _location(row.location),
    }


def to_json_object(ev: SelfEvaluation) -> JsonObject:
    """The canonical JSON object of one self-evaluation."""
    b = ev.budget
    return {
        "schema": SCHEMA_ID,
        "year": ev.year,
        "title": ev.title,
        "project_name": ev.project_name,
        "project_code": ev.project_code,
        "department": _org(ev.department),
        "implementer": _org(ev.implementer),
        "layout": ev.layout.value,
        "budget": {
            "unit": "万元",
            "initial": _dec(b.initial),
            "annual": _dec(b.annual),
            "executed": _dec(b.executed),
            "rate_text": b.rate_text,
            "weight": str(b.weight),
            "printed_score": _dec(b.printed_score),
            "reason": b.reason,
            "location": _location(b.location),
        },
        "goal": ev.goal,
        "goal_actual": ev.goal_actual,
        "rows": [_row(r) for r in ev.rows],
        "printed_total": _dec(ev.printed_total),
        "printed_grade": None if ev.printed_grade is None else ev.printed_grade.value,
        "conclusion": ev.conclusion,
        "problems": ev.problems,
        "measures": ev.measures,
        "location": _location(ev.location),
    }


def dumps(evaluations: Iterable[SelfEvaluation]) -> str:
    """Canonical JSON text: a list of self-evaluations, UTF-8 Chinese, two-space indent."""
    items = [to_json_object(e) for e in evaluations]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _money(obj: Mapping[str, Any], key: str, where: str) -> Decimal | None:
    return _decimal(_opt(obj, key, str, where), f"{where} {key}")


def _value(obj: Mapping[str, Any], key: str, where: str) -> Any:
    raw = obj.get(key)
    if raw is None:
        return None
    try:
        return value_from_json(raw)
    except ValueGrammarError as exc:
        raise CanonicalFormatError(f"{where} {key} 无效：{exc}") from None


def _load_row(obj: Any, where: str) -> EvaluationRow:
    if not isinstance(obj, Mapping):
        raise CanonicalFormatError(f"{where} 应为对象")
    band = _opt(obj, "band", str, where)
    target = _value(obj, "target", where)
    if target is None:
        raise CanonicalFormatError(f"{where} 缺少字段“target”")
    return EvaluationRow(
        level1=_enum(Level1, _get(obj, "level1", str, where), f"{where} 一级指标"),
        level2=_enum(Level2, _get(obj, "level2", str, where), f"{where} 二级指标"),
        name=_get(obj, "name", str, where),
        target_text=_get(obj, "target_text", str, where),
        target=target,
        actual_text=_get(obj, "actual_text", str, where),
        actual=_value(obj, "actual", where),
        weight=_money(obj, "weight", where),
        printed_score=_money(obj, "printed_score", where),
        band=None if band is None else _enum(Band, band, f"{where} 完成档次"),
        deviation=_get(obj, "deviation", str, where),
        location=_load_location(obj.get("location"), where),
    )


def _load_budget(obj: Any) -> Budget:
    where = "项目资金"
    if not isinstance(obj, Mapping):
        raise CanonicalFormatError(f"{where} 应为对象")
    if obj.get("unit", "万元") != "万元":
        raise CanonicalFormatError("项目资金单位应为“万元”")
    weight = _money(obj, "weight", where)
    return Budget(
        initial=_money(obj, "initial", where),
        annual=_money(obj, "annual", where),
        executed=_money(obj, "executed", where),
        rate_text=_get(obj, "rate_text", str, where),
        weight=Decimal(10) if weight is None else weight,
        printed_score=_money(obj, "printed_score", where),
        reason=_get(obj, "reason", str, where),
        location=_load_location(obj.get("location"), where),
    )


def from_json_object(obj: Any, where: str = "自评表") -> SelfEvaluation:
    """Read one canonical JSON object; raises :class:`CanonicalFormatError`."""
    if not isinstance(obj, Mapping):
        raise CanonicalFormatError(f"{where} 应为 JSON 对象")
    if obj.get("schema") != SCHEMA_ID:
        raise CanonicalFormatError(f"{where} 的 schema 应为“{SCHEMA_ID}”")
    grade = _opt(obj, "printed_grade", str, where)
    rows = _get(obj, "rows", list, where)
    return SelfEvaluation(
        year=_opt(obj, "year", int, where),
        title=_get(obj, "title", str, where),
        project_name=_get(obj, "project_name", str, where),
        project_code=_get(obj, "project_code", str, where),
        department=_load_org(obj.get("department"), f"{where} 主管部门"),
        implementer=_load_org(obj.get("implementer"), f"{where} 实施单位"),
        layout=_enum(Layout, _get(obj, "layout", str, where), f"{where} 表式"),
        budget=_load_budget(obj.get("budget")),
        goal=_get(obj, "goal", str, where),
        goal_actual=_get(obj, "goal_actual", str, where),
        rows=tuple(_load_row(r, f"{where} 第{n}行指标") for n, r in enumerate(rows, 1)),
        printed_total=_money(obj, "printed_total", where),
        printed_grade=None if grade is None else _enum(Grade, grade, f"{where} 自评等级"),
        conclusion=_get(obj, "conclusion", str, where),
        problems=_get(obj, "problems", str, where),
        measures=_get(obj, "measures", str, where),
        location=_load_location(obj.get("location"), where),
    )


def loads(text: str) -> list[SelfEvaluation]:
    """Read canonical JSON text: one self-evaluation object or a list of them."""
    return [from_json_object(o, f"第{n}份自评表") for n, o in enumerate(json_items(text), 1)]


def is_evaluation_json(text: str) -> bool:
    """Whether a text looks like canonical self-evaluation JSON (cheap sniff)."""
    head = text.lstrip()[:400]
    return head[:1] in "[{" and SCHEMA_ID in head
