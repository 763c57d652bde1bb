"""Every ``jixiao`` command's help and argparse errors read in Chinese."""

from __future__ import annotations

import pytest

from jixiao.cli import build_parser, main
from jixiao.clidoc import _subparsers

ENGLISH = ("usage:", "positional arguments", "options:", "show this help message", "error:")


def _helps() -> dict[str, str]:
    parser = build_parser()
    subs = _subparsers(parser)
    return {"jixiao": parser.format_help()} | {n: p.format_help() for n, p in subs.items()}


@pytest.mark.parametrize("name", list(_helps()))
def test_it_prints_every_help_page_in_chinese(name: str) -> None:
    text = _helps()[name]
    assert text.startswith("用法：") and "显示帮助信息并退出" in text and "选项:" in text
    assert not [word for word in ENGLISH if word in text]


def test_it_prints_the_serve_help_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    text = capsys.readouterr().out
    assert exit_.value.code == 0 and "--reset-passwords" in text
    assert text.startswith("用法：jixiao serve") and not [w for w in ENGLISH if w in text]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import"], "jixiao import：错误：缺少必需的参数：FILE"),
        (["import", "--format", "xml", "a.txt"], "参数 --format：无效的选项 'xml'（可选："),
        (["frobnicate"], "参数 命令：无效的选项 'frobnicate'（可选："),
        (["show", "a.txt", "b.txt"], "jixiao：错误：无法识别的参数：b.txt"),
        (["import", "--format"], "参数 --format：需要一个值"),
        (["serve", "--port", "八千"], "参数 --port：无效的整数值：'八千'"),
    ],
)
def test_it_reports_argument_errors_in_chinese(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("用法：") and message in err
    assert not [word for word in ENGLISH if word in err]
