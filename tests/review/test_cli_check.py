"""``jixiao check``: output lines, JSON, profiles, select/ignore and exit codes.

The tests go through ``jixiao.cli.main(argv)`` once the lead has wired
``jixiao.review.command.register`` into the CLI; until then a minimal parser with the same
``handler`` convention stands in, so the command itself is tested either way.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from jixiao import cli
from jixiao.data import SEED_NAME, seed_bytes
from jixiao.model import dumps
from jixiao.review.command import register
from jixiao.review.examples import parse_example

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = str(FIXTURES / "clean_library.txt")


def _cli_has_check() -> bool:
    actions = [a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return any("check" in a.choices for a in actions)


def _harness(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="jixiao")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def main(argv: Sequence[str]) -> int:
    """Run the command line; argparse usage errors become their exit code."""
    try:
        return cli.main(list(argv)) if _cli_has_check() else _harness(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def seed(tmp_path: Path) -> str:
    path = tmp_path / SEED_NAME
    path.write_bytes(seed_bytes())
    return str(path)


def test_it_passes_a_clean_form_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", CLEAN]) == 0
    out = capsys.readouterr().out
    assert "建议综合评定等级 通过" in out


def test_it_prints_compiler_style_lines_and_exits_1(
    seed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--profile", "yinchuan", seed]) == 1
    out = capsys.readouterr().out
    assert f"{seed}:660: R307 [错误] 年度总体目标写明“及时回访率达95%以上”" in out
    assert "== 银川12345政府购买服务项目：得分" in out
    assert "共审核 7 张申报表" in out


def test_it_emits_the_report_schema_with_json(
    seed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--json", "--profile", "yinchuan", seed])
    document = json.loads(capsys.readouterr().out)
    assert document["profile"] == "yinchuan"
    assert document["statistics"]["forms"] == 7


def test_it_selects_and_ignores_by_prefix(seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--json", "--select", "A,R3", "--ignore", "R30", seed])
    codes = json.loads(capsys.readouterr().out)["statistics"]["by_code"]
    assert codes and all(c.startswith(("A", "R3")) and not c.startswith("R30") for c in codes)


def test_it_reads_canonical_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forms, _, _ = parse_example("质量指标: 新增图书验收合格率 = 120%")
    path = tmp_path / "form.json"
    path.write_text(dumps(forms), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "V204 [错误]" in capsys.readouterr().out


def test_it_exits_2_on_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/nonexistent/form.txt"]) == 2
    assert "文件不存在" in capsys.readouterr().err


def test_it_exits_2_on_an_unknown_rule_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "Z9", CLEAN]) == 2
    assert "Z9" in capsys.readouterr().err


def test_it_exits_2_on_an_unknown_profile() -> None:
    assert main(["check", "--profile", "nowhere", CLEAN]) == 2


def test_it_exits_2_on_a_file_without_forms(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("这不是申报表\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
