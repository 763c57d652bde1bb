"""``jixiao monitor`` and ``jixiao template --kind monitoring`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.model import dumps as dump_declarations
from jixiao.monitoring import dumps
from tests.monitoring.samples import publicity, publicity_report
from tests.monitoring.test_documents import CORPUS, _column_of, _row_of


@pytest.fixture
def approved(tmp_path: Path) -> Path:
    path = tmp_path / "approved.json"
    path.write_text(dump_declarations([publicity()]), encoding="utf-8")
    return path


def _template(tmp_path: Path, approved: Path, *extra: str) -> Path:
    out = tmp_path / "监控表.xlsx"
    args = ["template", "--kind", "monitoring", str(approved), "--format", "xlsx", "-o", str(out)]
    assert main([*args, *extra]) == 0
    return out


def _fill(path: Path, name: str, actual: object, likelihood: str) -> None:
    workbook = load_workbook(path)
    ws = workbook.worksheets[0]
    row = _row_of(ws, name)
    ws.cell(row=row, column=_column_of(ws, "1–6月实际完成值")).value = actual
    ws.cell(row=row, column=_column_of(ws, "完成目标可能性")).value = likelihood
    workbook.save(path)


def test_it_writes_the_offline_table_prefilled_from_an_approved_form(
    tmp_path: Path, approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _template(tmp_path, approved)
    assert "已生成" in capsys.readouterr().out
    ws = load_workbook(out).worksheets[0]
    row = _row_of(ws, "政策文件多元化解读个数")
    assert ws.cell(row=row, column=_column_of(ws, "年度指标值")).value == "≥35个"


def test_it_exits_1_and_explains_a_red_light(
    tmp_path: Path, approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _template(tmp_path, approved)
    _fill(out, "政策文件多元化解读个数", 5, "完全不可能")
    capsys.readouterr()
    assert main(["monitor", str(out)]) == 1
    text = capsys.readouterr().out
    assert "数量指标 / 政策文件多元化解读个数：红灯" in text
    assert "5 ÷ (35 × 6 ÷ 12) × 100 = 28.57，低于60" in text
    assert "M01 错误" in text


def test_it_exits_0_without_red_and_prints_json(
    tmp_path: Path, approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _template(tmp_path, approved)
    _fill(out, "政策文件多元化解读个数", 20, "确定能")
    capsys.readouterr()
    assert main(["monitor", str(out), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    first = result["indicators"][0]
    assert (first["light"], first["ratio"]) == ("绿灯", "114.29")
    assert result["period"] == "1–6月" and result["budget"]["light"] == "无法判定"


def test_it_reads_canonical_json_and_the_published_corpus_019(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    path.write_text(dumps([publicity_report()]), encoding="utf-8")
    (corpus,) = (CORPUS / "forms").glob("019_*")
    assert main(["monitor", str(path), str(corpus)]) == 0
    text = capsys.readouterr().out
    assert "项目预警：黄灯" in text
    assert "【申遗经费】 2019年度 1–6月" in text
    assert "成本指标 / 年度预算220万元：绿灯" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary", "无法识别的文件格式"),
        ("随便写的文字".encode(), "没有找到监控表"),
        (b'[{"schema": "jixiao.monitoring/1"}]', "缺少字段"),
    ],
)
def test_it_exits_2_on_bad_input_in_chinese(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["monitor", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_it_exits_2_on_a_unit_mismatch(
    tmp_path: Path, approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _template(tmp_path, approved)
    _fill(out, "政策文件多元化解读个数", "12次", "有可能")
    assert main(["monitor", str(out)]) == 2
    assert "单位为“次”" in capsys.readouterr().err


def test_the_monitoring_template_needs_a_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "--kind", "monitoring", "--format", "xlsx"]) == 2
    assert "需要已批复的申报表文件" in capsys.readouterr().err


def test_the_monitoring_template_refuses_html(
    tmp_path: Path, approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["template", "--kind", "monitoring", str(approved), "--format", "html"]
    assert main([*args, "-o", str(tmp_path / "x.html")]) == 2
    assert "不支持“html”格式" in capsys.readouterr().err
