"""``jixiao import FILE…`` and ``jixiao show FILE``: read forms and print them.

Forms are read by content (text, PDF, XLSX, DOCX or canonical JSON) and printed as a Chinese
table or canonical JSON; output is written only once everything has been read. Every label
of the table comes from the form catalogue.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jixiao.commands import summary
from jixiao.importers.base import ImportIssue
from jixiao.importers.files import iter_file, read_files
from jixiao.model import Declaration
from jixiao.model.canonical import dump_item, write_items
from jixiao.model.catalogue import FieldKey, FormText, spec
from jixiao.progress import progress
from jixiao.values import explain

EXIT_OK = 0


def _money(value: object) -> str:
    return FormText.EMPTY.value if value is None else f"{value}{FormText.WAN_YUAN}"


def _pairs(*pairs: tuple[FieldKey, object]) -> str:
    """``label：value`` for each field, two spaces apart (labels from the catalogue)."""
    return "  ".join(f"{spec(key).name}：{value}" for key, value in pairs)


def _verdict(decl: Declaration) -> str:
    """The decided 综合评定等级 or 未评定, and the box an imported source marked."""
    text = str(decl.verdict or FormText.UNDECIDED)
    if decl.printed_verdict is not None:
        text += f"（{FormText.PRINTED_VERDICT}：{decl.printed_verdict}）"
    return text


def format_table(decl: Declaration) -> str:
    """A readable Chinese listing of one declaration; every label comes from the catalogue."""
    f, k = decl.funding, FieldKey
    name = decl.project_name or FormText.UNNAMED_PROJECT
    department = f"{decl.department.name} {decl.department.code}".rstrip()
    lines = [
        f"【{name}】 {decl.year or ''}{spec(k.YEAR).label}  {decl.location}",
        f"  {spec(k.DEPARTMENT).label}：{department}",
        "  "
        + _pairs(
            (k.IMPLEMENTER, decl.implementer.name),
            (k.ATTRIBUTE, decl.attribute),
            (k.PERIOD, decl.period),
        ),
        "  "
        + _pairs(
            (k.ANNUAL_TOTAL, _money(f.annual_total)),
            (k.FISCAL, _money(f.fiscal)),
            (k.OTHER, _money(f.other)),
        ),
        "  " + _pairs((k.ANNUAL_GOAL, decl.annual_goal)),
        f"  {FormText.TREE}：{decl.tree}",
    ]
    for group in decl.groups:
        note = f"（{group.requirement}）" if group.requirement else ""
        lines.append(f"  {group.level1} / {group.level2}{note}")
        for ind in group.indicators:
            lines.append(f"      {ind.name}｜{ind.display_value}｜{explain(ind.value)}")
    lines.append("  " + _pairs((k.VERDICT, _verdict(decl))))
    return "\n".join(lines)


def _cmd_import(args: argparse.Namespace) -> int:
    if args.format == "json":
        return _import_json(args.files)
    decls, issues = read_files(progress(args.files, "读取申报表"))
    sys.stdout.write("\n\n".join(format_table(d) for d in decls) + "\n")
    _print_issues(issues)
    return EXIT_OK


def _import_json(paths: Sequence[str]) -> int:
    """Each form becomes JSON as soon as it is read and is then dropped, so the heap holds
    text, not forms; nothing is written before every file has been read."""
    items: list[bytes] = []
    issues: list[ImportIssue] = []
    for path in progress(paths, "读取申报表"):
        for decl, found in iter_file(path):
            if decl is not None:
                items.append(dump_item(decl))
            issues.extend(found)
    sys.stdout.flush()
    write_items(items, sys.stdout.buffer)
    sys.stdout.buffer.flush()
    _print_issues(issues)
    return EXIT_OK


def _print_issues(issues: Sequence[ImportIssue]) -> None:
    for issue in issues:
        print(f"导入提示 {issue}", file=sys.stderr)


def _cmd_show(args: argparse.Namespace) -> int:
    decls, _ = read_files([args.file])
    sys.stdout.write("\n\n".join(format_table(d) for d in decls) + "\n")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and ``show``."""
    imp = subparsers.add_parser("import", help=summary("import"))
    imp.add_argument(
        "files", nargs="+", metavar="FILE", help="申报表文件：文本、PDF、Excel、Word 或 JSON"
    )
    imp.add_argument(
        "--format", choices=("table", "json"), default="table", help="输出格式（默认中文表格）"
    )
    imp.set_defaults(handler=_cmd_import)
    show = subparsers.add_parser("show", help=summary("show"))
    show.add_argument("file", metavar="FILE", help="申报表文件")
    show.set_defaults(handler=_cmd_show)
