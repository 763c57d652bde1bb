"""A new monitoring report prefilled from an approved declaration, and filling it in.

>>> from jixiao.model import Declaration, Funding, IndicatorGroup, Indicator, Level1, Level2
>>> from jixiao.values import parse_value
>>> decl = Declaration(2025, "流动服务", funding=Funding(Decimal("20"), Decimal("20")),
...     groups=(IndicatorGroup(Level1.OUTPUT, Level2.QUANTITY, indicators=(
...         Indicator("流动服务次数", "≥120次", parse_value("≥120次")),)),))
>>> report = new_report(decl)
>>> report.period, report.rows[0].target_text, report.total.budget
('1–6月', '≥120次', Decimal('20'))
>>> filled = fill_row(report, 0, actual="60", likelihood="确定能")
>>> filled.rows[0].actual.unit, filled.rows[0].likelihood
('次', <Likelihood.CERTAIN: '确定能'>)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from jixiao.model import Declaration, IndicatorGroup
from jixiao.model.catalogue_monitoring import MonitoringColumn, monitoring_period
from jixiao.monitoring.entry import read_causes, read_likelihood, read_value
from jixiao.monitoring.model import (
    DEFAULT_MONTH,
    BudgetLine,
    FundSource,
    MonitoringReport,
    MonitoringRow,
)


def actual_label(month: int) -> str:
    """1–6月实际完成值: the column name for cut-off month ``month``."""
    return MonitoringColumn.ACTUAL.header(monitoring_period(month))


FORECAST_LABEL = MonitoringColumn.FORECAST.value


def _rows(groups: Iterable[IndicatorGroup]) -> tuple[MonitoringRow, ...]:
    return tuple(
        MonitoringRow(g.level1, g.level2, i.name, i.value_text, i.value, location=i.location)
        for g in groups
        for i in g.real_indicators
    )


def _budget(decl: Declaration) -> tuple[BudgetLine, ...]:
    f = decl.funding
    lines = [BudgetLine(FundSource.TOTAL, f.annual_total)]
    if f.fiscal is not None:
        lines.append(BudgetLine(FundSource.FISCAL, f.fiscal))
    if f.other is not None and f.other != 0:
        lines.append(BudgetLine(FundSource.OTHER, f.other))
    return tuple(lines)


def new_report(
    decl: Declaration, month: int = DEFAULT_MONTH, declaration_ref: str = "", region: str = ""
) -> MonitoringReport:
    """An empty report for ``decl`` at cut-off ``month``: targets and budgets copied."""
    return MonitoringReport(
        year=decl.year,
        project_name=decl.project_name,
        month=month,
        department=decl.department,
        implementer=decl.implementer,
        declaration_ref=declaration_ref,
        region=region,
        annual_goal=decl.annual_goal,
        budget=_budget(decl),
        rows=_rows(decl.groups),
    )


def fill_row(
    report: MonitoringReport,
    index: int,
    *,
    actual: str | None = None,
    forecast: str | None = None,
    causes: Iterable[str] | None = None,
    cause_text: str | None = None,
    likelihood: str | None = None,
    measures: str | None = None,
    remark: str | None = None,
) -> MonitoringReport:
    """``report`` with row ``index`` updated from entered texts (units checked)."""
    row = report.rows[index]
    changes: dict[str, object] = {}
    if actual is not None:
        what = actual_label(report.month)
        changes.update(
            actual_text=actual.strip(), actual=read_value(row.target, actual, what, row.name)
        )
    if forecast is not None:
        value = read_value(row.target, forecast, FORECAST_LABEL, row.name)
        changes.update(forecast_text=forecast.strip(), forecast=value)
    if causes is not None:
        changes["causes"] = read_causes(causes, f"指标“{row.name}”的偏差原因分析")
    if likelihood is not None:
        changes["likelihood"] = read_likelihood(likelihood, f"指标“{row.name}”的完成目标可能性")
    for key, text in (("cause_text", cause_text), ("measures", measures), ("remark", remark)):
        if text is not None:
            changes[key] = text.strip()
    rows = list(report.rows)
    rows[index] = dataclasses.replace(row, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(report, rows=tuple(rows))


def fill_budget(
    report: MonitoringReport,
    source: FundSource,
    *,
    executed: Decimal | None = None,
    forecast: Decimal | None = None,
) -> MonitoringReport:
    """``report`` with the money row ``source`` given its 执行数 and 预计执行数."""
    lines = []
    found = False
    for line in report.budget:
        if line.source is source:
            found = True
            line = dataclasses.replace(
                line,
                executed=line.executed if executed is None else executed,
                forecast=line.forecast if forecast is None else forecast,
            )
        lines.append(line)
    if not found:
        lines.append(BudgetLine(source, None, executed, forecast))
    return dataclasses.replace(report, budget=tuple(lines))


__all__ = ["FORECAST_LABEL", "actual_label", "fill_budget", "fill_row", "new_report"]
