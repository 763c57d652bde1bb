"""``jixiao library build|suggest``: learn a 指标库 from forms, suggest indicators for a project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.commands import summary
from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.base import ImportFailure
from jixiao.importers.detect import import_bytes
from jixiao.importers.files import read_file
from jixiao.library.curate import combine
from jixiao.library.excel import LibraryFileError, read_library, write_library
from jixiao.library.learn import learn
from jixiao.library.model import Library
from jixiao.library.suggest import Suggester
from jixiao.model import Declaration
from jixiao.progress import progress
from jixiao.render.command import write_atomically

EXIT_OK, EXIT_INPUT = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    lib = subparsers.add_parser("library", help=summary("library"))
    sub = lib.add_subparsers(dest="library_command", required=True, metavar="子命令")
    build = sub.add_parser("build", help="从申报表文件学习指标库并写成 Excel")
    build.add_argument("files", nargs="+", metavar="FILE", help="申报表文件（任何可导入的格式）")
    build.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="输出的指标库")
    build.add_argument("--curated", metavar="FILE.xlsx", help="已整理的指标库（人工条目优先）")
    build.set_defaults(handler=_build)
    suggest = sub.add_parser("suggest", help="按项目名称推荐一组常用指标")
    suggest.add_argument("project", metavar="项目名称", help="新项目的名称")
    suggest.add_argument("--goal", default="", metavar="目标", help="年度总体目标（可选）")
    suggest.add_argument(
        "--library", metavar="FILE.xlsx", help="指标库（默认：由内置示例申报表学习）"
    )
    suggest.add_argument("--limit", type=int, default=15, metavar="N", help="最多列出几项")
    suggest.set_defaults(handler=_suggest)


def _build(args: argparse.Namespace) -> int:
    """Learn from every file that holds declarations; a file that does not is named and skipped."""
    forms: list[tuple[str, Declaration]] = []
    skipped: list[str] = []
    for path in progress(args.files, "读取申报表"):
        try:
            result = read_file(path)
        except ImportFailure as exc:
            skipped.append(str(exc))
            continue
        forms.extend((f"{path}:{d.location.line or ''}", d) for d in result.declarations)
    for reason in skipped:
        print(f"跳过：{reason}", file=sys.stderr)
    try:
        curated = _read(args.curated) if args.curated else None
    except LibraryFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    if not forms:
        print("错误：没有读到任何申报表", file=sys.stderr)
        return EXIT_INPUT
    library = learn(forms)
    if curated is not None:
        library = combine(curated, library)
    write_atomically(Path(args.output), write_library(library))
    print(
        f"已从{len(forms)}份申报表学习{len(library.entries)}个指标库条目、"
        f"{len(library.bundles)}个指标包，写入 {args.output}"
        + (f"；跳过{len(skipped)}个文件" if skipped else "")
    )
    return EXIT_OK


def _read(path: str) -> Library:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LibraryFileError(f"{path}：无法读取（{exc.strerror}）") from None
    return read_library(data, path)


def seed_library() -> Library:
    """The library learnt from the packaged seed forms (the default for ``suggest``)."""
    forms = import_bytes(seed_bytes(), SEED_NAME).declarations
    return learn((f"{SEED_NAME}:{d.location.line or ''}", d) for d in forms)


def _suggest(args: argparse.Namespace) -> int:
    try:
        library = _read(args.library) if args.library else seed_library()
    except LibraryFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    answer = Suggester(library).bundle(args.project, args.goal, limit=args.limit)
    print(f"项目类型：{answer.fund_use}")
    if answer.similar:
        names = "；".join(f"{p.name}（相似度{score:.0f}）" for p, score in answer.similar)
        print(f"相似项目：{names}")
    else:
        print(f"相似项目：无，按{answer.basis}的常用指标推荐")
    for entry, count in answer.entries:
        print(f"  {entry.level1} / {entry.level2} / {entry.name}｜{entry.typical}｜{count}个项目")
    return EXIT_OK
