"""绩效运行监控: the 监控表 model, warning lights and the monitoring checks (no Django)."""

from jixiao.monitoring.build import fill_budget, fill_row, new_report
from jixiao.monitoring.canonical import SCHEMA_ID, MonitoringFormatError, dumps, loads
from jixiao.monitoring.entry import MonitoringInputError
from jixiao.monitoring.model import BudgetLine, FundSource, MonitoringReport, MonitoringRow
from jixiao.monitoring.vocab import Cause, Light, Likelihood, Pacing, Progress, worst

__all__ = [
    "SCHEMA_ID",
    "BudgetLine",
    "Cause",
    "FundSource",
    "Light",
    "Likelihood",
    "MonitoringFormatError",
    "MonitoringInputError",
    "MonitoringReport",
    "MonitoringRow",
    "Pacing",
    "Progress",
    "dumps",
    "fill_budget",
    "fill_row",
    "loads",
    "new_report",
    "worst",
]
