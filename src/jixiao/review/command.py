"""``jixiao check FILE… [--json] [--profile P] [--select …] [--ignore …]``.

Prints compiler-style lines ``file:line: CODE [严重程度] 消息`` and a summary per form with
the suggested verdict (or, with ``--json``, the report schema). Exit codes: 0 when no form
would be returned, 1 when any would, 2 on usage or input errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from jixiao.commands import summary
from jixiao.importers.base import ImportFailure, ImportIssue
from jixiao.importers.files import read_files
from jixiao.model import Declaration
from jixiao.model.catalogue import FormText
from jixiao.review.engine import review
from jixiao.review.profiles import DEFAULT_PROFILE, load_profiles
from jixiao.review.registry import REGISTRY
from jixiao.review.report import FormReport, Report, report_dumps

EXIT_OK = 0
EXIT_RETURNED = 1
EXIT_INPUT = 2


class CheckError(Exception):
    """An input or usage problem, reported in Chinese with exit code 2."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand to the ``jixiao`` command line."""
    parser = subparsers.add_parser(
        "check",
        help=summary("check"),
        description=(
            "审核申报表（.txt 文本或规范 JSON）。"
            "退出码：0 全部通过，1 有表应退回，2 用法或输入错误。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="申报表文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON 审核报告")
    parser.add_argument(
        "--profile", default=DEFAULT_PROFILE, choices=sorted(load_profiles()), help="审核配置"
    )
    parser.add_argument("--select", default="", help="只运行这些代码前缀的规则，逗号分隔，如 A,V2")
    parser.add_argument("--ignore", default="", help="不运行这些代码前缀的规则，逗号分隔")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Handle ``jixiao check``; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        select, ignore = _prefixes(args.select), _prefixes(args.ignore)
        decls, issues = read_inputs(args.files)
    except CheckError as exc:
        print(f"错误：{exc}", file=err)
        return EXIT_INPUT
    report = review(decls, profile=args.profile, select=select, ignore=ignore, import_issues=issues)
    out.write(report_dumps(report) if args.json else format_report(report))
    return EXIT_RETURNED if report.returned else EXIT_OK


def _prefixes(text: str) -> list[str]:
    prefixes = [p.strip().upper() for p in text.split(",") if p.strip()]
    unknown = [p for p in prefixes if not any(code.startswith(p) for code in REGISTRY)]
    if unknown:
        raise CheckError(f"没有以 {'、'.join(unknown)} 开头的规则代码")
    return prefixes


def read_inputs(paths: Sequence[str]) -> tuple[list[Declaration], list[ImportIssue]]:
    """Read every file first, so a bad file produces no half report."""
    try:
        return read_files(paths)
    except ImportFailure as exc:
        raise CheckError(str(exc)) from None


def format_report(report: Report) -> str:
    """Compiler-style finding lines, then one summary line per form and a total."""
    lines = [line for form in report.forms for line in _form_lines(form)]
    stats = report.statistics()
    lines.append(
        f"共审核 {stats['forms']} 张申报表，{stats['findings']} 条审核意见，"
        f"建议退回 {stats['returned']} 张（审核配置：{report.profile}）。"
    )
    return "\n".join(lines) + "\n"


def _form_lines(form: FormReport) -> list[str]:
    lines = []
    for f in form.findings:
        where = f"{f.location.file or form.file}:{f.location.line or form.line or 0}"
        lines.append(f"{where}: {f.code} [{f.severity}] {f.message}")
    counts = "，".join(f"{k}{v}" for k, v in form.counts().items() if v)
    name = form.project_name or FormText.UNNAMED_PROJECT
    lines.append(
        f"== {name}：得分 {form.score}，建议等级 {form.grade}，"
        f"建议综合评定等级 {form.verdict}（{counts or '无审核意见'}）"
    )
    return lines
