"""Canonical JSON of monitoring reports: ``dumps`` / ``loads``, identity on round trip.

Amounts are decimal strings; enums are their Chinese labels; every value keeps the text
as entered and the parsed value. The schema is docs/schema/monitoring.schema.json
(:func:`jixiao.monitoring.schema.monitoring_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from jixiao.model import Level1, Level2, Organisation, SourceLocation
from jixiao.model.canonical import _dec, json_items
from jixiao.model.canonical import _location as _loc
from jixiao.monitoring.model import BudgetLine, FundSource, MonitoringReport, MonitoringRow
from jixiao.monitoring.vocab import Cause, Likelihood, Pacing
from jixiao.values import IndicatorValue, ValueGrammarError, value_from_json, value_to_json

SCHEMA_ID = "jixiao.monitoring/1"
JsonObject = dict[str, Any]
E = TypeVar("E", bound=StrEnum)


class MonitoringFormatError(ValueError):
    """A JSON document that is not a canonical monitoring report; the message is Chinese."""


# ---------------------------------------------------------------- dump


def _row(row: MonitoringRow) -> JsonObject:
    return {
        "level1": row.level1.value,
        "level2": row.level2.value,
        "name": row.name,
        "target_text": row.target_text,
        "target": value_to_json(row.target),
        "actual_text": row.actual_text,
        "actual": value_to_json(row.actual),
        "forecast_text": row.forecast_text,
        "forecast": value_to_json(row.forecast),
        "causes": [c.value for c in row.causes],
        "cause_text": row.cause_text,
        "likelihood": None if row.likelihood is None else row.likelihood.value,
        "measures": row.measures,
        "remark": row.remark,
        "pacing": None if row.pacing is None else row.pacing.value,
        "location": _loc(row.location),
    }


def _budget(line: BudgetLine) -> JsonObject:
    return {
        "source": line.source.value,
        "budget": _dec(line.budget),
        "executed": _dec(line.executed),
        "forecast": _dec(line.forecast),
        "location": _loc(line.location),
    }


def to_json_object(report: MonitoringReport) -> JsonObject:
    """The canonical JSON object of one report."""
    return {
        "schema": SCHEMA_ID,
        "year": report.year,
        "month": report.month,
        "project_name": report.project_name,
        "department": {"name": report.department.name, "code": report.department.code},
        "implementer": {"name": report.implementer.name, "code": report.implementer.code},
        "declaration_ref": report.declaration_ref,
        "region": report.region,
        "annual_goal": report.annual_goal,
        "goal_progress": report.goal_progress,
        "unit": "万元",
        "budget": [_budget(b) for b in report.budget],
        "budget_cause": report.budget_cause,
        "rows": [_row(r) for r in report.rows],
        "location": _loc(report.location),
    }


def dumps(reports: Iterable[MonitoringReport]) -> str:
    """Canonical JSON text: a list of reports, UTF-8 Chinese, two-space indent."""
    return json.dumps([to_json_object(r) for r in reports], ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- load


class _Obj:
    """A JSON object being read, with its place for messages."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise MonitoringFormatError(f"{where} 应为 JSON 对象")
        self.data, self.where = data, where

    def get(self, key: str, kind: type | tuple[type, ...], optional: bool = False) -> Any:
        if key not in self.data:
            raise MonitoringFormatError(f"{self.where} 缺少字段“{key}”")
        value = self.data[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise MonitoringFormatError(f"{self.where} 字段“{key}”类型错误")
        return value

    def enum(self, key: str, cls: type[E], optional: bool = False) -> E | None:
        text = self.get(key, str, optional)
        return None if text is None else _member(cls, text, f"{self.where} {key}")

    def money(self, key: str) -> Decimal | None:
        text = self.get(key, str, optional=True)
        if text is None:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise MonitoringFormatError(f"{self.where} {key}“{text}”不是十进制数字字符串") from None
        if not value.is_finite():
            raise MonitoringFormatError(f"{self.where} {key}“{text}”不是有限数值")
        return value

    def value(self, key: str) -> IndicatorValue:
        try:
            return value_from_json(self.get(key, dict))
        except ValueGrammarError as exc:
            raise MonitoringFormatError(f"{self.where} {key} 无效：{exc}") from None

    def location(self) -> SourceLocation:
        raw = self.data.get("location")
        if raw is None:
            return SourceLocation()
        obj = _Obj(raw, f"{self.where} location")
        return SourceLocation(
            obj.get("file", str),
            obj.get("line", int, True),
            obj.get("page", int) if "page" in obj.data else None,
            obj.get("cell", str) if "cell" in obj.data else None,
        )

    def org(self, key: str) -> Organisation:
        obj = _Obj(self.get(key, dict), f"{self.where} {key}")
        return Organisation(obj.get("name", str), obj.get("code", str))


def _member(cls: type[E], text: str, where: str) -> E:
    try:
        return cls(text)
    except ValueError:
        allowed = "、".join(m.value for m in cls)
        raise MonitoringFormatError(f"{where}“{text}”不是有效取值（可选：{allowed}）") from None


def _load_row(raw: object, where: str) -> MonitoringRow:
    o = _Obj(raw, where)
    causes = tuple(_member(Cause, c, f"{where} causes") for c in o.get("causes", list))
    level1, level2 = o.enum("level1", Level1), o.enum("level2", Level2)
    assert level1 is not None and level2 is not None
    return MonitoringRow(
        level1=level1,
        level2=level2,
        name=o.get("name", str),
        target_text=o.get("target_text", str),
        target=o.value("target"),
        actual_text=o.get("actual_text", str),
        actual=o.value("actual"),
        forecast_text=o.get("forecast_text", str),
        forecast=o.value("forecast"),
        causes=causes,
        cause_text=o.get("cause_text", str),
        likelihood=o.enum("likelihood", Likelihood, optional=True),
        measures=o.get("measures", str),
        remark=o.get("remark", str),
        pacing=o.enum("pacing", Pacing, optional=True),
        location=o.location(),
    )


def _load_budget(raw: object, where: str) -> BudgetLine:
    o = _Obj(raw, where)
    source = o.enum("source", FundSource)
    assert source is not None
    return BudgetLine(
        source, o.money("budget"), o.money("executed"), o.money("forecast"), o.location()
    )


def from_json_object(raw: object, where: str = "监控表") -> MonitoringReport:
    """Read one canonical report object; raises :class:`MonitoringFormatError`."""
    o = _Obj(raw, where)
    if o.data.get("schema") != SCHEMA_ID:
        raise MonitoringFormatError(f"{where} 的 schema 应为“{SCHEMA_ID}”")
    if o.data.get("unit", "万元") != "万元":
        raise MonitoringFormatError(f"{where} 的金额单位应为“万元”")
    month = o.get("month", int)
    if not 1 <= month <= 12:
        raise MonitoringFormatError(f"{where} 的截止月份应为1–12，而不是{month}")
    return MonitoringReport(
        year=o.get("year", int, optional=True),
        project_name=o.get("project_name", str),
        month=month,
        department=o.org("department"),
        implementer=o.org("implementer"),
        declaration_ref=o.get("declaration_ref", str),
        region=o.get("region", str),
        annual_goal=o.get("annual_goal", str),
        goal_progress=o.get("goal_progress", str),
        budget=tuple(
            _load_budget(b, f"{where} 第{n}行资金") for n, b in enumerate(o.get("budget", list), 1)
        ),
        budget_cause=o.get("budget_cause", str),
        rows=tuple(
            _load_row(r, f"{where} 第{n}个指标") for n, r in enumerate(o.get("rows", list), 1)
        ),
        location=o.location(),
    )


def loads(text: str) -> list[MonitoringReport]:
    """Read canonical JSON text: one report object or a list of them."""
    items = json_items(text, MonitoringFormatError)
    return [from_json_object(obj, f"第{n}份监控表") for n, obj in enumerate(items, 1)]


__all__ = [
    "SCHEMA_ID",
    "MonitoringFormatError",
    "dumps",
    "from_json_object",
    "loads",
    "to_json_object",
]
