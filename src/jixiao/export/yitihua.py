"""The 预算管理一体化 data elements of a 绩效目标: ``PM_PERF_GOAL_INFO`` and ``PM_PERF_INDICATOR``.

The national specification text was not available; the element names are those vendors'
一体化 systems use (shared/lifecycle.md §4, domain.md §6). Every column is one
:class:`Column`: its element name, its Chinese meaning, how it is derived — the same table
writes the export and the documentation (docs/export.md), so neither can drift.

Codes: 计算符号 ``COMPUTESIGN`` is the vendor list ``PMKPIZBXS`` (1 ≥, 2 ＞, 3 ＝, 4 ＜, 5 ≤,
6 定性); a range (1-12月) exports as 6 with its text in ``KPI_VAL``. 一级/二级 codes are
jixiao's own two-digit codes by tree position (:data:`LEVEL1_CODES`, :data:`LEVEL2_CODES`)
because no national code list was available; 三级 codes number the rows of a project.
Money is exported in 万元 as exact decimal text, never as a float.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from jixiao.model import Declaration, Indicator, IndicatorGroup, Level1, Level2, Verdict
from jixiao.values import Operator, ValueKind, format_value

#: 计算符号 codes (vendor list PMKPIZBXS).
COMPUTE_SIGN = {
    Operator.GE: "1",
    Operator.GT: "2",
    Operator.EQ: "3",
    Operator.LT: "4",
    Operator.LE: "5",
}
QUALITATIVE_SIGN = "6"
COMPUTE_SIGN_LABELS = {"1": "≥", "2": "＞", "3": "＝", "4": "＜", "5": "≤", "6": "定性"}

LEVEL1_CODES = {level: f"{i:02d}" for i, level in enumerate(Level1, start=1)}
LEVEL2_CODES = {level: f"{i:02d}" for i, level in enumerate(Level2, start=1)}

#: FIN_PERF_CODE: the finance bureau's 综合评定等级 (jixiao codes; 0 未评定).
VERDICT_CODES = {Verdict.APPROVED: "1", Verdict.REVISE: "2", Verdict.REJECTED: "3"}
UNDECIDED = ("0", "未评定")

#: VERSIONTYPE: 1 编制 while under review, 2 批复 once approved.
VERSION_DRAFT, VERSION_APPROVED = "1", "2"


@dataclass(frozen=True, slots=True)
class Project:
    """One declaration with the identifiers the 一体化 system keys it by."""

    declaration: Declaration
    pro_code: str  #: 项目代码
    mof_div_code: str = ""  #: 财政区划代码 (e.g. 640100 银川市)


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One PM_PERF_INDICATOR row: a 三级指标 in its group, numbered in its project."""

    project: Project
    group: IndicatorGroup
    indicator: Indicator
    number: int  #: 1-based row number in the project


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    name: str  #: element name
    label: str  #: 中文含义
    source: str  #: how it is derived (documentation)
    value: Callable[[T], str]


def project_code(decl: Declaration) -> str:
    """A stable 项目代码 for a form that carries none: year, then a digest of who and what.

    The same project name of the same 主管部门 and year gets the same code in every export.
    """
    key = "|".join((str(decl.year or ""), decl.department.name, decl.project_name))
    digest = hashlib.sha256(key.encode()).hexdigest()[:12].upper()
    return f"JX{decl.year or 0:04d}{digest}"


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else format(amount, "f")


def _verdict(decl: Declaration) -> tuple[str, str]:
    if decl.verdict is None:
        return UNDECIDED
    return VERDICT_CODES[decl.verdict], decl.verdict.value


def compute_sign(ind: Indicator) -> str:
    """The 计算符号 code of an indicator's value (6 for text, a range or no operator)."""
    value = ind.value
    if value.kind is not ValueKind.QUANTITATIVE:
        return QUALITATIVE_SIGN
    if value.operator is None:  # a bare number states the value itself
        return COMPUTE_SIGN[Operator.EQ]
    return COMPUTE_SIGN.get(value.operator, QUALITATIVE_SIGN)


def index_value(ind: Indicator) -> str:
    """INDEXVAL: the number alone, scale included (1.1万 → 11000), empty for text."""
    value = ind.value
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return ""
    if value.operator is Operator.RANGE:
        return ""
    number = value.number * (value.scale.factor if value.scale else 1)
    return format(number.normalize(), "f") if number == number.to_integral_value() else str(number)


def meter_unit(ind: Indicator) -> str:
    value = ind.value
    return value.unit if value.kind is ValueKind.QUANTITATIVE else ""


GOAL_INFO: tuple[Column[Project], ...] = (
    Column("FISCAL_YEAR", "预算年度", "申报表年度", lambda p: str(p.declaration.year or "")),
    Column("MOF_DIV_CODE", "财政区划代码", "导出时指定（--mof-div）", lambda p: p.mof_div_code),
    Column(
        "PRO_CODE",
        "项目代码",
        "按年度、主管部门、项目名称生成的稳定代码（申报表不载项目代码）",
        lambda p: p.pro_code,
    ),
    Column("PRO_NAME", "项目名称", "项目名称", lambda p: p.declaration.project_name),
    Column("AGENCY_CODE", "单位代码", "主管部门代码", lambda p: p.declaration.department.code),
    Column("AGENCY_NAME", "单位名称", "主管部门名称", lambda p: p.declaration.department.name),
    Column(
        "IMPL_AGENCY_NAME", "实施单位", "实施单位名称", lambda p: p.declaration.implementer.name
    ),
    Column("PRO_KIND", "项目属性", "项目属性", lambda p: p.declaration.attribute),
    Column("PRO_TERM", "项目期", "项目期", lambda p: p.declaration.period),
    Column(
        "ANNUAL_AMT",
        "年度资金总额（万元）",
        "年度资金总额，精确小数",
        lambda p: _money(p.declaration.funding.annual_total),
    ),
    Column(
        "FISCAL_AMT",
        "其中：财政拨款（万元）",
        "财政拨款，精确小数",
        lambda p: _money(p.declaration.funding.fiscal),
    ),
    Column(
        "OTHER_AMT",
        "其他资金（万元）",
        "其他资金，精确小数",
        lambda p: _money(p.declaration.funding.other),
    ),
    Column("KPI_TARGET", "年度总体目标", "年度总体目标全文", lambda p: p.declaration.annual_goal),
    Column(
        "KPI_LONG_TARGET",
        "中长期目标",
        "中期/长期/项目总目标（如有）",
        lambda p: p.declaration.long_term_goal,
    ),
    Column(
        "FIN_PERF_CODE",
        "财政审核结果代码",
        "综合评定等级：1 通过，2 退回修改，3 退回不予纳入，0 未评定",
        lambda p: _verdict(p.declaration)[0],
    ),
    Column(
        "FIN_PERF_NAME", "财政审核结果", "综合评定等级文字", lambda p: _verdict(p.declaration)[1]
    ),
    Column(
        "VERSIONTYPE",
        "版本类型",
        "1 编制（未批复），2 批复（已通过）",
        lambda p: VERSION_APPROVED if p.declaration.verdict is Verdict.APPROVED else VERSION_DRAFT,
    ),
)

INDICATOR: tuple[Column[IndicatorRow], ...] = (
    Column(
        "FISCAL_YEAR", "预算年度", "申报表年度", lambda r: str(r.project.declaration.year or "")
    ),
    Column(
        "MOF_DIV_CODE", "财政区划代码", "同 PM_PERF_GOAL_INFO", lambda r: r.project.mof_div_code
    ),
    Column("PRO_CODE", "项目代码", "同 PM_PERF_GOAL_INFO", lambda r: r.project.pro_code),
    Column(
        "LV1_PERF_IND_CODE",
        "一级指标代码",
        "一级指标在指标体系中的序号（两位）",
        lambda r: LEVEL1_CODES[r.group.level1],
    ),
    Column("LV1_PERF_IND_NAME", "一级指标名称", "一级指标", lambda r: r.group.level1.value),
    Column(
        "LV2_PERF_IND_CODE",
        "二级指标代码",
        "一级代码 + 二级指标序号（两位）",
        lambda r: LEVEL1_CODES[r.group.level1] + LEVEL2_CODES[r.group.level2],
    ),
    Column("LV2_PERF_IND_NAME", "二级指标名称", "二级指标", lambda r: r.group.level2.value),
    Column(
        "LV3_PERF_IND_CODE",
        "三级指标代码",
        "项目代码 + 行号（三位）",
        lambda r: f"{r.project.pro_code}{r.number:03d}",
    ),
    Column("LV3_PERF_IND_NAME", "三级指标名称", "三级指标", lambda r: r.indicator.name),
    Column("KPI_VAL", "指标值", "指标值原文", lambda r: r.indicator.value_text),
    Column(
        "COMPUTESIGN",
        "计算符号",
        "1 ≥，2 ＞，3 ＝，4 ＜，5 ≤，6 定性（区间和文字为 6）",
        lambda r: compute_sign(r.indicator),
    ),
    Column(
        "INDEXVAL",
        "指标值数值",
        "指标值中的数，含“万”“亿”换算；文字为空",
        lambda r: index_value(r.indicator),
    ),
    Column("METERUNIT", "计量单位", "指标值的计量单位", lambda r: meter_unit(r.indicator)),
    Column(
        "KPI_EVALSTD",
        "评分标准",
        "指标值的规范写法（如“不少于35个”的 ≥35个）",
        lambda r: format_value(r.indicator.value),
    ),
    Column(
        "KPI_CONTENT",
        "指标内容",
        "一级/二级/三级指标路径",
        lambda r: f"{r.group.level1}/{r.group.level2}/{r.indicator.name}",
    ),
    Column(
        "KPI_REMARK",
        "备注",
        "填报要求（必填量化/必填/选填）",
        lambda r: r.group.requirement.value if r.group.requirement else "",
    ),
)


def projects(decls: Iterable[Declaration], mof_div_code: str = "") -> list[Project]:
    return [Project(d, project_code(d), mof_div_code) for d in decls]


def indicator_rows(items: Iterable[Project]) -> Iterator[IndicatorRow]:
    """Every real 三级指标 (「无」 placeholders left out), numbered per project."""
    for project in items:
        number = 0
        for group in project.declaration.groups:
            for ind in group.real_indicators:
                number += 1
                yield IndicatorRow(project, group, ind, number)


def table(columns: tuple[Column[T], ...], items: Iterable[T]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of one element table."""
    return [c.name for c in columns], [[c.value(item) for c in columns] for item in items]


def yitihua_tables(
    decls: Iterable[Declaration], mof_div_code: str = ""
) -> dict[str, tuple[list[str], list[list[str]]]]:
    """``PM_PERF_GOAL_INFO`` and ``PM_PERF_INDICATOR`` of these forms."""
    items = projects(decls, mof_div_code)
    return {
        "PM_PERF_GOAL_INFO": table(GOAL_INFO, items),
        "PM_PERF_INDICATOR": table(INDICATOR, indicator_rows(items)),
    }
