"""The ``render``, ``bundle`` and ``template`` subcommands.

``jixiao render FILE… --format pdf|xlsx|docx|html [-o DIR]`` writes one document per
input file (all its forms); ``jixiao bundle FILE… -o out.pdf`` writes one PDF with a
contents page; ``jixiao template --format xlsx|docx`` writes a blank form to fill in, and
``jixiao template --kind monitoring FORM`` the 监控表 prefilled from an approved form.
Inputs are read by content (PDF, XLSX, DOCX, JSON, text). Every input is read and every
document rendered before anything is written, and each file is written to a temporary
name and renamed, so an error leaves no half-written output.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from jixiao.commands import summary
from jixiao.importers.base import ImportFailure
from jixiao.importers.files import read_file
from jixiao.model import Declaration
from jixiao.progress import progress, progress_list
from jixiao.render.bundle import render_bundle
from jixiao.render.docx import render_docx
from jixiao.render.html import render_html
from jixiao.render.monitoring_template import monitoring_template
from jixiao.render.pdf import render_pdf
from jixiao.render.template import DEFAULT_PROFILE, PROFILES, render_template
from jixiao.render.xlsx import render_xlsx

Renderer = Callable[[Sequence[Declaration], int], bytes]
RENDERERS: dict[str, Renderer] = {
    "pdf": render_pdf,
    "xlsx": render_xlsx,
    "docx": render_docx,
    "html": render_html,
}
EXIT_OK, EXIT_INPUT = 0, 2


class RenderCommandError(Exception):
    """An input or output problem, reported in Chinese with exit code 2."""


def read_declarations(name: str) -> list[Declaration]:
    """Every form in one input file, read by content."""
    try:
        result = read_file(name)
    except ImportFailure as exc:
        raise RenderCommandError(str(exc)) from None
    for issue in result.issues:
        print(f"导入提示 {issue}", file=sys.stderr)
    return list(result.declarations)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    The file gets the usual permissions (0666 less the umask), not mkstemp's private 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".jixiao-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _render(args: argparse.Namespace) -> int:
    renderer = RENDERERS[args.format]
    outputs: list[tuple[Path, bytes]] = []
    for name in progress(args.files, "生成文档"):
        target = Path(args.output_dir) / (Path(name).stem + "." + args.format)
        if any(target == t for t, _ in outputs):
            raise RenderCommandError(f"{name}：与前一个输入文件同名，输出会相互覆盖")
        outputs.append((target, renderer(read_declarations(name), 1)))
    for target, data in outputs:
        write_atomically(target, data)
        print(f"已生成 {target}")
    return EXIT_OK


def _bundle(args: argparse.Namespace) -> int:
    decls = [d for name in progress(args.files, "读取申报表") for d in read_declarations(name)]
    data = render_bundle(progress_list(decls, "汇编"), args.title)
    write_atomically(Path(args.output), data)
    print(f"已生成 {args.output}（{len(decls)} 份申报表）")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    if args.kind == "monitoring":
        return _monitoring_template(args)
    data = render_template(RENDERERS[args.format], args.profile, args.year)
    output = Path(args.output or f"绩效目标申报表模板.{args.format}")
    write_atomically(output, data)
    print(f"已生成 {output}")
    return EXIT_OK


def _monitoring_template(args: argparse.Namespace) -> int:
    if not args.form:
        raise RenderCommandError("--kind monitoring 需要已批复的申报表文件 FORM")
    try:
        data = monitoring_template(read_declarations(args.form), args.month, args.format)
    except ValueError as exc:
        raise RenderCommandError(str(exc)) from None
    output = Path(args.output or f"{Path(args.form).stem}-绩效监控表.{args.format}")
    write_atomically(output, data)
    print(f"已生成 {output}")
    return EXIT_OK


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (RenderCommandError, OSError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_INPUT

    return run


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render``, ``bundle`` and ``template`` to the ``jixiao`` command."""
    render = subparsers.add_parser("render", help=summary("render"))
    render.add_argument("files", nargs="+", metavar="FILE", help="PDF/XLSX/DOCX/JSON/文本文件")
    render.add_argument("--format", choices=tuple(RENDERERS), default="pdf", help="输出格式")
    render.add_argument("-o", "--output-dir", default=".", metavar="DIR", help="输出目录")
    render.set_defaults(handler=_guarded(_render))
    bundle = subparsers.add_parser("bundle", help=summary("bundle"))
    bundle.add_argument("files", nargs="+", metavar="FILE")
    bundle.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="输出文件")
    bundle.add_argument("--title", default="项目支出绩效目标公开", help="PDF 文档标题")
    bundle.set_defaults(handler=_guarded(_bundle))
    template = subparsers.add_parser("template", help=summary("template"))
    template.add_argument("--format", choices=tuple(RENDERERS), default="xlsx")
    template.add_argument(
        "--profile",
        choices=tuple(PROFILES),
        default=DEFAULT_PROFILE,
        help="模板配置：" + "；".join(f"{k} {p.name}" for k, p in PROFILES.items()),
    )
    template.add_argument("--year", type=int, default=None, help="申报年度，如 2026")
    template.add_argument(
        "--kind",
        choices=("declaration", "monitoring"),
        default="declaration",
        help="declaration 空白申报表；monitoring 由已批复申报表预填的绩效监控表（离线填写）",
    )
    template.add_argument(
        "form", nargs="?", metavar="FORM", help="--kind monitoring 时：已批复的申报表文件"
    )
    template.add_argument("--month", type=int, default=6, help="监控截止月份（1–12，默认6）")
    template.add_argument("-o", "--output", default=None, metavar="FILE", help="输出文件")
    template.set_defaults(handler=_guarded(_template))
