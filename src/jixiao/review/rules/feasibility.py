"""可行性: dates and durations inside the project period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import FormContext
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule
from jixiao.values import Operator
from jixiao.values.dates import MONTH_UNITS

_F = Dimension.FEASIBILITY
_NAME_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
_TWELVE = Decimal(12)
_DOWN = (Operator.LE, Operator.LT)


@rule(
    "F501",
    "year-outside-period",
    Severity.WARNING,
    _F,
    "gz88-feasibility",
    "指标“{name}”涉及{year}年，不在本项目期（{period}）内。",
    "本年度指标只反映项目期内的产出；以前年度的尾款或任务应单独说明资金来源和绩效目标。",
)
def year_outside_period(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        三级指标名称中写明的年份（如“（2024年运维项目尾款）”）是否在项目期之内。
    为什么：
        年度绩效目标只衡量当年；以前年度的尾款混入，当年的产出和成本就说不清。
    不合格示例：
        成本指标: 购书费用（2024年项目尾款） = ≤12万元
    合格示例：
        成本指标: 购书费用（2025年） = ≤12万元
    依据：
        财预〔2015〕88号第三章“可行性审核”；申报表表注：涵盖年限为项目预算申报当年。
    """
    if not _NAME_YEAR.search(ctx.names()):
        return
    years = ctx.period_years
    period = ctx.decl.period or f"{ctx.decl.year}年"
    for row in ctx.real_rows if years else ():
        for found in _NAME_YEAR.findall(row.name):
            if years is not None and int(found) not in years:
                yield row.hit(year=found, period=period)
                break


@rule(
    "F502",
    "month-out-of-range",
    Severity.ERROR,
    _F,
    "gz88-feasibility",
    "指标“{name}”的指标值“{value}”中的月份不存在（应为1至12月）。",
    "核对月份，如“10月”“11月前”。",
)
def month_out_of_range(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        单位为“月”“月底”等（表示月份，不是“个月”）的指标值是否在1至12之间。
    为什么：
        “13月”之类的月份不存在，目标无法在项目期内完成。
    不合格示例：
        时效指标: 取暖补贴发放时间 = 13月
    合格示例：
        时效指标: 取暖补贴发放时间 = 10月
    依据：
        财预〔2015〕88号第三章“可行性审核”。
    """
    for row in ctx.real_rows:
        v = row.value
        if v.unit not in MONTH_UNITS:
            continue
        months = [m for m in (v.number, v.upper) if m is not None]
        if any(m < 1 or m > _TWELVE for m in months):
            yield row.hit()


@rule(
    "F503",
    "duration-exceeds-period",
    Severity.ERROR,
    _F,
    "days_per_year",
    "指标“{name}”的指标值“{value}”超过项目期（{period}）的长度（{limit}）。",
    "按项目期核定期限：一年期项目的天数不超过{days}天、月数不超过12个月。",
)
def duration_exceeds_period(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        以“个月”或“天/日”计的指标值（“≤”方向除外）是否超过项目期的长度
        （每年12个月、days_per_year 天）。
    为什么：
        一年期项目要求“≥400天”，在项目期内不可能实现。
    不合格示例：
        时效指标: 流动服务运行天数 = ≥400天
    合格示例：
        时效指标: 流动服务运行天数 = ≥300天
    依据：
        财预〔2015〕88号第三章“可行性审核”：绩效目标能否在项目实施期内实现；
        政策数据 days_per_year。
    """
    years = ctx.period_years
    if years is None:
        return
    days = ctx.policy.number("days_per_year")
    limits = {"个月": _TWELVE * len(years), "天": days * len(years), "日": days * len(years)}
    for row in ctx.real_rows:
        v = row.value
        limit = limits.get(v.unit)
        if limit and v.number and v.operator not in _DOWN and v.number > limit:
            yield row.hit(period=ctx.decl.period, limit=f"{limit}{v.unit}", days=days)


@rule(
    "F504",
    "period-excludes-year",
    Severity.ERROR,
    _F,
    "gz88-feasibility",
    "项目期“{period}”不包含申报年度{year}年。",
    "核对项目期与申报年度：年度绩效目标的项目期应包含申报当年。",
)
def period_excludes_year(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        项目期写明的年份是否包含申报表的年度（如“（2025年度）”）。
    为什么：
        项目期已结束或尚未开始，年度目标不可能在期内实现，常见于照抄旧表。
    不合格示例：
        项目期: 2019-2021
    合格示例：
        项目期: 2024-2026
    依据：
        财预〔2015〕88号第三章“可行性审核”；申报表表注。
    """
    years = ctx.period_years
    year = ctx.decl.year
    if ctx.decl.period and years is not None and year is not None and year not in years:
        yield ctx.hit(period=ctx.decl.period, year=year)


@rule(
    "F505",
    "date-outside-period",
    Severity.WARNING,
    _F,
    "gz88-feasibility",
    "指标“{name}”的完成时限“{value}”在{year}年，不在本项目期（{period}）内。",
    "把完成时限定在项目期内，如“≤{last}年12月31日”；跨年度的任务应单独说明。",
)
def date_outside_period(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        指标值中写明年份的日期（如“2024年11月前”“2026年6月30日前”）是否在项目期之内。
    为什么：
        年度绩效目标只衡量项目期；期限落在项目期之外，年终自评时无法考核。
    不合格示例：
        时效指标: 购书完成时间 = 2024年11月前
    合格示例：
        时效指标: 购书完成时间 = 2025年11月前
    依据：
        财预〔2015〕88号第三章“可行性审核”；申报表表注：涵盖年限为项目预算申报当年。
    """
    years = ctx.period_years
    if years is None:
        return
    period = ctx.decl.period or f"{ctx.decl.year}年"
    for row in ctx.quantitative_rows:
        year = row.value.year
        if year is not None and year not in years:
            yield row.hit(year=str(year), period=period, last=str(years[-1]))
