"""The 项目支出绩效自评表 as immutable data: one self-evaluation of one approved project.

A :class:`SelfEvaluation` holds what the unit (or a published form) states: the money
block (年初预算数, 全年预算数, 全年执行数, 执行率, 分值, 得分), the 年度总体目标 with its
实际完成情况, and per 三级指标 the 年度指标值 copied from the approved declaration, the
实际完成值, 分值, 得分 and 偏差原因分析及改进措施. Scores the form prints or the unit enters
are kept as ``printed_*``; the engine (:mod:`jixiao.evaluation.scoring`) recomputes them.
Money is ``Decimal`` 万元; points are ``Decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.model import NOWHERE, Level1, Level2, Organisation, SourceLocation
from jixiao.values import IndicatorValue


class Band(StrEnum):
    """定性指标的完成档次 (财预〔2020〕10号 自评表填报说明)."""

    ACHIEVED = "达成年度指标"
    PARTIAL = "部分达成年度指标并具有一定效果"
    MISSED = "未达成年度指标且效果较差"


class Grade(StrEnum):
    """自评等级: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 (closed lower bounds)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


class Layout(StrEnum):
    """Which printed 自评表 a self-evaluation follows (its render profile)."""

    NATIONAL = "全国"  #: 财预〔2020〕10号 附件 项目支出绩效自评表
    SICHUAN = "四川"  #: 指标性质 / 指标值 / 度量单位 / 完成值 / 权重 / 得分
    ANHUI = "安徽"  #: 指标值 / 实际完成值 / 分值 / 得分 / 备注(偏差原因)
    TRANSFER = "转移支付"  #: 转移支付项目绩效目标自评表: no 分值/得分 columns


@dataclass(frozen=True, slots=True)
class Budget:
    """项目资金（万元）: the 预算执行率 row of the 自评表."""

    initial: Decimal | None = None  #: 年初预算数
    annual: Decimal | None = None  #: 全年预算数（A） / 调整后预算数
    executed: Decimal | None = None  #: 全年执行数（B）
    rate_text: str = ""  #: 执行率（B/A） as printed, e.g. 86.19%
    weight: Decimal = Decimal(10)  #: 分值
    printed_score: Decimal | None = None  #: 得分 as printed or entered
    reason: str = ""  #: 原因 / 偏差原因分析 (required below 90%)
    location: SourceLocation = NOWHERE


NO_BUDGET = Budget()
NO_ORGANISATION = Organisation()


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    """One 三级指标 of the 自评表."""

    level1: Level1  #: 一级指标
    level2: Level2  #: 二级指标
    name: str  #: 三级指标
    target_text: str  #: 年度指标值, copied from the approved declaration
    target: IndicatorValue  #: 年度指标值 parsed
    actual_text: str = ""  #: 实际完成值 as entered or printed
    actual: IndicatorValue | None = None  #: 实际完成值 parsed; None when not entered
    weight: Decimal | None = None  #: 分值 / 权重; None → the policy spreads the points
    printed_score: Decimal | None = None  #: 得分 as printed or entered
    band: Band | None = None  #: 定性指标的完成档次
    deviation: str = ""  #: 偏差原因分析及改进措施 / 未完成原因分析
    location: SourceLocation = NOWHERE


@dataclass(frozen=True, slots=True)
class SelfEvaluation:
    """One 项目支出绩效自评表."""

    year: int | None  #: （2025年度）
    project_name: str  #: 项目名称
    project_code: str = ""  #: 项目代码, where printed (Sichuan prefixes it to the name)
    title: str = ""  #: the printed title
    department: Organisation = NO_ORGANISATION  #: 主管部门
    implementer: Organisation = NO_ORGANISATION  #: 实施单位
    layout: Layout = Layout.NATIONAL
    budget: Budget = NO_BUDGET  #: 项目资金
    goal: str = ""  #: 年度总体目标 / 预期目标
    goal_actual: str = ""  #: 实际完成情况
    rows: tuple[EvaluationRow, ...] = ()  #: 绩效指标, in printed order
    printed_total: Decimal | None = None  #: 总分 / 得分合计 as printed
    printed_grade: Grade | None = None  #: 自评等级 as printed
    conclusion: str = ""  #: 评价结论
    problems: str = ""  #: 存在问题
    measures: str = ""  #: 改进措施
    location: SourceLocation = NOWHERE

    @property
    def has_scores(self) -> bool:
        """Whether the form has 分值/得分 columns at all (transfer-payment forms do not)."""
        return self.layout is not Layout.TRANSFER


__all__ = ["Band", "Budget", "EvaluationRow", "Grade", "Layout", "SelfEvaluation"]
