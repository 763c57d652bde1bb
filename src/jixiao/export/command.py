"""``jixiao export FILES… --to yitihua|xlsx|csv -o OUT``: forms as data for other systems.

``--to yitihua`` writes the 一体化 data elements (PM_PERF_GOAL_INFO, PM_PERF_INDICATOR): an
``.xlsx`` workbook with one sheet per element, a ``.json`` object of tables, or — for any
other OUT — a folder with one CSV per element. ``--to xlsx`` and ``--to csv`` write the list
of forms with a totals row. Every file is read before anything is written, and OUT appears
whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from jixiao.commands import summary
from jixiao.export.lists import form_list
from jixiao.export.tabular import Table, to_csv, to_json, to_xlsx
from jixiao.export.yitihua import yitihua_tables
from jixiao.importers.base import ImportFailure
from jixiao.importers.files import read_file
from jixiao.model import Declaration
from jixiao.progress import progress
from jixiao.render.command import write_atomically

EXIT_OK, EXIT_INPUT = 0, 2
LIST_SHEET = "申报表清单"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = subparsers.add_parser("export", help=summary("export"))
    cmd.add_argument("files", nargs="+", metavar="FILE", help="申报表文件（任何可导入的格式）")
    cmd.add_argument(
        "--to",
        choices=("yitihua", "xlsx", "csv"),
        required=True,
        help="yitihua：一体化数据元素；xlsx/csv：申报表清单（含合计行）",
    )
    cmd.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件（或文件夹）")
    cmd.add_argument("--mof-div", default="", metavar="代码", help="财政区划代码（如 640100）")
    cmd.set_defaults(handler=run)


def _read(paths: list[str]) -> list[Declaration]:
    decls: list[Declaration] = []
    for path in progress(paths, "读取申报表"):
        decls.extend(read_file(path).declarations)
    return decls


def outputs(args: argparse.Namespace, decls: list[Declaration]) -> dict[Path, bytes]:
    """Every file to write, by path."""
    out = Path(args.output)
    if args.to != "yitihua":
        table = form_list(decls)
        return {out: to_xlsx({LIST_SHEET: table}) if args.to == "xlsx" else to_csv(table)}
    tables: Mapping[str, Table] = yitihua_tables(decls, args.mof_div)
    if out.suffix == ".xlsx":
        return {out: to_xlsx(tables)}
    if out.suffix == ".json":
        return {out: to_json(tables)}
    return {out / f"{name}.csv": to_csv(table) for name, table in tables.items()}


def run(args: argparse.Namespace) -> int:
    try:
        decls = _read(args.files)
    except ImportFailure as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    files = outputs(args, decls)
    for path, data in files.items():
        write_atomically(path, data)
    print(f"已导出{len(decls)}份申报表：" + "、".join(str(p) for p in files))
    return EXIT_OK
