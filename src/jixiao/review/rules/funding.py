"""适当性 (money): funding arithmetic and cost indicators against the annual budget.

All money is Decimal. Cost values are converted to 万元 (元 ÷ 10000, 亿元 × 10000) before
they are compared with 年度资金总额, which the form prints in 万元.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from jixiao.model import Level2
from jixiao.review.context import (
    BUDGET_GROUPS,
    TEN_THOUSAND,
    FormContext,
    Money,
    Row,
    is_money,
    num,
    wan,
)
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule

_A = Dimension.APPROPRIATENESS
_PARENS = re.compile(r"[（(][^）)]*[）)]")
_COUNT_SUFFIX = re.compile(r"(?:数量|人数|个数|台数|总数|数)$")
_MAX_CANDIDATES = 8
_QUANTITY = frozenset({Level2.QUANTITY})


@rule(
    "A401",
    "funding-sum-mismatch",
    Severity.ERROR,
    _A,
    "funding_tolerance",
    "年度资金总额{total}万元不等于财政拨款{fiscal}万元与其他资金{other}万元之和"
    "（{expected}万元），相差{diff}万元。",
    "核对项目资金：年度资金总额应等于财政拨款加其他资金。",
)
def funding_sum_mismatch(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        年度资金总额 = 财政拨款 + 其他资金（其他资金空白按0计），允许误差见 funding_tolerance。
    为什么：
        资金来源合计与总额不符，说明金额填写有误，后续的成本核对都失去依据。
    不合格示例：
        年度资金总额: 60
        财政拨款: 50
        其他资金: 0
    合格示例：
        年度资金总额: 60
        财政拨款: 50
        其他资金: 10
    依据：
        财预〔2015〕88号第三章“完整性审核”；政策数据 funding_tolerance。
    """
    funding = ctx.decl.funding
    if funding.annual_total is None or funding.fiscal is None:
        return
    other = funding.other or Decimal(0)
    diff = funding.annual_total - funding.fiscal - other
    if abs(diff) > ctx.policy.number("funding_tolerance"):
        yield ctx.hit(
            funding.location,
            total=funding.annual_total,
            fiscal=funding.fiscal,
            other=other,
            expected=funding.fiscal + other,
            diff=abs(diff),
        )


def _budget(ctx: FormContext) -> Decimal | None:
    total = ctx.decl.funding.annual_total
    return total if total and total > 0 else None


@rule(
    "A402",
    "cost-exceeds-budget",
    Severity.ERROR,
    _A,
    "gz88-appropriateness",
    "成本指标“{name}”为{amount}万元，超过年度资金总额{total}万元。",
    "核实该项成本的金额和单位（元/万元），单项成本不应超过年度资金总额。",
)
def cost_exceeds_budget(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        单项成本指标（换算为万元后）是否超过年度资金总额。
    为什么：
        单项成本大于全部预算，通常是把“元”写成了“万元”，或把多年金额写进了年度表。
    不合格示例：
        成本指标: 购书费用 = ≤25万元
    合格示例：
        成本指标: 购书费用 = ≤12万元
    依据：
        财预〔2015〕88号第三章“适当性审核”：资金规模与绩效目标是否匹配。
    """
    total = _budget(ctx)
    for row, amount, _ in ctx.budget_money() if total else ():
        if total is not None and amount is not None and amount > total:
            yield row.hit(amount=wan(amount), total=total)


@rule(
    "A403",
    "cost-sum-mismatch",
    Severity.ERROR,
    _A,
    "cost_sum_tolerance",
    "成本指标合计{sum}万元，与年度资金总额{total}万元相差{diff}万元（{percent}%），"
    "成本指标未能如实反映预算资金的安排。",
    "逐项核对成本指标的金额和单位，使成本指标合计与年度资金总额一致。",
)
def cost_sum_mismatch(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        成本指标均为总额时，其合计（换算为万元）与年度资金总额的相对偏差是否超过
        cost_sum_tolerance。含单价（如“元/人/年”）的表由 A404 核对。
    为什么：
        成本指标是预算资金的细化；合计偏离预算，说明有支出未列或金额、单位有误。
    不合格示例：
        成本指标: 购书费用 = ≤12万元
        成本指标: 流动服务车辆运行费用 = ≤3万元
    合格示例：
        成本指标: 购书费用 = ≤12万元
        成本指标: 流动服务车辆运行费用 = ≤8万元
    依据：
        财预〔2015〕88号第三章“适当性审核”；政策数据 cost_sum_tolerance。
    """
    total = _budget(ctx)
    amounts = _cost_totals(ctx)
    if total is None or amounts is None:
        return
    declared = sum(amounts.values(), Decimal(0))
    diff = abs(declared - total)
    if diff > total * ctx.policy.number("cost_sum_tolerance"):
        first = next(iter(amounts))
        percent = (diff * 100 / total).quantize(Decimal("0.1"))
        yield first.hit(sum=wan(declared), total=total, diff=wan(diff), percent=percent)


def _cost_totals(ctx: FormContext) -> dict[Row, Decimal] | None:
    """Money totals (万元) of the cost rows, or None when any row is per-unit or absent."""
    money = ctx.budget_money()
    if not money or any(m.unit_price for m in money):
        return None
    return {m.row: m.total for m in money if m.total is not None} or None


def _counted(ctx: FormContext) -> list[Row]:
    """The 数量指标 rows a per-unit cost can be counted by: one number, no 万/亿 scale."""
    return [
        r
        for r in ctx.rows_in(_QUANTITY)
        if r.value.number is not None and r.value.upper is None and not r.value.scale
    ]


def _quantity_by_unit(quantities: list[Row], cost: Row, unit: str) -> Row | None:
    """The quantity in ``unit`` (what ``cost`` is paid per) sharing most characters with it."""
    same_unit = [q for q in quantities if q.value.unit == unit]
    return max(same_unit, key=lambda q: _shared(q.name, cost.name), default=None)


def _quantity_by_subject(subjects: list[tuple[str, Row]], cost: Row) -> Row | None:
    """The first quantity whose subject (see :func:`_subject`) the cost's name mentions."""
    cost_name = _PARENS.sub("", cost.name)
    for subject, q in subjects:
        if subject and subject in cost_name:
            return q
    return None


def _subject(name: str) -> str:
    """What a quantity counts: 政府批准短期用工人员数量 → 政府批准短期用工人员."""
    subject = _COUNT_SUFFIX.sub("", _PARENS.sub("", name))
    return subject if len(subject) >= 2 else ""


def _shared(a: str, b: str) -> int:
    return sum(1 for ch in set(a) if ch in b)


@rule(
    "A404",
    "per-unit-cost-mismatch",
    Severity.ERROR,
    _A,
    "reconcile_tolerance",
    "按成本指标单价与数量指标推算：{arithmetic} = {expected}万元，与年度资金总额{total}万元"
    "相差{diff}万元，单价、数量与预算不能相互印证。",
    "核实单价和数量指标“{quantity}”，使单价×数量与年度资金总额一致，或说明差额的来源。",
)
def per_unit_cost_mismatch(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        成本指标以单价填写（如“61320元/人/年”）时，用数量指标中同一计量单位的数量
        （如“130人”）推算总额：Σ 单价 × 数量 + 其他总额成本，与年度资金总额比较，
        相对偏差超过 reconcile_tolerance 即报告，并写出算式。
    为什么：
        单价×数量与预算对不上，说明人数、单价或预算至少一项有误，预算可能虚增或不足。
    不合格示例：
        数量指标: 服务人员数量 = 10人
        成本指标: 服务人员工资 = 30000元/人/年
    合格示例：
        数量指标: 服务人员数量 = 10人
        成本指标: 服务人员工资 = 20000元/人/年
    依据：
        财预〔2015〕88号第三章“适当性审核”；政策数据 reconcile_tolerance。
    """
    total = _budget(ctx)
    money = ctx.budget_money()
    if total is None or not any(m.unit_price for m in money):
        return
    reckoned = _reckon(ctx, money)
    if reckoned is None:
        return
    terms, expected, quantity = reckoned
    diff = abs(expected - total)
    if diff > total * ctx.policy.number("reconcile_tolerance"):
        first = next(m.row for m in money if m.unit_price)
        arithmetic = " + ".join(terms)
        yield first.hit(
            arithmetic=arithmetic,
            expected=wan(expected),
            total=total,
            diff=wan(diff),
            quantity=quantity,
        )


def _reckon(ctx: FormContext, money: list[Money]) -> tuple[list[str], Decimal, str] | None:
    """The terms of Σ price × quantity + totals, their sum (万元) and the quantity used."""
    terms, expected, quantity = [], Decimal(0), ""
    quantities = _counted(ctx)
    for row, amount, price in money:
        if price is None:
            if amount is None:
                return None
            terms.append(f"{wan(amount)}万元")
            expected += amount
            continue
        q = _quantity_by_unit(quantities, row, price[1])
        if q is None or q.value.number is None:
            return None
        terms.append(f"{num(price[0])}{row.value.unit}×{num(q.value.number)}{q.value.unit}")
        expected += price[0] * q.value.number / TEN_THOUSAND
        quantity = q.name
    return terms, expected, quantity


@rule(
    "A405",
    "per-unit-cost-as-total",
    Severity.WARNING,
    _A,
    "reconcile_tolerance",
    "成本指标合计{declared}万元与年度资金总额{total}万元不符；若{explained}，"
    "成本合计为{reconciled}万元，与预算相差{diff}万元，基本相符。该指标填写的应是单价而非总额。",
    "将{names}的指标值写明单价口径（如“{suggestion}”），或改填总额，使成本合计与预算一致。",
)
def per_unit_cost_as_total(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        成本指标合计与预算不符时，推断原因：若把名称与某项数量指标同一对象
        （如“短期用工人员全年薪酬”与“短期用工人员数量 7人”）的成本按单价乘以该数量，
        合计即与年度资金总额相符（偏差不超过 reconcile_tolerance），则报告该推断和算式。
    为什么：
        单价被当作总额填写，使成本指标看起来与预算不符；写清口径才能核对资金。
    不合格示例：
        年度资金总额: 20
        财政拨款: 20
        数量指标: 图书管理员数量 = 2人
        成本指标: 购书费用 = ≤12万元
        成本指标: 图书管理员全年薪酬 = 40000元
    合格示例：
        年度资金总额: 20
        财政拨款: 20
        数量指标: 图书管理员数量 = 2人
        成本指标: 购书费用 = ≤12万元
        成本指标: 图书管理员全年薪酬 = 80000元
    依据：
        财预〔2015〕88号第三章“适当性审核”；政策数据 reconcile_tolerance。
    """
    total = _budget(ctx)
    amounts = _cost_totals(ctx)
    if total is None or amounts is None:
        return
    declared = sum(amounts.values(), Decimal(0))
    if abs(declared - total) <= total * ctx.policy.number("cost_sum_tolerance"):
        return
    found = _explain(ctx, amounts, declared, total)
    if found is not None:
        rows, reconciled = found
        yield _explained_hit(rows, declared, total, reconciled)


def _explain(
    ctx: FormContext, amounts: dict[Row, Decimal], declared: Decimal, total: Decimal
) -> tuple[list[tuple[Row, Row]], Decimal] | None:
    """The smallest set of (cost, quantity) pairs whose per-unit reading reconciles."""
    candidates = []
    subjects = [(_subject(q.name), q) for q in _counted(ctx)]  # once, not per cost row
    for row in amounts:
        q = _quantity_by_subject(subjects, row)
        if q is not None and q.value.number is not None and q.value.number > 1:
            candidates.append((row, q))
    tolerance = total * ctx.policy.number("reconcile_tolerance")
    for size in range(1, min(len(candidates), _MAX_CANDIDATES) + 1):
        for subset in combinations(candidates, size):
            extra = sum(
                (amounts[c] * ((q.value.number or Decimal(1)) - 1) for c, q in subset), Decimal(0)
            )
            if abs(declared + extra - total) <= tolerance:
                return list(subset), declared + extra
    return None


def _explained_hit(
    pairs: list[tuple[Row, Row]], declared: Decimal, total: Decimal, reconciled: Decimal
) -> Hit:
    parts = []
    for cost, q in pairs:
        each = (cost.value.number or Decimal(0)) * (
            cost.value.scale.factor if cost.value.scale else 1
        )
        n = q.value.number or Decimal(1)
        parts.append(
            f"“{cost.name}”{num(each)}{cost.value.unit}为每{q.value.unit}标准，"
            f"按数量指标“{q.name}”{num(n)}{q.value.unit}计算"
            f"（{num(each)}{cost.value.unit}×{num(n)}{q.value.unit}={num(each * n)}"
            f"{cost.value.unit}）"
        )
    first, quantity = pairs[0]
    suggestion = f"{first.indicator.display_value}/{quantity.value.unit}/年"
    return first.hit(
        declared=wan(declared),
        total=total,
        explained="；".join(parts),
        reconciled=wan(reconciled),
        diff=wan(abs(reconciled - total)),
        names="、".join(f"“{c.name}”" for c, _ in pairs),
        suggestion=suggestion,
    )


@rule(
    "A406",
    "cost-not-money",
    Severity.ERROR,
    _A,
    "cz101-values",
    "成本指标“{name}”的指标值“{value}”不是金额，无法与预算核对。",
    "成本指标以元或万元为单位填写，如“≤12万元”“61320元/人/年”。",
)
def cost_not_money(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        成本指标下的定量指标值是否带有金额单位（元、万元、元/人/年等）。
    为什么：
        “≤2万”“100%”这样的成本值无法换算，也就无法与年度资金总额核对。
    不合格示例：
        成本指标: 购书费用 = ≤12万
    合格示例：
        成本指标: 购书费用 = ≤12万元
    依据：
        财预〔2021〕101号“指标取值”：指标值应与计量单位相一致。
    """
    for row in ctx.rows_in(BUDGET_GROUPS):
        if row.value.is_quantitative and not is_money(row.value):
            yield row.hit()
