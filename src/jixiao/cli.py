"""The ``jixiao`` command line.

``jixiao import FILE…`` reads forms and prints them (a Chinese table, or canonical JSON);
``jixiao show FILE.json`` prints a canonical JSON file as the table. Errors go to stderr
in Chinese with a non-zero exit; output is written only once everything has been read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from jixiao import __version__
from jixiao.importers.base import ImportFailure, ImportIssue, ImportResult
from jixiao.importers.text import TextImporter
from jixiao.model import CanonicalFormatError, Declaration, dumps, loads
from jixiao.values import explain

EXIT_OK = 0
EXIT_INPUT = 2


class CommandError(Exception):
    """A usage or input error to report in Chinese with exit code 2."""


def read_path(path: Path) -> ImportResult:
    """Read one file of any supported kind; raises :class:`CommandError` in Chinese."""
    if not path.exists():
        raise CommandError(f"{path}：文件不存在")
    if not path.is_file():
        raise CommandError(f"{path}：不是文件")
    data = path.read_bytes()
    try:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
            return ImportResult(tuple(loads(data.decode("utf-8-sig"))))
        return TextImporter().extract(data, str(path))
    except (ImportFailure, CanonicalFormatError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}：{exc}" if str(path) not in str(exc) else str(exc)) from None


def read_all(paths: Sequence[str]) -> tuple[list[Declaration], list[ImportIssue]]:
    """Read every file before anything is printed, so a bad file leaves no half output."""
    decls: list[Declaration] = []
    issues: list[ImportIssue] = []
    for name in paths:
        result = read_path(Path(name))
        if not result.declarations:
            raise CommandError(f"{name}：没有找到申报表")
        decls.extend(result.declarations)
        issues.extend(result.issues)
    return decls, issues


def _money(value: object) -> str:
    return "（空）" if value is None else f"{value}万元"


def format_table(decl: Declaration) -> str:
    """A readable Chinese listing of one declaration."""
    f = decl.funding
    lines = [
        f"【{decl.project_name or '（未填项目名称）'}】 {decl.year or ''}年度  {decl.location}",
        f"  主管部门及代码：{decl.department.name} {decl.department.code}".rstrip(),
        f"  实施单位：{decl.implementer.name}  项目属性：{decl.attribute}  项目期：{decl.period}",
        f"  年度资金总额：{_money(f.annual_total)}  财政拨款：{_money(f.fiscal)}"
        f"  其他资金：{_money(f.other)}",
        f"  年度总体目标：{decl.annual_goal}",
        f"  指标体系：{decl.tree}",
    ]
    for group in decl.groups:
        note = f"（{group.requirement}）" if group.requirement else ""
        lines.append(f"  {group.level1} / {group.level2}{note}")
        for ind in group.indicators:
            lines.append(f"      {ind.name}｜{ind.value_text}｜{explain(ind.value)}")
    lines.append(f"  综合评定等级：{decl.verdict or '（未评定）'}")
    return "\n".join(lines)


def _cmd_import(args: argparse.Namespace) -> int:
    decls, issues = read_all(args.files)
    if args.format == "json":
        sys.stdout.write(dumps(decls))
    else:
        sys.stdout.write("\n\n".join(format_table(d) for d in decls) + "\n")
    for issue in issues:
        print(f"导入提示 {issue}", file=sys.stderr)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    decls, _ = read_all([args.file])
    sys.stdout.write("\n\n".join(format_table(d) for d in decls) + "\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao", description="预算绩效目标：导入、审核、出表、公开"
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    imp = sub.add_parser("import", help="读取申报表文件并输出（中文表格或规范 JSON）")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--format", choices=("table", "json"), default="table")
    imp.set_defaults(handler=_cmd_import)
    show = sub.add_parser("show", help="以中文表格显示规范 JSON 文件")
    show.add_argument("file", metavar="FILE")
    show.set_defaults(handler=_cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
