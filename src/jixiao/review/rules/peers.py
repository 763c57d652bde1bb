"""批量 beyond one department: copied indicators, identical goals, unit prices, values, years.

Each rule compares the forms of one run with each other — a province's published forms, a
finance bureau's intake — across departments and years. B601 keeps to one department; these
look wider. B605 judges a value against its peers in the run, or against the 指标库 when the
review is given one (the web does); B606 compares two adjacent years of one project.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from jixiao.library.continuity import Change, budget_change, compare_years, percent_text
from jixiao.model import Level2
from jixiao.review.context import BatchContext, FormSummary, Row, normal_name, num, per_unit
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, Scope, rule
from jixiao.review.rules.batch import foreign_term
from jixiao.values import Operator, ValueKind


def _owner(ctx: FormSummary) -> str:
    return ctx.decl.department.name.strip() or ctx.decl.implementer.name.strip()


@rule(
    "B602",
    "copied-indicator-across-departments",
    Severity.WARNING,
    Dimension.RELEVANCE,
    "gz88-relevance",
    "指标“{name}”与{owner}的项目“{other}”的指标完全相同，其中“{term}”与本项目“{project}”"
    "不符，疑为跨部门照搬。",
    "按本项目（{project}）的实际内容重新设置该指标。",
    scope=Scope.BATCH,
)
def copied_indicator_across_departments(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        不同主管部门（或不同年度）的项目中，名称完全相同的指标若含有对方项目名称中的用语
        （至少三个字），而该用语不见于本项目的名称和年度总体目标，则判为照搬。同一部门、
        同一年度的情形由 B601 检查。
    为什么：
        跨部门、跨年度套用他人的指标表（如教育项目写“聘用人员”），指标没有针对本项目设置。
    不合格示例：
        项目名称: 政府聘用人员经费
        社会效益指标: 提升聘用人员工作质量 = ≥90%
        ---
        项目名称: 乡村学校教师培训
        主管部门: 银川市教育局
        年度总体目标: 本项目经费20万元，用于乡村学校教师全年培训。
        社会效益指标: 提升聘用人员工作质量 = ≥90%
    合格示例：
        项目名称: 政府聘用人员经费
        社会效益指标: 提升聘用人员工作质量 = ≥90%
        ---
        项目名称: 乡村学校教师培训
        主管部门: 银川市教育局
        年度总体目标: 本项目经费20万元，用于乡村学校教师全年培训。
        社会效益指标: 提升乡村教师教学质量 = ≥90%
    依据：
        财预〔2015〕88号第三章“相关性审核”：绩效目标与项目内容是否相关。
    """
    # row key → project name → its rows: each distinct project is compared once, however
    # many forms repeat it (a batch often holds the same project for several years)
    index: dict[str, dict[str, list[tuple[int, Row]]]] = defaultdict(dict)
    for i, ctx in enumerate(batch.forms):
        for row in ctx.real_rows:
            index[row.key].setdefault(ctx.decl.project_name, []).append((i, row))
    cache: dict[tuple[str, str, str], str] = {}
    for projects in index.values():
        if len(projects) > 1:
            yield from _foreign(batch.forms, projects, cache)


def _foreign(
    forms: tuple[FormSummary, ...],
    projects: dict[str, list[tuple[int, Row]]],
    cache: dict[tuple[str, str, str], str],
) -> Iterator[Hit]:
    for project, rows in projects.items():
        for i, row in rows:
            me = forms[i]
            own = project + me.decl.annual_goal
            for other_name, other_rows in projects.items():
                other = forms[other_rows[0][0]]
                if other_name == project or _same_owner_and_year(me, other):
                    continue
                key = (row.name, other_name, own)
                term = cache.get(key)
                if term is None:
                    term = cache[key] = foreign_term(row.name, other_name, own)
                if term:
                    yield row.hit(
                        owner=_owner(other) or "其他单位",
                        other=other_name,
                        term=term,
                        project=project,
                    )._replace(form=i)
                    break


def _same_owner_and_year(a: FormSummary, b: FormSummary) -> bool:
    """B601's ground: one department, one year."""
    return _owner(a) == _owner(b) and a.decl.year == b.decl.year


@rule(
    "B603",
    "identical-goal-text",
    Severity.WARNING,
    Dimension.COMPLETENESS,
    "gz88-completeness",
    "年度总体目标与项目“{other}”（{owner}）的年度总体目标一字不差，疑为照抄。",
    "按本项目（{project}）的内容、对象和数量重写年度总体目标。",
    scope=Scope.BATCH,
)
def identical_goal_text(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        两个名称不同的项目，年度总体目标（去掉空格和标点后）完全相同，且不短于
        ``goal_copy_min_length`` 个字。
    为什么：
        年度总体目标应说明本项目做什么、为谁做、做多少；照抄另一项目的目标，说明目标
        没有针对本项目填写。
    不合格示例：
        项目名称: 城市图书馆流动服务经费
        ---
        项目名称: 社区文化活动中心运行经费
    合格示例：
        项目名称: 城市图书馆流动服务经费
        ---
        项目名称: 社区文化活动中心运行经费
        年度总体目标: 本项目经费20万元，用于12个社区文化活动中心全年开放运行，开展活动不少于300场。
    依据：
        财预〔2015〕88号第三章“完整性审核”：绩效目标是否明确、清晰。
    """
    seen: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for i, ctx in enumerate(batch.forms):
        goal = normal_name(ctx.decl.annual_goal)
        if len(goal) >= ctx.policy.number("goal_copy_min_length"):
            seen[goal].setdefault(ctx.decl.project_name, []).append(i)
    for projects in seen.values():
        if len(projects) < 2:
            continue
        for name, indexes in projects.items():
            other_name = next(n for n in projects if n != name)
            other = batch.forms[projects[other_name][0]]
            for i in indexes:
                hit = batch.forms[i].hit(other=other_name, owner=_owner(other) or "其他单位")
                yield hit._replace(form=i)


@rule(
    "B604",
    "unit-price-spread",
    Severity.WARNING,
    Dimension.APPROPRIATENESS,
    "peer_unit_price_ratio",
    "同名成本指标“{name}”在本批项目中的单价相差悬殊：本项目{price}元/{unit}，"
    "“{other}”为{other_price}元/{unit}（相差{ratio}倍）。",
    "核实单价的测算依据，或说明本项目单价与同类项目不同的原因。",
    scope=Scope.BATCH,
)
def unit_price_spread(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        不同项目中名称相同、计量单位相同的单价类成本指标（元/人、元/次、元/人/年等），
        最高价与最低价之比达到 ``peer_unit_price_ratio`` 时，最高价和最低价所在的项目各报一次。
    为什么：
        同样的东西单价相差数倍，往往是测算错误、单位写错（元与万元），或预算偏高。
    不合格示例：
        项目名称: 城市图书馆流动服务经费
        成本指标: 志愿者误餐补助标准 = ≤30元/人/次
        ---
        项目名称: 社区文化活动中心运行经费
        成本指标: 志愿者误餐补助标准 = ≤150元/人/次
    合格示例：
        项目名称: 城市图书馆流动服务经费
        成本指标: 志愿者误餐补助标准 = ≤30元/人/次
        ---
        项目名称: 社区文化活动中心运行经费
        成本指标: 志愿者误餐补助标准 = ≤40元/人/次
    依据：
        财预〔2015〕88号第三章“适当性审核”：资金规模与绩效目标是否匹配（jixiao 审核实务的比值）。
    """
    prices: dict[tuple[str, str], list[tuple[Decimal, int, Row]]] = defaultdict(list)
    for i, ctx in enumerate(batch.forms):
        for row in ctx.real_rows:
            price = per_unit(row.value)
            if price is not None and price[0] > 0:
                prices[(row.key, row.value.unit)].append((price[0], i, row))
    for (_, unit), found in prices.items():
        low, high = min(found, key=lambda p: p[0]), max(found, key=lambda p: p[0])
        ratio = high[0] / low[0]
        if low[1] == high[1] or ratio < batch.forms[low[1]].policy.number("peer_unit_price_ratio"):
            continue
        shown = unit.removeprefix("元/")
        for me, other in ((high, low), (low, high)):
            ctx = batch.forms[other[1]]
            yield (
                me[2]
                .hit(
                    price=num(me[0]),
                    other=ctx.decl.project_name,
                    other_price=num(other[0]),
                    unit=shown,
                    ratio=num(ratio.quantize(Decimal("0.1"))),
                )
                ._replace(form=me[1])
            )


@rule(
    "B605",
    "value-outside-peer-range",
    Severity.INFO,
    Dimension.APPROPRIATENESS,
    "library_outlier_fence",
    "指标值{value}明显偏离同类指标的常见取值{range}（来自{count}个取值）。",
    "核实指标值；确属本项目特点的，在指标解释中说明。",
    scope=Scope.BATCH,
)
def value_outside_peer_range(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        同一二级指标下名称相同、计量单位相同的定量指标，至少有 ``library_outlier_min_count``
        个取值时，取值落在四分位区间之外超过 ``library_outlier_fence`` 倍四分位距（Tukey
        围栏）即报。网页审核时以指标库（由已通过的申报表学习）为准。
    为什么：
        同类项目普遍写 90% 以上的满意度，本项目写 60%，或数量差一个数量级，多半是目标
        定得过低、过高或单位写错。
    不合格示例：
        项目名称: 甲
        服务对象满意度指标: 读者满意度 = ≥90%
        ---
        项目名称: 乙
        服务对象满意度指标: 读者满意度 = ≥92%
        ---
        项目名称: 丙
        服务对象满意度指标: 读者满意度 = ≥88%
        ---
        项目名称: 丁
        服务对象满意度指标: 读者满意度 = ≥95%
        ---
        项目名称: 戊
        服务对象满意度指标: 读者满意度 = ≥50%
    合格示例：
        项目名称: 甲
        服务对象满意度指标: 读者满意度 = ≥90%
        ---
        项目名称: 乙
        服务对象满意度指标: 读者满意度 = ≥92%
        ---
        项目名称: 丙
        服务对象满意度指标: 读者满意度 = ≥88%
        ---
        项目名称: 丁
        服务对象满意度指标: 读者满意度 = ≥95%
        ---
        项目名称: 戊
        服务对象满意度指标: 读者满意度 = ≥91%
    依据：
        财预〔2015〕88号第三章“适当性审核”：绩效目标是否合理、是否过高或过低
        （围栏倍数为 jixiao 审核实务）。
    """
    if batch.library is not None:
        yield from _against_library(batch)
        return
    groups: dict[tuple[str, str, str], list[tuple[Decimal, int, Row]]] = defaultdict(list)
    for i, ctx in enumerate(batch.forms):
        for row in ctx.quantitative_rows:
            value = row.value
            if _countable(row) and value.number is not None:
                unit = (value.scale.value if value.scale else "") + value.unit
                groups[(row.level2, row.key, unit)].append((value.number, i, row))
    for (_, _, unit), found in groups.items():
        policy = batch.forms[found[0][1]].policy
        if len(found) < policy.number("library_outlier_min_count"):
            continue
        numbers = sorted(n for n, _, _ in found)
        low, _, high = statistics.quantiles(numbers, n=4, method="inclusive")
        spread = (high - low) * policy.number("library_outlier_fence")
        span = f"{num(low)}–{num(high)}{unit}"
        for number, i, row in found:
            if number < low - spread or number > high + spread:
                yield row.hit(range=span, count=len(found))._replace(form=i)


def _countable(row: Row) -> bool:
    value = row.value
    return (
        value.kind is ValueKind.QUANTITATIVE
        and value.operator is not Operator.RANGE
        and not (value.is_date)
    )


def _against_library(batch: BatchContext) -> Iterator[Hit]:
    library = batch.library
    assert library is not None
    for i, ctx in enumerate(batch.forms):
        for row in ctx.quantitative_rows:
            far = (
                library.outlier(row.level2.value, row.name, row.value) if _countable(row) else None
            )
            if far is not None:
                stats = far.stats
                span = f"{num(stats.low)}–{num(stats.high)}{stats.unit}"
                yield row.hit(range=span, count=stats.count)._replace(form=i)


@rule(
    "B606",
    "budget-changed-targets-not",
    Severity.WARNING,
    Dimension.APPROPRIATENESS,
    "continuity_budget_change",
    "年度资金总额较上年（{last_year}年）{direction}{percent}%（{before}万元 → {after}万元），"
    "而{count}个数量指标与上年完全相同，产出目标没有随预算调整。",
    "按本年预算重新测算数量指标，或说明预算变化而产出不变的原因。",
    scope=Scope.BATCH,
)
def budget_changed_targets_not(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        同一项目（项目名称与主管部门相同）相邻两个年度的申报表都在本批时，年度资金总额
        变化达到 ``continuity_budget_change``（比例），而后一年度的数量指标全部与上年相同。
    为什么：
        延续性项目常把上年的指标原样抄下：预算增加三成、产出一个不变，说明目标没有按本年
        预算测算（“先有预算，后有目标”）。
    不合格示例：
        年度: 2024
        年度资金总额: 20
        ---
        年度: 2025
        年度资金总额: 30
        财政拨款: 30
    合格示例：
        年度: 2024
        年度资金总额: 20
        ---
        年度: 2025
        年度资金总额: 30
        财政拨款: 30
        数量指标: 流动服务次数 = ≥180次
        数量指标: 新增图书数量 = ≥3000册
    依据：
        财预〔2015〕88号第三章“适当性审核”：资金规模与绩效目标是否匹配。
    """
    by_project: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for i, ctx in enumerate(batch.forms):
        if ctx.decl.year is not None:
            by_project[(ctx.decl.project_name, _owner(ctx))][ctx.decl.year] = i
    for years in by_project.values():
        for year, i in years.items():
            last = years.get(year - 1)
            if last is not None:
                yield from _unchanged(batch.forms[last], batch.forms[i], i)


def _unchanged(last: FormSummary, this: FormSummary, index: int) -> Iterator[Hit]:
    ratio = budget_change(last.decl, this.decl)
    if ratio is None or abs(ratio) < this.policy.number("continuity_budget_change"):
        return
    quantities = [c for c in compare_years(last.decl, this.decl) if c.level2 is Level2.QUANTITY]
    if quantities and all(c.change is Change.SAME for c in quantities):
        before, after = last.decl.funding.annual_total, this.decl.funding.annual_total
        assert before is not None and after is not None
        yield this.hit(
            last_year=last.decl.year,
            direction="增加" if ratio > 0 else "减少",
            percent=percent_text(ratio),
            before=num(before),
            after=num(after),
            count=len(quantities),
        )._replace(form=index)
