"""相关性 (goal): numbers stated in 年度总体目标 must agree with the indicators and funding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import TEN_THOUSAND, FormContext, Row
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule

_R = Dimension.RELEVANCE
_MIN_KEY = 3
_GAP = r"[^。；;，,%0-9]{0,6}?"
_AMOUNT = re.compile(
    r"(?:经费|资金|预算)(?:共计|合计|总额|总计|为)?\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元)"
)
_MEASURE_END = ("率", "度")


def _rate_keys(name: str) -> list[str]:
    """Suffixes of the name ending at its last 率/度, longest first (及时回访率, …, 回访率)."""
    end = max(name.rfind(ch) for ch in _MEASURE_END)
    if end < _MIN_KEY - 1:
        return []
    stem = name[: end + 1]
    return [stem[i:] for i in range(0, len(stem) - _MIN_KEY + 1)]


def _goal_rate(goal: str, row: Row) -> tuple[str, Decimal] | None:
    """The goal's statement of this row's rate, as (excerpt, number), if it has one."""
    for key in _rate_keys(row.name):
        if key not in goal:
            continue
        match = re.search(re.escape(key) + _GAP + r"([0-9]+(?:\.[0-9]+)?)\s*%", goal)
        if match:
            tail = goal[match.end() : match.end() + 2]
            suffix = tail if tail in ("以上", "以下") else ""
            return match.group(0) + suffix, Decimal(match.group(1))
    return None


@rule(
    "R307",
    "goal-contradicts-indicator",
    Severity.ERROR,
    _R,
    "gz88-relevance",
    "年度总体目标写明“{excerpt}”，而指标“{name}”的指标值为“{value}”，两者不一致。",
    "统一年度总体目标与指标值：如目标确为{goal_number}%，指标值应相应改为{goal_number}%。",
)
def goal_contradicts_indicator(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        百分比指标的名称（取到最后一个“率”或“度”，至少三个字）若在年度总体目标中出现，
        并紧跟一个百分比，该百分比是否等于指标值。
    为什么：
        总体目标和指标是同一承诺的两种写法；数字不一致时，年终按哪个考核说不清。
    不合格示例：
        年度总体目标: 本项目经费20万元，全年服务不少于120次，读者满意度达到95%以上。
    合格示例：
        年度总体目标: 本项目经费20万元，全年服务不少于120次，读者满意度达到90%以上。
    依据：
        财预〔2015〕88号第三章“相关性审核”：绩效指标是否与绩效目标相对应。
    """
    goal = ctx.decl.annual_goal
    if "%" not in goal:
        return
    for row in ctx.percent_rows:
        v = row.value
        if v.number is None:
            continue
        stated = _goal_rate(goal, row)
        if stated is not None and stated[1] != v.number:
            yield row.hit(excerpt=stated[0], goal_number=stated[1])


@rule(
    "R308",
    "goal-amount-mismatch",
    Severity.ERROR,
    _R,
    "gz88-relevance",
    "年度总体目标写明项目资金{goal_amount}万元，与年度资金总额{total}万元不一致。",
    "核对年度总体目标中的金额与“年度资金总额”，两处应一致。",
)
def goal_amount_mismatch(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        年度总体目标中第一处“经费/资金/预算（共计）X万元”的金额是否等于年度资金总额。
    为什么：
        目标文字与资金栏金额不同，说明表格经过改动而未同步，审核无法确认真实规模。
    不合格示例：
        年度总体目标: 本项目经费25万元，用于流动图书车服务，全年服务不少于120次。
    合格示例：
        年度总体目标: 本项目经费20万元，用于流动图书车服务，全年服务不少于120次。
    依据：
        财预〔2015〕88号第三章“相关性审核”“适当性审核”。
    """
    total = ctx.decl.funding.annual_total
    match = _AMOUNT.search(ctx.decl.annual_goal)
    if total is None or match is None:
        return
    amount = Decimal(match.group(1))
    amount = amount / TEN_THOUSAND if match.group(2) == "元" else amount
    if abs(amount - total) > ctx.policy.number("funding_tolerance"):
        yield ctx.hit(goal_amount=amount, total=total)
