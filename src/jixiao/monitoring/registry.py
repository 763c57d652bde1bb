"""The monitoring check registry: ``@check(...)`` registers one small function with its metadata.

The pattern is the review's (:mod:`jixiao.review.registry`): codes are stable (M and three
digits, never reused), the symbol names the defect, and the docstring is the documentation
with the five sections 检查内容 / 为什么 / 不合格示例 / 合格示例 / 依据, whose examples are
report-patch lines (:mod:`jixiao.monitoring.examples`) that run as tests.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.monitoring.policy import Settings
from jixiao.review.finding import Severity
from jixiao.review.registry import RegistryError, parse_sections

_CODE = re.compile(r"^M[0-9]{2}$")
_SYMBOL = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


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
F = TypeVar("F", bound=CheckFunction)


@dataclass(frozen=True, slots=True)
class Check:
    """A registered monitoring check."""

    code: str
    symbol: str
    severity: Severity
    basis: str  #: a citation key or parameter key of the monitoring policy
    template: str
    fix: str
    function: CheckFunction
    sections: Mapping[str, str]

    @property
    def title(self) -> str:
        text = "".join(line.strip() for line in self.sections["检查内容"].splitlines())
        head, stop, _ = text.partition("。")
        return head + stop


CHECKS: dict[str, Check] = {}


def check(
    code: str, symbol: str, severity: Severity, basis: str, template: str, fix: str = ""
) -> Callable[[F], F]:
    """Register the decorated function as a monitoring check."""

    def register(func: F) -> F:
        if not _CODE.match(code):
            raise RegistryError(f"监控检查代码“{code}”应为 M 加两位数字")
        if not _SYMBOL.match(symbol):
            raise RegistryError(f"{code}：符号“{symbol}”应为小写连字符形式")
        if code in CHECKS or any(c.symbol == symbol for c in CHECKS.values()):
            raise RegistryError(f"监控检查 {code} {symbol} 重复注册")
        sections = parse_sections(inspect.getdoc(func) or "", code)
        CHECKS[code] = Check(code, symbol, severity, basis, template, fix, func, sections)
        return func

    return register


__all__ = ["CHECKS", "Check", "Hit", "MonitoringFinding", "ReportContext", "check"]
