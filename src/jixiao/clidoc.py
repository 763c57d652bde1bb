"""The command-line reference, generated from the parser itself: docs/cli.md.

``python -m jixiao.clidoc > docs/cli.md`` regenerates it; a test fails when it is stale.
``serve`` is listed by its summary only: its options belong to the web shell.
"""

from __future__ import annotations

import argparse

from jixiao.cli import build_parser
from jixiao.cliparser import HelpFormatter

HEADER = """# 命令行参考 Command-line reference

Generated from the parser by `python -m jixiao.clidoc > docs/cli.md`; do not edit by hand.
Every command reads forms by content (text, PDF, XLSX, DOCX or canonical JSON), prints errors
in Chinese on stderr and exits 2 on bad input.
"""


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public way to list subcommands
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: a.help or "" for a in action._choices_actions}
    return {}


def _fixed_width(prog: str) -> argparse.HelpFormatter:
    return HelpFormatter(prog, width=100)


def render() -> str:
    """The whole reference as Markdown."""
    parser = build_parser()
    summaries = _summaries(parser)
    parts = [HEADER]
    for name, sub in _subparsers(parser).items():
        parts.append(f"## `jixiao {name}`\n\n{summaries.get(name, '')}\n")
        if name != "serve":
            sub.prog = f"jixiao {name}"
            sub.formatter_class = _fixed_width
            parts.append("```\n" + sub.format_help().rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
