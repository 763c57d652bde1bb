"""Generate ``docs/evaluation-rules/`` from the self-evaluation check registry.

One page per check (its docstring sections, template, severity and basis) and an index
with the score formula. A test fails when a page is stale; regenerate with
``python -m jixiao.evaluation.checkdocs docs/evaluation-rules``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.evaluation.checks import CHECKS
from jixiao.evaluation.formulas import __doc__ as FORMULAS_DOC
from jixiao.evaluation.policy import scoring_policy
from jixiao.evaluation.rules import Check
from jixiao.evaluation.scoring import SCORE_FORMULA
from jixiao.policy import load_policy

_EXAMPLES = ("不合格示例", "合格示例")


def check_page(entry: Check) -> str:
    """The Markdown page of one check."""
    basis = load_policy().on(scoring_policy().day).citation(entry.basis)
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
    """Every check in code order, the score formula and the row formulas."""
    lines = [
        "# 绩效自评检查",
        "",
        "本目录由 `python -m jixiao.evaluation.checkdocs docs/evaluation-rules` 从检查注册表生成，"
        "请勿手工修改。示例的写法见 `jixiao/evaluation/examples.py`。",
        "",
        "| 代码 | 符号 | 严重程度 | 检查内容 |",
        "|---|---|---|---|",
    ]
    for code in sorted(CHECKS):
        c = CHECKS[code]
        lines.append(f"| [{code}]({code}.md) | `{c.symbol}` | {c.severity} | {c.title} |")
    lines += ["", "## 计分", "", SCORE_FORMULA, "", "```", (FORMULAS_DOC or "").strip(), "```", ""]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    result = {f"{code}.md": check_page(CHECKS[code]) for code in sorted(CHECKS)}
    result["index.md"] = index_page()
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
    return [directory / n for n in wanted]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/evaluation-rules")
    print(f"已生成 {len(write(target))} 个文件到 {target}")
