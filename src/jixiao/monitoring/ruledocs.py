"""Generate ``docs/monitoring-rules/`` from the check registry and the monitoring policy.

One page per check, an index with the light formulas, and the policy parameters with their
dated versions and citations. A test fails when a page is stale; regenerate with
``python -m jixiao.monitoring.ruledocs docs/monitoring-rules``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.monitoring import engine as _engine  # noqa: F401 - registers every check
from jixiao.monitoring import lights
from jixiao.monitoring.policy import MONITORING_FILES, load_monitoring_policy, settings_for
from jixiao.monitoring.registry import CHECKS, Check
from jixiao.review.ruledocs import _parameter_lines

DOCS_YEAR = 2025
_EXAMPLES = ("不合格示例", "合格示例")
_MONITORING_PARAMETERS = MONITORING_FILES[1]


def check_page(entry: Check) -> str:
    """The Markdown page of one check."""
    basis = settings_for(DOCS_YEAR).citations[entry.basis]
    lines = [
        f"# {entry.code} `{entry.symbol}`",
        "",
        entry.title,
        "",
        "| 项目 | 内容 |",
        "|---|---|",
        f"| 代码 | {entry.code} |",
        f"| 符号 | `{entry.symbol}` |",
        f"| 严重程度 | {entry.severity} |",
        f"| 依据 | {basis}（政策数据键 `{entry.basis}`） |",
        f"| 消息模板 | {entry.template} |",
        f"| 修改建议 | {entry.fix} |",
        "",
    ]
    for name, text in entry.sections.items():
        lines += [f"## {name}", ""]
        lines += ["```", text, "```", ""] if name in _EXAMPLES else [text, ""]
    return "\n".join(lines)


def index_page() -> str:
    """Every check in code order and the light formulas."""
    lines = [
        "# 绩效运行监控检查",
        "",
        "本目录由 `python -m jixiao.monitoring.ruledocs docs/monitoring-rules` 从检查注册表生成，"
        "请勿手工修改。示例写法见 `jixiao.monitoring.examples`。",
        "",
        "| 代码 | 符号 | 严重程度 | 检查内容 |",
        "|---|---|---|---|",
    ]
    for code in sorted(CHECKS):
        c = CHECKS[code]
        lines.append(f"| [{code}]({code}.md) | `{c.symbol}` | {c.severity} | {c.title} |")
    doc = (lights.__doc__ or "").strip()
    lines += ["", "## 预警灯（jixiao.monitoring.lights）", "", "```", doc, "```", ""]
    lines += ["政策参数及其依据见 [policy.md](policy.md)。", ""]
    return "\n".join(lines)


def policy_page() -> str:
    """The parameters of monitoring.yaml with their versions, values and citations."""
    policy = load_monitoring_policy()
    lines = [
        "# 监控政策参数",
        "",
        f"以下参数来自 `jixiao/policy/data/{_MONITORING_PARAMETERS}`，按预算年度1月1日取值；"
        "地区以 `参数名@地区` 覆盖。",
        "",
    ]
    for key, param in sorted(policy.parameters.items()):
        lines += _parameter_lines(key, param)
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    result = {f"{code}.md": check_page(CHECKS[code]) for code in sorted(CHECKS)}
    result["index.md"] = index_page()
    result["policy.md"] = policy_page()
    return result


def write(directory: Path) -> list[Path]:
    """Write every page into ``directory`` and remove pages of checks that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    for stale in directory.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (directory / name).write_text(text, encoding="utf-8")
    return [directory / name for name in wanted]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/monitoring-rules")
    print(f"已生成 {len(write(target))} 个文件到 {target}")
