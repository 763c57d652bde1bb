"""Run the monitoring checks over reports: lights first, then every selected check.

>>> from jixiao.monitoring.examples import parse_example
>>> report = parse_example("行 流动服务次数: 原因=其他; 原因说明=")
>>> [f.code for f in check_report(report).findings]
['M02']
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.monitoring import checks as _checks  # noqa: F401 - registers every check
from jixiao.monitoring.lights import ReportLights, report_lights
from jixiao.monitoring.model import MonitoringReport
from jixiao.monitoring.policy import Settings, settings_for
from jixiao.monitoring.registry import CHECKS, MonitoringFinding, ReportContext


@dataclass(frozen=True, slots=True)
class MonitoringResult:
    """A report with its lights and findings."""

    report: MonitoringReport
    lights: ReportLights
    findings: tuple[MonitoringFinding, ...]


def check_report(
    report: MonitoringReport,
    settings: Settings | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> MonitoringResult:
    """Lights and findings of one report (checks chosen by code prefix)."""
    s = settings or settings_for(report.year, report.region)
    lights = report_lights(report, s)
    ctx = ReportContext(report, lights, s)
    cites = s.citations
    findings = []
    for entry in CHECKS.chosen(select, ignore):
        basis = str(cites[entry.basis])
        for hit in entry.check(ctx):
            row = None if hit.row is None else report.rows[hit.row]
            findings.append(
                MonitoringFinding(
                    code=entry.code,
                    symbol=entry.symbol,
                    severity=entry.severity,
                    message=entry.template.format(**hit.args),
                    args=hit.args,
                    row=hit.row,
                    path=() if row is None else row.path,
                    basis=basis,
                    fix=entry.fix.format(**hit.args),
                )
            )
    return MonitoringResult(report, lights, tuple(findings))


__all__ = ["MonitoringResult", "check_report"]
