"""Generate ``docs/monitoring-rules/`` from the check registry and the monitoring policy.

One page per check, an index with the light formulas, and the policy parameters with their
dated versions and citations (the generator of every check family, :mod:`jixiao.ruledocs`).
A test fails when a page is stale; regenerate with
``python -m jixiao.monitoring.ruledocs docs/monitoring-rules``.
"""

from __future__ import annotations

import sys

from jixiao import ruledocs
from jixiao.monitoring import engine as _engine  # noqa: F401 - registers every check
from jixiao.monitoring import lights
from jixiao.monitoring.policy import MONITORING_FILES, load_monitoring_policy, settings_for
from jixiao.monitoring.registry import CHECKS, Check

DOCS_YEAR = 2025
_MONITORING_PARAMETERS = MONITORING_FILES[1]


def _basis(entry: Check) -> str:
    return str(settings_for(DOCS_YEAR).citations[entry.basis])


def _tail() -> list[str]:
    """The light formulas (the docstring of :mod:`jixiao.monitoring.lights`)."""
    doc = (lights.__doc__ or "").strip()
    return [
        *("", "## 预警灯（jixiao.monitoring.lights）", "", "```", doc, "```", ""),
        *("政策参数及其依据见 [policy.md](policy.md)。", ""),
    ]


def _policy() -> dict[str, str]:
    heading = (
        "# 监控政策参数",
        "",
        f"以下参数来自 `jixiao/policy/data/{_MONITORING_PARAMETERS}`，按预算年度1月1日取值；"
        "地区以 `参数名@地区` 覆盖。",
        "",
    )
    return {"policy.md": ruledocs.policy_page(heading, load_monitoring_policy().parameters)}


FAMILY = ruledocs.DocFamily(
    CHECKS,
    title="绩效运行监控检查",
    module="jixiao.monitoring.ruledocs",
    directory="docs/monitoring-rules",
    source="检查注册表",
    basis=_basis,
    note="示例写法见 `jixiao.monitoring.examples`。",
    tail=_tail,
    extra=_policy,
)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    return ruledocs.pages(FAMILY)


if __name__ == "__main__":
    ruledocs.main(FAMILY, sys.argv[1:])
