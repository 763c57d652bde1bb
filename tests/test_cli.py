"""The command line: output, exit codes, and nothing half-written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.data import seed_bytes
from jixiao.importers.files import read_files
from jixiao.model import dumps
from jixiao.model.canonical import to_json_object


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes())
    return path


def test_it_prints_a_chinese_table(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(seed_file)]) == 0
    out = capsys.readouterr().out
    assert out.count("综合评定等级：未评定（原表所载：通过）") == 7
    assert "编内聘用人员全年薪酬｜69345元" in out
    assert "不少于35个" in out


def test_it_prints_canonical_json_that_show_reads_back(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(seed_file), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [d["funding"]["annual_total"] for d in data][:2] == ["53.15", "60"]
    assert "导入提示" in captured.err
    saved = tmp_path / "seed.json"
    saved.write_text(captured.out, encoding="utf-8")
    assert main(["show", str(saved)]) == 0
    assert capsys.readouterr().out.count("【") == 7


def test_import_accepts_canonical_json_too(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(seed_file), "--format", "json"])
    first = capsys.readouterr().out
    saved = tmp_path / "x.json"
    saved.write_text(first, encoding="utf-8")
    assert main(["import", str(saved), "--format", "json"]) == 0
    assert capsys.readouterr().out == first


def test_it_writes_the_json_of_several_files_as_dumps_does(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(seed_bytes())
    assert main(["import", str(seed_file), str(other), "--format", "json"]) == 0
    forms, _ = read_files([seed_file, other])
    objects = [to_json_object(d) for d in forms]
    assert capsys.readouterr().out == dumps(forms)
    assert dumps(forms) == json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    assert len(forms) == 14  # the seven seed forms twice, each streamed as it is read


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "文件不存在"),
        (b"", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "无法识别的文件"),
        ("普通的一段文字，没有表格。".encode(), "没有找到申报表"),
        (b'{"schema": 1', "不是有效的 JSON"),
    ],
)
def test_it_fails_with_exit_2_and_prints_nothing_on_stdout(
    seed_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    assert main(["import", str(seed_file), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and "错误" in captured.err


def test_it_rejects_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path)]) == 2
    assert "不是文件" in capsys.readouterr().err
