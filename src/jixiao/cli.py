"""The ``jixiao`` command line.

``jixiao import FILE…`` reads forms (text, PDF, XLSX, DOCX or canonical JSON, by content)
and prints them as a Chinese table or canonical JSON; ``jixiao show FILE`` prints the table.
``check`` (review), ``render``/``bundle``/``template`` (documents) and ``serve`` (the web
system) come from their areas. Errors go to stderr in Chinese with exit code 2; output is
written only once everything has been read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jixiao import __version__
from jixiao.cliparser import parser as chinese_parser
from jixiao.evaluation.command import register as register_score
from jixiao.export.command import register as register_export
from jixiao.importers.base import ImportFailure, ImportIssue
from jixiao.importers.files import iter_file, read_files
from jixiao.library.command import register as register_library
from jixiao.model import Declaration
from jixiao.model.canonical import dump_item, write_items
from jixiao.model.catalogue import FieldKey, FormText, spec
from jixiao.monitoring.command import register as register_monitor
from jixiao.progress import progress
from jixiao.render.command import register as register_render
from jixiao.review.command import register as register_check
from jixiao.values import explain
from jixiao.web.tokens import register as register_token

EXIT_OK = 0
EXIT_INPUT = 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = chinese_parser("jixiao", "预算绩效目标：导入、审核、出表、公开")
    parser.add_argument(
        "--version", action="version", version=f"jixiao {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    imp = sub.add_parser("import", help="读取申报表文件并输出（中文表格或规范 JSON）")
    imp.add_argument(
        "files", nargs="+", metavar="FILE", help="申报表文件：文本、PDF、Excel、Word 或 JSON"
    )
    imp.add_argument(
        "--format", choices=("table", "json"), default="table", help="输出格式（默认中文表格）"
    )
    imp.set_defaults(handler=_cmd_import)
    show = sub.add_parser("show", help="以中文表格显示申报表文件（如规范 JSON）")
    show.add_argument("file", metavar="FILE", help="申报表文件")
    show.set_defaults(handler=_cmd_show)
    register_check(sub)
    register_monitor(sub)
    register_score(sub)
    register_render(sub)
    register_library(sub)
    register_export(sub)
    _register_serve(sub)
    register_token(sub)
    return parser


def _register_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """List ``serve`` in the help; :func:`main` hands it to the Django shell."""
    sub.add_parser("serve", help="启动网页系统（先执行数据库迁移；--demo 载入示例数据）")


def serve(argv: Sequence[str]) -> int:
    """``jixiao serve …``: the web shell's own parser; it sets Django up once the host is known.

    Django's settings are read only inside the handler, after the loopback defaults (plain-HTTP
    cookies on 127.0.0.1) are in the environment.
    """
    from jixiao.web.command import register  # imports no Django until serve() runs

    parser = chinese_parser(prog="jixiao")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", *argv])
    code: int = args.handler(args)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except ImportFailure as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
