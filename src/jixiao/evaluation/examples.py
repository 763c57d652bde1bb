"""The example notation of self-evaluation checks: a few lines patched onto a clean base.

::

    全年预算数: 20                      money block and texts by their printed label
    预算得分: 9.8                       the 得分 printed in the money row
    数量指标: 培训人次 | ≥100人次 | 96人次 | 20 | 19.2 | 偏差原因 | 档次
    删除: 流动服务次数                  drop a row of the base
    总分: 99.8

An indicator line is 二级: 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 | 档次 (cells
after the name may be left out or empty). A row with the name of a base row replaces
it; another is appended. Lines are numbered from 1 and every row points at its line.

>>> ev = parse_example("全年执行数: 10")
>>> ev.budget.executed, len(ev.rows), ev.printed_total
(Decimal('10'), 4, Decimal('99.8'))
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from jixiao.evaluation.formulas import parse_actual
from jixiao.evaluation.model import Band, Budget, EvaluationRow, SelfEvaluation
from jixiao.model import Level2, SourceLocation, TreeVariant, level1_of
from jixiao.model.catalogue import FieldKey, spec
from jixiao.model.catalogue_evaluation import EvaluationField as E
from jixiao.model.catalogue_evaluation import evaluation_spec as ev
from jixiao.values import parse_value

EXAMPLE_FILE = "示例"
DELETE = "删除"

#: The clean base every example starts from: execution 98 %, every target met.
BASE = """\
项目名称: 社区图书流动服务
年度: 2025
全年预算数: 20
全年执行数: 19.6
执行率: 98%
预算得分: 9.8
数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 30
质量指标: 图书完好率 | ≥95% | 97% | 20 | 20
社会效益指标: 读者借阅人次 | ≥5000人次 | 5200人次 | 30 | 30
服务对象满意度指标: 读者满意度 | ≥90% | 93% | 10 | 10
总分: 99.8
评价结论: 项目按计划完成，流动服务覆盖全部社区。
存在问题: 偏远村组服务频次偏低。
改进措施: 下年度增加偏远村组的服务班次。
"""

_BUDGET = {
    ev(E.INITIAL).label: "initial",
    ev(E.ANNUAL).label: "annual",
    ev(E.EXECUTED).label: "executed",
    ev(E.BUDGET_SCORE).label: "printed_score",
    ev(E.WEIGHT).label: "weight",
}
_TEXTS = {
    ev(E.PROJECT_NAME).label: "project_name",
    ev(E.GOAL).label: "goal",
    ev(E.GOAL_ACTUAL).label: "goal_actual",
    ev(E.CONCLUSION).label: "conclusion",
    ev(E.PROBLEMS).label: "problems",
    ev(E.MEASURES).label: "measures",
}


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _row(level2: Level2, cells: list[str], line: int) -> EvaluationRow:
    name, target, actual, weight, score, deviation, band = (cells + [""] * 7)[:7]
    level1 = level1_of(level2, TreeVariant.CLASSIC) or level1_of(level2, TreeVariant.V2021)
    assert level1 is not None
    return EvaluationRow(
        level1=level1,
        level2=level2,
        name=name,
        target_text=target,
        target=parse_value(target),
        actual_text=actual,
        actual=parse_actual(actual),
        weight=_decimal(weight),
        printed_score=_decimal(score),
        band=Band(band) if band else None,
        deviation=deviation,
        location=SourceLocation(EXAMPLE_FILE, line),
    )


def _apply(state: dict[str, Any], key: str, value: str, line: int) -> None:
    rows: list[EvaluationRow] = state["rows"]
    if key == DELETE:
        state["rows"] = [r for r in rows if r.name != value]
    elif key in Level2._value2member_map_:
        new = _row(Level2(key), [c.strip() for c in value.split("|")], line)
        at = next((i for i, r in enumerate(rows) if r.name == new.name), None)
        if at is None:
            rows.append(new)
        else:
            rows[at] = new
    elif key in _BUDGET:
        state["budget"][_BUDGET[key]] = _decimal(value)
    elif key == ev(E.RATE).label:
        state["budget"]["rate_text"] = value
    elif key == ev(E.REASON).label:
        state["budget"]["reason"] = value
    elif key in _TEXTS:
        state[_TEXTS[key]] = value
    elif key == ev(E.TOTAL).label:
        state["printed_total"] = _decimal(value)
    elif key == spec(FieldKey.YEAR).label:
        state["year"] = int(value)
    else:
        raise ValueError(f"示例第{line}行：未知的栏目“{key}”")


def parse_example(text: str) -> SelfEvaluation:
    """The base with ``text``'s lines applied (the base's lines first)."""
    state: dict[str, Any] = {"rows": [], "budget": {}, "year": None}
    lines = [*BASE.splitlines(), *text.splitlines()]
    for n, raw in enumerate(lines, 1):
        key, sep, value = raw.partition(":")
        if sep and key.strip():
            _apply(state, key.strip(), value.strip(), n)
    money = state.pop("budget")
    weight = money.pop("weight", None)
    budget = Budget(**money, weight=Decimal(10) if weight is None else weight)
    rows = tuple(state.pop("rows"))
    return dataclasses.replace(
        SelfEvaluation(year=None, project_name=""), **state, budget=budget, rows=rows
    )
