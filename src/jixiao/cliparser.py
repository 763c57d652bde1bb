"""argparse in Chinese: the ``jixiao`` commands' help headings and error messages.

argparse prints ``usage:``, ``positional arguments``, ``options``, ``show this help message
and exit`` and its errors in English (its gettext domain has no Chinese catalogue).
:class:`Parser` is an :class:`argparse.ArgumentParser` whose subcommand parsers are of the same
class, so every ``jixiao`` command reads in Chinese.

>>> print(Parser(prog="jixiao demo").format_help().rstrip())
用法：jixiao demo [-h]
<BLANKLINE>
选项:
  -h, --help  显示帮助信息并退出
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

_TYPES = {"int": "整数", "float": "数值"}


def _invalid_value(match: re.Match[str]) -> str:
    return f"无效的{_TYPES.get(match[1], match[1])}值：{match[2]}"


#: argparse's error messages (Python 3.11–3.13) and their Chinese, as regex → template.
_ERRORS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
        (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
        (r"invalid choice: (.*) \(choose from (.*)\)", r"无效的选项 \1（可选：\2）"),
        (r"invalid (\w+) value: (.*)", _invalid_value),
        (r"expected one argument", "需要一个值"),
        (r"expected at most one argument", "最多一个值"),
        (r"expected at least one argument", "至少需要一个值"),
        (r"expected (\d+) arguments?", r"需要 \1 个值"),
        (r"not allowed with argument (.*)", r"不能与参数 \1 同时使用"),
        (r"one of the arguments (.*) is required", r"参数 \1 必须提供其中之一"),
        (r"ambiguous option: (.*) could match (.*)", r"选项 \1 有歧义，可能是：\2"),
        (r"ignored explicit argument (.*)", r"忽略了多余的值 \1"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)", re.DOTALL)


def translate(message: str) -> str:
    """argparse's English error message in Chinese; unknown messages pass unchanged.

    >>> translate("argument --format: invalid choice: 'x' (choose from 'table', 'json')")
    "参数 --format：无效的选项 'x'（可选：'table', 'json'）"
    >>> translate("the following arguments are required: FILE")
    '缺少必需的参数：FILE'
    """
    if match := _ARGUMENT.fullmatch(message):
        return f"参数 {match[1]}：{translate(match[2])}"
    for pattern, chinese in _ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with a Chinese ``用法：`` prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` that speaks Chinese, subcommands included.

    Build the top parser with :func:`parser` so that its subparsers type as
    ``_SubParsersAction[ArgumentParser]``, the type the ``register`` functions take.
    """

    def __init__(self, prog: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(prog, **{**kwargs, "add_help": False})
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示帮助信息并退出"
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n")


def parser(prog: str, description: str | None = None) -> argparse.ArgumentParser:
    """A Chinese top-level parser, typed as a plain :class:`argparse.ArgumentParser`."""
    return Parser(prog=prog, description=description)
