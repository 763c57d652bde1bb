"""The ``jixiao`` command line.

``jixiao import FILE…`` reads forms (text, PDF, XLSX, DOCX or canonical JSON, by content)
and prints them as a Chinese table or canonical JSON; ``jixiao show FILE`` prints the table.
``check`` (review), ``render``/``bundle``/``template`` (documents) and ``serve`` (the web
system) come from their areas. Errors go to stderr in Chinese with exit code 2; output is
written only once everything has been read.

Start-up imports only what the command run needs: the commands are listed from
:data:`jixiao.commands.COMMANDS` (name, module, summary), and only the module of the command
given is imported to register its options; ``jixiao --help`` imports none of them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from jixiao import __version__
from jixiao.cliparser import parser as chinese_parser
from jixiao.commands import COMMANDS, command

EXIT_INPUT = 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command's options, or (``only`` given) with those of the command
    ``only`` names and of the commands its module registers; none for an unknown name.

    Commands whose module is not loaded are listed by their summary only, so ``jixiao --help``
    and the error for an unknown command read the same as with everything loaded.
    """
    wanted = None if only is None else command(only)
    parser = chinese_parser("jixiao", "预算绩效目标：导入、审核、出表、公开")
    parser.add_argument(
        "--version", action="version", version=f"jixiao {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    registered: set[str] = set()
    for cmd in COMMANDS:
        loaded = only is None or (wanted is not None and cmd.module == wanted.module)
        if not cmd.module or not loaded:
            sub.add_parser(cmd.name, help=cmd.summary)
        elif cmd.module not in registered:
            importlib.import_module(cmd.module).register(sub)
            registered.add(cmd.module)
    return parser


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
    parser = build_parser(only=argv[0] if argv else "")
    args = parser.parse_args(argv)
    from jixiao.importers.base import ImportFailure  # what every form-reading command raises

    try:
        code: int = args.handler(args)
    except ImportFailure as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
