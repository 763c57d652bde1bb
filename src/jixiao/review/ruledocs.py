"""Generate ``docs/rules/`` from the registry and the policy data.

One page per rule (its docstring sections, template, severity and basis), an index, and a
page listing every policy parameter with its dated versions and citations. A test fails
when a page is stale; regenerate with ``python -m jixiao.review.ruledocs docs/rules``.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from jixiao.policy import Parameter, load_policy
from jixiao.review import rules as _rules  # noqa: F401 - registers every rule
from jixiao.review.profiles import load_profiles
from jixiao.review.registry import REGISTRY, Rule
from jixiao.review.scoring import SCORE_FORMULA

#: The date whose policy values are printed in rule pages.
DOCS_DATE = date(2025, 1, 1)
_EXAMPLES = ("不合格示例", "合格示例")


def rule_page(entry: Rule) -> str:
    """The Markdown page of one rule."""
    basis = load_policy().on(DOCS_DATE).citation(entry.basis)
    lines = [
        f"# {entry.code} `{entry.symbol}`",
        "",
        f"{entry.title}",
        "",
        "| 项目 | 内容 |",
        "|---|---|",
        f"| 代码 | {entry.code} |",
        f"| 符号 | `{entry.symbol}` |",
        f"| 严重程度 | {entry.severity} |",
        f"| 审核维度 | {entry.dimension} |",
        f"| 范围 | {entry.scope} |",
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
    """The index: every rule in code order, the score formula and the profiles."""
    lines = [
        "# 审核规则",
        "",
        "本目录由 `python -m jixiao.review.ruledocs docs/rules` 从规则注册表生成，请勿手工修改。",
        "",
        "| 代码 | 符号 | 严重程度 | 维度 | 检查内容 |",
        "|---|---|---|---|---|",
    ]
    for code in sorted(REGISTRY):
        r = REGISTRY[code]
        lines.append(
            f"| [{code}]({code}.md) | `{r.symbol}` | {r.severity} | {r.dimension} | {r.title} |"
        )
    lines += ["", "## 评分", "", SCORE_FORMULA, "", "## 审核配置", ""]
    lines += [
        f"- `{p.name}`：{p.title}（{p.tree}，自 {p.effective} 起）"
        for p in load_profiles().values()
    ]
    lines += ["", "政策参数及其依据见 [policy.md](policy.md)。", ""]
    return "\n".join(lines)


def policy_page() -> str:
    """Every policy parameter with its versions, values and citations."""
    lines = [
        "# 政策参数",
        "",
        "规则不含字面阈值；以下参数来自 `jixiao/policy/data/*.yaml`，按生效日期取值。",
        "",
    ]
    for key, param in sorted(load_policy().parameters.items()):
        lines += _parameter_lines(key, param)
    return "\n".join(lines)


def _parameter_lines(key: str, param: Parameter) -> list[str]:
    lines = [f"## `{key}`", "", param.description, ""]
    for version in param.versions:
        lines.append(
            f"- 自 {version.effective} 起：{_show(version.value)}；依据 {version.citation}"
        )
    return [*lines, ""]


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, dict):
        return "；".join(f"{k} → {_show(v)}" for k, v in value.items())
    return str(value)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    result = {f"{code}.md": rule_page(REGISTRY[code]) for code in sorted(REGISTRY)}
    result["index.md"] = index_page()
    result["policy.md"] = policy_page()
    return result


def write(directory: Path) -> list[Path]:
    """Write every page into ``directory`` and remove pages of rules that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    for stale in directory.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for name, text in wanted.items():
        (directory / name).write_text(text, encoding="utf-8")
        written.append(directory / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    print(f"已生成 {len(write(target))} 个文件到 {target}")
