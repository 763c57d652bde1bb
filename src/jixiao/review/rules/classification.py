"""相关性 (classification): indicators under the wrong group, inputs used as outputs."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Level2
from jixiao.review.context import BENEFIT_GROUPS, COST_GROUPS, FormContext, find_word, is_money
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule

_R = Dimension.RELEVANCE
#: groups where a money amount cannot be right (经济效益 may legitimately be in 元)
_NO_MONEY = frozenset(Level2) - COST_GROUPS - {Level2.ECONOMIC_BENEFIT}
_NOT_SATISFACTION = frozenset(Level2) - {Level2.SERVICE_SATISFACTION}
_QUALITY = frozenset({Level2.QUALITY})


@rule(
    "R301",
    "cost-in-wrong-group",
    Severity.ERROR,
    _R,
    "gz88-indicators",
    "“{name}”（{value}）是成本指标，却填在“{group}”下。",
    "将“{name}”移至成本指标，并以元或万元为单位填写。",
)
def cost_in_wrong_group(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称含成本用语（cost_words，如“成本”“费用”）且指标值是金额（或只有“万”而无单位）
        的指标，是否填在成本指标以外的二级指标下（经济效益除外）。
    为什么：
        成本填在时效等指标下，既使该二级指标失真，又使成本指标合计与预算对不上。
    不合格示例：
        时效指标: 宣传片制作成本 = ≤2万
    合格示例：
        成本指标: 宣传片制作成本 = ≤2万元
    依据：
        财预〔2015〕88号第二章：产出指标包括数量、质量、时效、成本指标。
    """
    words = ctx.policy.pattern("cost_words")
    for row in ctx.rows_in(_NO_MONEY):
        v = row.value
        amount_like = is_money(v) or (not v.unit and v.scale is not None and v.is_quantitative)
        if amount_like and find_word(row.name, words):
            yield row.hit()


@rule(
    "R302",
    "satisfaction-in-wrong-group",
    Severity.ERROR,
    _R,
    "gz88-indicators",
    "“{name}”是满意度指标，却填在“{group}”下。",
    "将“{name}”移至服务对象满意度指标，并以百分比填写目标值；“{group}”应反映项目实际效果。",
)
def satisfaction_in_wrong_group(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称含满意度用语（satisfaction_words）的指标是否填在服务对象满意度指标以外。
    为什么：
        满意度放在效益指标下，效益指标就没有说明项目产生的真实效果。
    不合格示例：
        可持续影响指标: 读者满意度 = 长期
    合格示例：
        服务对象满意度指标: 读者满意度 = ≥90%
    依据：
        财预〔2015〕88号第二章：满意度指标单独设置。
    """
    words = ctx.policy.pattern("satisfaction_words")
    if not words.search(ctx.names(_NOT_SATISFACTION)):
        return
    for row in ctx.rows_in(_NOT_SATISFACTION):
        if find_word(row.name, words):
            yield row.hit()


@rule(
    "R303",
    "quality-in-benefit",
    Severity.WARNING,
    _R,
    "gz88-indicators",
    "“{name}”衡量的是产出质量（{word}），却填在效益指标“{group}”下。",
    "将“{name}”移至质量指标，并在效益指标中设置反映项目效果的指标。",
)
def quality_in_benefit(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称含质量用语（quality_rate_words，如“合格率”）的指标是否填在效益指标下。
    为什么：
        合格率是产出本身的质量，不是产出带来的效益；放错位置会让效益指标空心化。
    不合格示例：
        社会效益指标: 图书验收合格率 = 100%
    合格示例：
        社会效益指标: 服务基层读者人次 = ≥6000人次
    依据：
        财预〔2015〕88号第二章“绩效指标”。
    """
    words = ctx.policy.pattern("quality_rate_words")
    if not words.search(ctx.names(BENEFIT_GROUPS)):
        return
    for row in ctx.rows_in(BENEFIT_GROUPS):
        word = find_word(row.name, words)
        if word:
            yield row.hit(word=word)


@rule(
    "R304",
    "timeliness-in-quality",
    Severity.WARNING,
    _R,
    "gz88-indicators",
    "“{name}”衡量的是完成时效（{word}），却填在质量指标下。",
    "将“{name}”移至时效指标。",
)
def timeliness_in_quality(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称含时效用语（timeliness_words，如“及时率”“时限”）的指标是否填在质量指标下。
    为什么：
        时效和质量是不同的二级指标；及时率放在质量下，时效指标往往只剩“全年”之类的空话。
    不合格示例：
        质量指标: 调研工作及时率 = 100%
    合格示例：
        时效指标: 调研工作及时率 = 100%
    依据：
        财预〔2015〕88号第二章“绩效指标”。
    """
    words = ctx.policy.pattern("timeliness_words")
    if not words.search(ctx.names(_QUALITY)):
        return
    for row in ctx.rows_in(_QUALITY):
        word = find_word(row.name, words)
        if word:
            yield row.hit(word=word)


@rule(
    "R305",
    "input-as-output",
    Severity.ERROR,
    _R,
    "input_words",
    "“{name}”反映的是资金投入和管理（{word}），不是项目的产出或效益。",
    "删除“{name}”，改设反映项目实际产出或效果的指标；资金执行另由绩效运行监控反映。",
)
def input_as_output(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        名称含资金投入与管理用语（input_words，如“预算执行率”“资金到位率”“专款专用”
        “经费支付”）的指标。
    为什么：
        花钱本身不是绩效；把预算执行当作产出，目标就没有说明资金换来了什么。
    不合格示例：
        时效指标: 运维经费支付及时率 = 100%
    合格示例：
        时效指标: 故障修复时限 = ≤24小时
    依据：
        财预〔2015〕88号第二章“绩效指标”；政策数据 input_words。
    """
    words = ctx.policy.pattern("input_words")
    if not words.search(ctx.names()):
        return
    for row in ctx.real_rows:
        word = find_word(row.name, words)
        if word:
            yield row.hit(word=word)


@rule(
    "R306",
    "name-not-measurable",
    Severity.WARNING,
    _R,
    "measure_words",
    "指标“{name}”的指标值为{value}，但名称没有说明是什么的比率，无法计算和考核。",
    "将名称改为可计算的比率，如“……合格率”“……覆盖率”“……完成率”，并明确计算口径。",
)
def name_not_measurable(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        指标值为百分比时，名称中是否有计量口径用语（measure_words，如“率”“度”“比例”）。
    为什么：
        “政务新媒体使用安全 100%”说不清分子分母，年终无法计算完成值。
    不合格示例：
        社会效益指标: 促进全民阅读 = ≥90%
    合格示例：
        社会效益指标: 基层读者到馆率 = ≥90%
    依据：
        财预〔2021〕101号“指标取值”；政策数据 measure_words。
    """
    words = ctx.policy.pattern("measure_words")
    for row in ctx.percent_rows:
        if not find_word(row.name, words):
            yield row.hit()
