"""The 项目支出绩效目标执行监控表 as immutable data (财预〔2019〕136号 annex; lifecycle §1.1).

A :class:`MonitoringReport` belongs to one approved declaration and one round: the budget
year and the cut-off month m (1–12, 1–6月 by default). Each :class:`MonitoringRow` copies an
approved 三级指标 with its 年度指标值 and adds what the unit reports for 1–m月. Money is
``Decimal`` 万元; values are read by the 指标值 grammar (:mod:`jixiao.values`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.model import NOWHERE, Level1, Level2, Organisation, SourceLocation
from jixiao.model.catalogue_monitoring import MonitoringField, monitoring_period, monitoring_spec
from jixiao.monitoring.vocab import Cause, Likelihood, Pacing
from jixiao.values import IndicatorValue, parse_value

DEFAULT_MONTH = 6
MONTHS_PER_YEAR = 12
HUNDRED = Decimal(100)
NO_ORGANISATION = Organisation()
EMPTY_VALUE: IndicatorValue = parse_value("")  #: a cell left blank


class FundSource(StrEnum):
    """The money rows of the budget block; the value is the label the catalogue prints."""

    TOTAL = monitoring_spec(MonitoringField.FUND_TOTAL).label
    FISCAL = monitoring_spec(MonitoringField.FUND_FISCAL).label
    OTHER = monitoring_spec(MonitoringField.FUND_OTHER).label


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One money row: 年度预算数, 1–m月执行数, 全年预计执行数 (万元)."""

    source: FundSource
    budget: Decimal | None = None  #: 年度预算数 (年初预算数, or 调整后预算数 where adjusted)
    executed: Decimal | None = None  #: 1–m月执行数
    forecast: Decimal | None = None  #: 全年预计执行数
    location: SourceLocation = NOWHERE

    @property
    def execution_rate(self) -> Decimal | None:
        """1–m月执行率 in percent: E ÷ B × 100; None without both amounts or when B = 0."""
        if self.budget is None or self.executed is None or self.budget == 0:
            return None
        return self.executed / self.budget * HUNDRED

    @property
    def forecast_rate(self) -> Decimal | None:
        """全年预计执行率 in percent: forecast ÷ B × 100."""
        if self.budget is None or self.forecast is None or self.budget == 0:
            return None
        return self.forecast / self.budget * HUNDRED


@dataclass(frozen=True, slots=True)
class MonitoringRow:
    """One approved 三级指标 and what the unit reports on it."""

    level1: Level1  #: 一级指标 (copied)
    level2: Level2  #: 二级指标 (copied)
    name: str  #: 三级指标 (copied)
    target_text: str  #: 年度指标值 as approved (read-only)
    target: IndicatorValue  #: 年度指标值 parsed
    actual_text: str = ""  #: 1–m月实际完成值 as entered
    actual: IndicatorValue = EMPTY_VALUE
    forecast_text: str = ""  #: 全年预计完成值 as entered
    forecast: IndicatorValue = EMPTY_VALUE
    causes: tuple[Cause, ...] = ()  #: 偏差原因分析: the ticked angles, in vocabulary order
    cause_text: str = ""  #: 偏差原因说明 (required when 其他 is ticked)
    likelihood: Likelihood | None = None  #: 完成目标可能性
    measures: str = ""  #: 纠偏措施
    remark: str = ""  #: 备注
    pacing: Pacing | None = None  #: None: decided by the unit (see lights)
    location: SourceLocation = NOWHERE

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.level1.value, self.level2.value, self.name)


@dataclass(frozen=True, slots=True)
class MonitoringReport:
    """One 监控表: one approved declaration, one round."""

    year: int | None  #: 预算年度
    project_name: str  #: 项目名称
    month: int = DEFAULT_MONTH  #: cut-off month m: the table reports 1–m月
    department: Organisation = NO_ORGANISATION  #: 主管部门及代码
    implementer: Organisation = NO_ORGANISATION  #: 实施单位
    declaration_ref: str = ""  #: the approved declaration version this report belongs to
    region: str = ""  #: 地区 key of the policy overrides ("" = national defaults)
    annual_goal: str = ""  #: 年度总体目标 · 全年预期目标 (copied)
    goal_progress: str = ""  #: 年度总体目标 · 目标实际完成情况（1–m月）
    budget: tuple[BudgetLine, ...] = ()  #: 项目资金 rows, 年度资金总额 first
    budget_cause: str = ""  #: 预算执行偏差原因 (required when execution lags, M04/M06)
    rows: tuple[MonitoringRow, ...] = ()  #: 绩效指标, in the approved order
    location: SourceLocation = NOWHERE

    def __post_init__(self) -> None:
        if not 1 <= self.month <= MONTHS_PER_YEAR:
            raise ValueError(f"截止月份应为1–12月，而不是{self.month}月")

    @property
    def period(self) -> str:
        """1–6月: the reporting period as printed."""
        return monitoring_period(self.month)

    @property
    def time_progress(self) -> Decimal:
        """序时进度 in percent: m ÷ 12 × 100."""
        return Decimal(self.month) / MONTHS_PER_YEAR * HUNDRED

    @property
    def total(self) -> BudgetLine:
        """The 年度资金总额 row (an empty one when the report has none)."""
        found = next((b for b in self.budget if b.source is FundSource.TOTAL), None)
        return found or BudgetLine(FundSource.TOTAL)


__all__ = [
    "DEFAULT_MONTH",
    "EMPTY_VALUE",
    "BudgetLine",
    "FundSource",
    "MonitoringReport",
    "MonitoringRow",
]
