"""One generator of the documentation pages of every check family.

A family (:class:`DocFamily`) names its registry, the directory and module that write its
pages, how an entry's basis is cited, its own rows and index columns, and what its index
ends with (formulas, profiles) and which further pages it has (its policy parameters).
Each page of an entry shows its metadata and its docstring sections; tests fail when a
page is stale. The review's rules (``docs/rules``), the monitoring checks
(``docs/monitoring-rules``) and the self-evaluation checks (``docs/evaluation-rules``) are
written by their modules' ``python -m …`` with this generator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from jixiao.policy import Parameter
from jixiao.registry import Entry, Registry

E = TypeVar("E", bound=Entry)
Column = tuple[str, Callable[[E], str]]  #: a heading and the entry's text under it
_EXAMPLES = ("不合格示例", "合格示例")


def _no_lines() -> list[str]:
    return []


def _no_pages() -> dict[str, str]:
    return {}


@dataclass(frozen=True, slots=True)
class DocFamily(Generic[E]):
    """How one family's pages are written (see the module docstring)."""

    registry: Registry[E]
    title: str  #: the index heading
    module: str  #: the module whose ``python -m`` writes the pages
    directory: str  #: where they go, relative to the repository
    source: str  #: what the pages are generated from (规则注册表, 检查注册表)
    basis: Callable[[E], str]  #: the citation an entry rests on, as printed
    note: str = ""  #: a sentence after the generated-by line
    fields: Sequence[Column[E]] = ()  #: rows of an entry's page after 严重程度
    columns: Sequence[Column[E]] = ()  #: index columns after 严重程度
    tail: Callable[[], list[str]] = _no_lines  #: index lines after the table
    extra: Callable[[], dict[str, str]] = field(default=_no_pages)  #: file → further pages


def entry_page(family: DocFamily[E], entry: E) -> str:
    """The Markdown page of one entry."""
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
        *(f"| {name} | {text(entry)} |" for name, text in family.fields),
        f"| 依据 | {family.basis(entry)}（政策数据键 `{entry.basis}`） |",
        f"| 消息模板 | {entry.template} |",
        f"| 修改建议 | {entry.fix} |",
        "",
    ]
    for name, text in entry.sections.items():
        lines += [f"## {name}", ""]
        lines += ["```", text, "```", ""] if name in _EXAMPLES else [text, ""]
    return "\n".join(lines)


def index_page(family: DocFamily[E]) -> str:
    """Every entry in code order, then the family's own tail."""
    heads = ["代码", "符号", "严重程度", *(name for name, _ in family.columns), "检查内容"]
    lines = [
        f"# {family.title}",
        "",
        f"本目录由 `python -m {family.module} {family.directory}` 从{family.source}生成，"
        f"请勿手工修改。{family.note}",
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "---|" * len(heads),
    ]
    for code in sorted(family.registry):
        e = family.registry[code]
        own = "".join(f" {text(e)} |" for _, text in family.columns)
        lines.append(f"| [{code}]({code}.md) | `{e.symbol}` | {e.severity} |{own} {e.title} |")
    return "\n".join([*lines, *family.tail()])


def policy_page(heading: Iterable[str], parameters: Mapping[str, Parameter]) -> str:
    """A policy page: ``heading`` lines, then every parameter with its dated versions."""
    lines = list(heading)
    for key, param in sorted(parameters.items()):
        lines += [f"## `{key}`", "", param.description, ""]
        lines += [
            f"- 自 {v.effective} 起：{_show(v.value)}；依据 {v.citation}" for v in param.versions
        ]
        lines.append("")
    return "\n".join(lines)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, dict):
        return "；".join(f"{k} → {_show(v)}" for k, v in value.items())
    return str(value)


def pages(family: DocFamily[E]) -> dict[str, str]:
    """File name → Markdown text of every page of the family."""
    reg = family.registry
    result = {f"{code}.md": entry_page(family, reg[code]) for code in sorted(reg)}
    result["index.md"] = index_page(family)
    result.update(family.extra())
    return result


def write(family: DocFamily[E], directory: Path) -> list[Path]:
    """Write every page into ``directory`` and remove pages of entries that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = pages(family)
    for stale in directory.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (directory / name).write_text(text, encoding="utf-8")
    return [directory / name for name in wanted]


def main(family: DocFamily[E], argv: Sequence[str]) -> None:
    """``python -m <family module> [directory]``: write the pages and say how many."""
    target = Path(argv[0] if argv else family.directory)
    print(f"已生成 {len(write(family, target))} 个文件到 {target}")


__all__ = ["DocFamily", "entry_page", "index_page", "main", "pages", "policy_page", "write"]
