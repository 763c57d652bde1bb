"""指标值: quantified where required, readable, with sensible operators and units."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model import Level2, Requirement
from jixiao.review.context import BENEFIT_GROUPS, COST_GROUPS, FormContext, find_word, num
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule
from jixiao.values import Operator, ValueKind

_V = Dimension.VALUES
_HUNDRED = Decimal(100)
_UP = (Operator.GE, Operator.GT)
_DOWN = (Operator.LE, Operator.LT)
_EXACT = (None, Operator.EQ)
_RANGE = Operator.RANGE
_QUANTIFIED = Requirement.QUANTIFIED
_QUALITATIVE = ValueKind.QUALITATIVE
_FREE_TEXT = ValueKind.FREE_TEXT
_TIMELINESS = frozenset({Level2.TIMELINESS})
_QUANTITY = frozenset({Level2.QUANTITY})
_POSITIVE_RATE_GROUPS = BENEFIT_GROUPS | {Level2.QUALITY, Level2.SERVICE_SATISFACTION}


@rule(
    "V201",
    "quantified-value-missing",
    Severity.ERROR,
    _V,
    "yc2025-template",
    "“{group}”要求量化，但指标“{name}”的指标值为“{value}”，不是可衡量的数值。",
    "改为带数值和计量单位的指标值，如“≥95%”“30日内”“≥120次”。",
)
def quantified_value_missing(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        注记（或审核配置）为“必填量化”的二级指标下，指标值是否为定性词（合格、有效、全年…）。
    为什么：
        必填量化的指标要在年终用数字核对完成情况；定性词无法比较实际完成值。
    不合格示例：
        时效指标（必填量化）: 宣传推广时间 = 全年
    合格示例：
        时效指标（必填量化）: 宣传推广完成时限 = 11月前
    依据：
        银川市附件2模板注记“（必填量化）”；财预〔2015〕88号第二章：绩效指标应细化、量化。
    """
    for row in ctx.qualitative_rows:
        if row.requirement is _QUANTIFIED:
            yield row.hit()


@rule(
    "V202",
    "vague-value",
    Severity.WARNING,
    _V,
    "vague_terms",
    "指标“{name}”的指标值“{value}”过于笼统，年终无法判断是否完成。",
    "改为可衡量的表述，如提升的幅度（“≥5%”）、数量或可核验的完成标志。",
)
def vague_value(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        非“必填量化”的二级指标下，指标值是否为笼统的定性词（vague_terms：有效、长期、
        效果好、明显提升……）。必填量化的二级指标由 V201 报告。
    为什么：
        “效果好”“长期”没有判断标准，自评时只能自说自话。
    不合格示例：
        社会效益指标: 推动全民阅读 = 效果好
    合格示例：
        社会效益指标: 服务基层读者人次 = ≥6000人次
    依据：
        财预〔2015〕88号第三章“相关性审核”：指标是否细化、量化；政策数据 vague_terms。
    """
    vague = ctx.policy.word_set("vague_terms")
    for row in ctx.qualitative_rows:
        if row.requirement is not _QUANTIFIED and row.value.term in vague:
            yield row.hit()


@rule(
    "V203",
    "timeliness-measures-nothing",
    Severity.WARNING,
    _V,
    "whole_year_terms",
    "时效指标“{name}”的指标值“{value}”只说明全年都在做，不能反映完成时限。",
    "写明完成时限或周期，如“30日内”“11月前”“≤24小时”。",
)
def timeliness_measures_nothing(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        时效指标的值是否只是覆盖全年：定性的“全年”“每月”“长期”（whole_year_terms，
        必填量化的由 V201 报告），或定量的“1-12月”“12个月”。
    为什么：
        时效指标衡量完成得快不快；“全年”对任何一年期项目都成立，衡量不了任何东西。
    不合格示例：
        时效指标: 购买服务工作人员服务时效 = 1-12月
    合格示例：
        时效指标: 新增图书上架时限 = ≤30日
    依据：
        财预〔2015〕88号第二章“绩效指标”；政策数据 whole_year_terms、whole_year_units。
    """
    terms = ctx.policy.words("whole_year_terms")
    units = ctx.policy.words("whole_year_units")
    for row in ctx.rows_in(_TIMELINESS):
        v = row.value
        if v.kind is _QUALITATIVE:
            hit = v.term in terms and row.requirement is not _QUANTIFIED
        else:
            whole_range = v.operator is _RANGE and v.number == 1 and v.upper == 12
            exact_year = v.operator in _EXACT and v.number == 12 and v.unit == "个月"
            hit = v.unit in units and (whole_range or exact_year)
        if hit:
            yield row.hit()


@rule(
    "V204",
    "percent-over-100",
    Severity.ERROR,
    _V,
    "cz101-values",
    "指标“{name}”的指标值“{value}”超过100%，比率不可能达到。",
    "比率最高为100%；如要求全部完成，写作“100%”。",
)
def percent_over_100(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        单位为“%”的指标值（含区间上限）是否超过100；名称含增长用语（growth_words）的除外。
    为什么：
        合格率、覆盖率等比率不会超过100%，超过说明数字或单位写错。
    不合格示例：
        质量指标: 新增图书验收合格率 = 120%
    合格示例：
        质量指标: 新增图书验收合格率 = 100%
    依据：
        财预〔2021〕101号“指标取值”；政策数据 growth_words。
    """
    growth = ctx.policy.pattern("growth_words")
    for row in ctx.percent_rows:
        v = row.value
        high = max(v.number or 0, v.upper or 0)
        if high > _HUNDRED and not find_word(row.name, growth):
            yield row.hit()


@rule(
    "V205",
    "rate-ge-100",
    Severity.WARNING,
    _V,
    "cz101-values",
    "指标“{name}”的指标值为“{value}”：比率最高为100%，“≥100%”就是要求100%，方向符号多余且易误解。",
    "改为“100%”；如不必全部达到，按实际设为“≥95%”等。",
)
def rate_ge_100(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        单位为“%”的指标值是否写作“≥100%”或“>100%”（等于100）。
    为什么：
        “≥100%”的符号没有意义，常见于照抄模板，说明目标值没有经过测算。
    不合格示例：
        质量指标: 新增图书验收合格率 = ≥100%
    合格示例：
        质量指标: 新增图书验收合格率 = 100%
    依据：
        财预〔2021〕101号“指标取值”：指标值应与指标性质相一致。
    """
    for row in ctx.percent_rows:
        v = row.value
        if v.operator in _UP and v.number == _HUNDRED:
            yield row.hit()


@rule(
    "V206",
    "unreadable-value",
    Severity.ERROR,
    _V,
    "cz101-values",
    "指标“{name}”的指标值“{value}”无法识别：{reason}",
    "按“≥35个”“≤1.1万册”“100%”“30日内”等形式填写，或使用“合格”等定性词。",
)
def unreadable_value(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        指标值是否能按指标值语法读出（运算符、数值、单位，或定性词）。
    为什么：
        读不出的指标值无法比较，也无法在监控和自评中计算完成率。
    不合格示例：
        时效指标: 新增图书上架时限 = 尽快
    合格示例：
        时效指标: 新增图书上架时限 = 30日内
    依据：
        财预〔2021〕101号“指标取值”。
    """
    for row in ctx.real_rows:
        if row.value.kind is _FREE_TEXT:
            yield row.hit(reason=row.value.reason or "无法识别")


@rule(
    "V207",
    "number-without-unit",
    Severity.WARNING,
    _V,
    "cz101-values",
    "指标“{name}”的指标值“{value}”没有计量单位。",
    "补充计量单位，如“个”“次”“万元”“%”。",
)
def number_without_unit(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        定量指标值是否缺少计量单位（只有数字，或只有“万”“亿”）。
    为什么：
        没有单位，“2万”是2万元还是2万册说不清，也无法与预算或实际值比较。
    不合格示例：
        数量指标: 流动服务次数 = ≥120
    合格示例：
        数量指标: 流动服务次数 = ≥120次
    依据：
        财预〔2021〕101号“指标取值”：指标值应与计量单位相一致。
    """
    for row in ctx.quantitative_rows:
        if not row.value.unit:
            yield row.hit()


@rule(
    "V208",
    "unit-contradicts-name",
    Severity.ERROR,
    _V,
    "name_units",
    "指标“{name}”按名称应以{expected}计量，但指标值“{value}”的单位是“{unit}”。",
    "使指标名称与计量单位一致：或改名称，或将指标值改为以{expected}计量。",
)
def unit_contradicts_name(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称中有计量用语（name_units：天数、次数、人数、台数、率）时，指标值的单位
        是否为该用语允许的单位。
    为什么：
        “外出督查天数 ≤4次/月”名称说天、数值说次，年终按哪个统计无法确定。
    不合格示例：
        数量指标: 流动服务天数 = ≥120次
    合格示例：
        数量指标: 流动服务天数 = ≥120天
    依据：
        财预〔2021〕101号“指标取值”；政策数据 name_units。
    """
    table = ctx.policy.word_table("name_units")
    keys = ctx.policy.pattern("name_units")
    for row in ctx.quantitative_rows:
        v = row.value
        word = find_word(row.name, keys) if v.unit else None
        if word and v.unit not in table[word]:
            yield row.hit(expected="、".join(f"“{u}”" for u in table[word]), unit=v.unit)


@rule(
    "V209",
    "operator-contradiction",
    Severity.WARNING,
    _V,
    "cz101-values",
    "指标“{name}”的指标值“{value}”自相矛盾：{note}。",
    "只保留一种表述，如“11月前”或“≤11月”。",
)
def operator_contradiction(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        指标值的符号与文字是否矛盾（如“≥11月前”：“≥”要求不早于，“前”要求不晚于）。
    为什么：
        方向矛盾的指标值无法判断完成与否。
    不合格示例：
        时效指标: 会费缴纳时间 = ≥11月前
    合格示例：
        时效指标: 会费缴纳时间 = 11月前
    依据：
        财预〔2021〕101号“指标取值”：指标值应与指标性质相一致。
    """
    for row in ctx.real_rows:
        for note in row.value.notes:
            yield row.hit(note=note.rstrip("。"))


@rule(
    "V210",
    "ge-on-cost",
    Severity.WARNING,
    _V,
    "cz101-values",
    "成本指标“{name}”的指标值“{value}”使用了“≥”，成本应控制在上限以内。",
    "成本指标用“≤”表示上限，或不带符号表示定额。",
)
def ge_on_cost(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        成本指标的指标值是否使用“≥”或“>”。
    为什么：
        “成本不少于X”鼓励多花钱，与成本控制的方向相反。
    不合格示例：
        成本指标: 购书费用 = ≥12万元
    合格示例：
        成本指标: 购书费用 = ≤12万元
    依据：
        财预〔2021〕101号“指标取值”：成本指标一般为反向指标。
    """
    for row in ctx.rows_in(COST_GROUPS):
        if row.value.operator in _UP:
            yield row.hit()


@rule(
    "V211",
    "ge-on-deadline",
    Severity.WARNING,
    _V,
    "time_units",
    "时效指标“{name}”的指标值“{value}”使用了“≥”，完成时限越长越差，方向相反。",
    "用“≤”或“……前”“……内”表示完成时限，如“30日内”“11月前”。",
)
def ge_on_deadline(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        时效指标中以时间为单位（time_units）的指标值是否使用“≥”或“>”；
        名称含计数用语（count_words，如“稳定天数”）的除外。
    为什么：
        时限是上限：“≥12个月”“≥11月前”等于没有时限。
    不合格示例：
        时效指标: 购买服务时间 = ≥12个月
    合格示例：
        时效指标: 运维技术服务稳定天数 = ≥350天
    依据：
        财预〔2021〕101号“指标取值”；政策数据 time_units、count_words。
    """
    units = ctx.policy.words("time_units")
    counts = ctx.policy.pattern("count_words")
    for row in ctx.rows_in(_TIMELINESS):
        v = row.value
        if v.operator in _UP and v.unit in units and not find_word(row.name, counts):
            yield row.hit()


@rule(
    "V212",
    "le-on-output-count",
    Severity.WARNING,
    _V,
    "cz101-values",
    "数量指标“{name}”的指标值“{value}”使用了“≤”，产出数量应为下限或确数。",
    "改为“≥{target}”或确数“{target}”。",
)
def le_on_output_count(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        数量指标的指标值是否使用“≤”或“<”。
    为什么：
        “印制≤1.1万册”意味着少印甚至不印也算完成，数量指标失去约束。
    不合格示例：
        数量指标: 新增图书数量 = ≤2000册
    合格示例：
        数量指标: 新增图书数量 = ≥2000册
    依据：
        财预〔2021〕101号“指标取值”：数量指标一般为正向指标。
    """
    for row in ctx.rows_in(_QUANTITY):
        v = row.value
        if v.operator in _DOWN and v.number is not None:
            target = f"{num(v.number)}{v.scale or ''}{v.unit}"
            yield row.hit(target=target)


@rule(
    "V213",
    "rate-without-operator",
    Severity.INFO,
    _V,
    "reverse_words",
    "指标“{name}”的指标值“{value}”没有方向符号，按“等于{value}”考核，超过也不算达标。",
    "正向指标写作“≥{value}”。",
)
def rate_without_operator(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        质量、效益、满意度指标中低于100%的百分比是否没有“≥”等符号；
        名称为反向比率（reverse_words，如“故障率”）的除外。
    为什么：
        “满意度95%”严格说是等于95%，实际达到98%反而与目标不符；应写明方向。
    不合格示例：
        服务对象满意度指标: 读者满意度 = 95%
    合格示例：
        服务对象满意度指标: 读者满意度 = ≥95%
    依据：
        财预〔2021〕101号“指标取值”：指标性质分正向、反向、定性；政策数据 reverse_words。
    """
    reverse = ctx.policy.pattern("reverse_words")
    for row in ctx.rows_in(_POSITIVE_RATE_GROUPS):
        v = row.value
        bare = v.operator is None and v.unit == "%" and v.number is not None
        if (
            bare
            and v.number is not None
            and v.number < _HUNDRED
            and not find_word(row.name, reverse)
        ):
            yield row.hit()
