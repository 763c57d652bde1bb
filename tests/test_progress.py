"""Progress bars of the long commands: on a terminal's stderr only; stdout never changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.data import SEED_NAME, seed_bytes
from jixiao.progress import progress, progress_list


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_it_draws_a_bar_on_a_terminal() -> None:
    screen = Terminal()
    assert list(progress(range(5), "读取申报表", stream=screen)) == [0, 1, 2, 3, 4]
    assert "读取申报表" in screen.getvalue() and "0/5" in screen.getvalue()


def test_it_draws_nothing_when_not_a_terminal_or_for_one_item() -> None:
    pipe, screen = io.StringIO(), Terminal()
    assert list(progress(range(5), "读取", stream=pipe)) == list(range(5))
    assert list(progress(["一个"], "读取", stream=screen)) == ["一个"]
    assert pipe.getvalue() == screen.getvalue() == ""


def test_it_shows_a_list_once_and_keeps_it_a_sequence() -> None:
    items = progress_list([1, 2, 3], "汇编")
    assert (len(items), items[1], list(items), list(items), {*items}) == (
        3,
        2,
        [1, 2, 3],
        [1, 2, 3],
        {1, 2, 3},
    )


def _seed(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        path = tmp_path / f"{i}-{SEED_NAME}"
        path.write_bytes(seed_bytes())
        paths.append(str(path))
    return paths


def test_it_keeps_stdout_of_import_and_bundle_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _seed(tmp_path, 3)
    assert main(["import", "--format", "json", paths[0]]) == 0
    one = capsys.readouterr()
    assert main(["import", "--format", "json", *paths]) == 0
    three = capsys.readouterr()
    assert three.out.count('"project_name"') == 3 * one.out.count('"project_name"')
    assert "读取申报表" not in three.err, "no bar when stderr is not a terminal"
    assert main(["bundle", *paths[:2], "-o", str(tmp_path / "汇编.pdf")]) == 0
    out = capsys.readouterr().out
    assert out == f"已生成 {tmp_path / '汇编.pdf'}（14 份申报表）\n"
