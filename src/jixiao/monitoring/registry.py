"""The monitoring checks: ``@check(...)`` registers one small function with its metadata.

The registry is the one of every check family (:class:`jixiao.registry.Registry`): codes
are stable (M and two digits, never reused), the symbol names the defect, and the docstring
is the documentation with the five sections 检查内容 / 为什么 / 不合格示例 / 合格示例 /
依据, whose examples are report-patch lines (:mod:`jixiao.monitoring.examples`) that run as
tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.monitoring.policy import Settings
from jixiao.registry import Entry, Registry
from jixiao.review.finding import Severity


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a check reads: the report, its lights and the settings of its year and region."""

    report: MonitoringReport
    lights: ReportLights
    settings: Settings


class Hit(NamedTuple):
    """What a check yields: template arguments and the row (None for the report itself)."""

    args: Mapping[str, str]
    row: int | None = None


@dataclass(frozen=True, slots=True)
class MonitoringFinding:
    """One defect a check found in one report."""

    code: str
    symbol: str
    severity: Severity
    message: str  #: Chinese, rendered from the template
    args: Mapping[str, str] = field(default_factory=dict, hash=False)
    row: int | None = None  #: 0-based index of the indicator row, None for the report
    path: tuple[str, ...] = ()  #: 一级/二级/三级 of the row
    basis: str = ""  #: the policy text the check rests on
    fix: str = ""


CheckFunction = Callable[[ReportContext], Iterable[Hit]]
Check = Entry  #: a registered monitoring check (``check`` is its :data:`CheckFunction`)
CHECKS: Registry[Check] = Registry(Check, "监控检查", r"^M[0-9]{2}$", "应为 M 加两位数字")
check = CHECKS.rule  #: ``@check(code, symbol, severity, basis, template, fix)``


__all__ = ["CHECKS", "Check", "CheckFunction", "Hit", "MonitoringFinding", "ReportContext", "check"]
