"""适当性 (satisfaction): targets neither too low nor a suspicious 100%."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Level2
from jixiao.review.context import FormContext
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule
from jixiao.values import Operator

_A = Dimension.APPROPRIATENESS
_SATISFACTION = frozenset({Level2.SERVICE_SATISFACTION})
_DOWN = (Operator.LE, Operator.LT)


@rule(
    "A407",
    "satisfaction-below-floor",
    Severity.WARNING,
    _A,
    "satisfaction_floor",
    "满意度指标“{name}”的目标值{value}低于{floor}%，目标设定偏低。",
    "满意度目标一般不低于{floor}%，请参照以往年度实际水平调高，如“≥90%”。",
)
def satisfaction_below_floor(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        服务对象满意度指标的百分比目标是否低于 satisfaction_floor（≤ 方向的值不在此列）。
    为什么：
        满意度目标过低，等于事先接受大量服务对象不满意，不符合适当性要求。
    不合格示例：
        服务对象满意度指标: 读者满意度 = ≥80%
    合格示例：
        服务对象满意度指标: 读者满意度 = ≥85%
    依据：
        财预〔2015〕88号第三章“适当性审核”；政策数据 satisfaction_floor。
    """
    floor = ctx.policy.number("satisfaction_floor")
    for row in ctx.rows_in(_SATISFACTION):
        v = row.value
        low_side = v.operator not in _DOWN
        if v.unit == "%" and v.number is not None and low_side and v.number < floor:
            yield row.hit(floor=floor)


@rule(
    "A408",
    "satisfaction-full-marks",
    Severity.WARNING,
    _A,
    "satisfaction_ceiling",
    "满意度指标“{name}”的目标值为{value}，要求全部服务对象满意，难以实现，也不能反映真实水平。",
    "参照以往年度实际满意度设定，如“≥95%”。",
)
def satisfaction_full_marks(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        服务对象满意度指标的百分比目标是否达到 satisfaction_ceiling（100%）。
    为什么：
        满意度调查几乎不可能全部满意；100% 的目标要么无法完成，要么说明调查流于形式。
    不合格示例：
        服务对象满意度指标: 读者满意度 = 100%
    合格示例：
        服务对象满意度指标: 读者满意度 = ≥98%
    依据：
        财预〔2015〕88号第三章“适当性审核”；政策数据 satisfaction_ceiling。
    """
    ceiling = ctx.policy.number("satisfaction_ceiling")
    for row in ctx.rows_in(_SATISFACTION):
        v = row.value
        if v.unit == "%" and v.number is not None and v.number >= ceiling:
            yield row.hit()
