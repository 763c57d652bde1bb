"""相关性 (uniqueness): 「无」 beside real indicators, the same indicator twice."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.review.context import FormContext, Row
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule

_R = Dimension.RELEVANCE


@rule(
    "R309",
    "placeholder-beside-indicator",
    Severity.WARNING,
    _R,
    "gz88-completeness",
    "“{group}”下既填了「无」，又填了指标“{name}”，两者矛盾。",
    "删除「无」行，或确认“{name}”是否属于“{group}”。",
)
def placeholder_beside_indicator(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        同一个二级指标下是否既有「无 无」行又有真实指标。
    为什么：
        「无」表示该二级指标不设指标；与真实指标并列，说明表格改动后未清理，
        或指标放错了二级指标。
    不合格示例：
        经济效益指标: 无 = 无
        经济效益指标: 减少群众往返费用 = ≥5万元
    合格示例：
        经济效益指标: 减少群众往返费用 = ≥5万元
    依据：
        财预〔2015〕88号第三章“完整性审核”：绩效目标是否明确、清晰。
    """
    for _, rows, real in ctx.groups:
        if real and len(real) < len(rows):  # real rows and a 「无」 row
            yield real[0].hit()


@rule(
    "R310",
    "duplicate-indicator",
    Severity.WARNING,
    _R,
    "gz88-relevance",
    "指标“{name}”在“{first_group}”和“{group}”下重复出现。",
    "删除重复的指标，或改为反映不同内容的指标。",
)
def duplicate_indicator(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        同一张表中名称相同（忽略空格和标点）的三级指标是否出现两次以上。
    为什么：
        重复的指标不增加信息，往往是把满意度等指标同时放进了两个二级指标。
    不合格示例：
        可持续影响指标: 读者满意度 = ≥90%
    合格示例：
        可持续影响指标: 流动服务点持续运行年限 = ≥3年
    依据：
        财预〔2015〕88号第三章“相关性审核”。
    """
    seen: dict[str, Row] = {}
    for row in ctx.real_rows:
        key = row.key
        if key in seen:
            yield row.hit(first_group=seen[key].level2)
        else:
            seen[key] = row
