"""``jixiao library build|suggest`` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.data import seed_bytes
from jixiao.library import read_library


def test_it_builds_a_library_workbook_from_form_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(seed_bytes())
    out = tmp_path / "指标库.xlsx"
    assert main(["library", "build", str(seed), "-o", str(out)]) == 0
    library = read_library(out.read_bytes())
    assert len(library.projects) == 7
    assert "已从7份申报表学习" in capsys.readouterr().out


def test_it_suggests_a_bundle_from_a_built_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(seed_bytes())
    out = tmp_path / "lib.xlsx"
    main(["library", "build", str(seed), "-o", str(out)])
    capsys.readouterr()
    assert (
        main(
            ["library", "suggest", "2026年政府聘用人员经费", "--library", str(out), "--limit", "3"]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "项目类型：人员经费类"
    assert lines[1].startswith("相似项目：政府聘用人员经费")
    assert len(lines) == 5 and "编内聘用人员（含专业技术人员）数量" in lines[2]


def test_it_skips_files_without_declarations_and_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(seed_bytes())
    out = tmp_path / "o.xlsx"
    assert main(["library", "build", str(tmp_path / "无.txt"), str(seed), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "跳过：" in captured.err and "文件不存在" in captured.err
    assert "跳过1个文件" in captured.out and out.exists()


def test_it_refuses_when_no_file_holds_a_declaration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "build", str(tmp_path / "无.txt"), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert "没有读到任何申报表" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nope")
    assert main(["library", "suggest", "x", "--library", str(bad)]) == 2
    assert "不是可读取的 Excel 工作簿" in capsys.readouterr().err
