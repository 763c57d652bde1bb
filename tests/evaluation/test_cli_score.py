"""``jixiao score``: each row's points with their explanation, total, grade, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.evaluation import dumps
from jixiao.evaluation.examples import parse_example


def write(tmp_path: Path, text: str, name: str = "自评.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_prints_every_row_with_its_explanation_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, dumps([parse_example("")]))
    assert main(["score", path]) == 0
    out = capsys.readouterr().out
    assert "预算执行率  分值 10  得分 9.8（原表 9.8）" in out
    assert "产出指标/数量指标/流动服务次数  分值 30  得分 30（原表 30）" in out
    assert "总分 99.8  等级 优（原表 99.8，相差 0）" in out
    assert "所印总分与重新计算不一致的 0 张" in out


def test_it_exits_1_when_a_printed_total_disagrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ev = parse_example("数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 30 | 两个社区停工")
    path = write(tmp_path, dumps([ev]))
    assert main(["score", path]) == 1
    out = capsys.readouterr().out
    assert "得分 24（原表 30）  正向指标：完成值 96 ÷ 指标值 120 = 80.00%" in out
    assert "E014 [警告] 总分印为 99.8 分，按计分规则重新计算为 93.8 分" in out


def test_it_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, dumps([parse_example("")]))
    assert main(["score", "--json", path]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["total"], item["grade"], item["difference"]) == ("99.80", "优", "0.00")
    assert item["rows"][0]["formula"] == "正向" and item["rows"][0]["score"] == "30.00"


def test_it_scores_a_published_text_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "项目支出绩效自评表（2024年度）\n项目名称 | 社区服务\n"
        "项目资金（万元）| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 10 | 10 | 9 | 10 | 90% | 9\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分"
        " | 偏差原因分析及改进措施\n"
        "产出指标 | 数量指标 | 服务次数 | ≥100次 | 100次 | 50 | 50 |\n"
        "效益指标 | 社会效益指标 | 受益人数 | ≥1000人 | 900人 | 30 | 27 | 部分社区延期\n"
        "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 10 | 10 |\n"
        "总分 | 100 | 96\n"
    )
    assert main(["score", write(tmp_path, text, "form.txt")]) == 0
    out = capsys.readouterr().out
    assert "效益指标/社会效益指标/受益人数  分值 30  得分 27（原表 27）" in out
    assert "总分 96  等级 优（原表 96，相差 0）" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "文件不存在"),
        ('[{"schema": "jixiao.self-evaluation/1"}]', "缺少字段"),
        ("这不是自评表", "没有找到自评表"),
    ],
)
def test_it_exits_2_with_a_chinese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = str(tmp_path / "missing.json") if content is None else write(tmp_path, content)
    assert main(["score", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and captured.err.startswith("错误：")


@pytest.mark.parametrize(
    ("suffix", "layout"), [(".pdf", "四川"), (".xlsx", "安徽"), (".docx", "全国")]
)
def test_it_writes_the_scored_form_in_a_layout_and_reads_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, layout: str
) -> None:
    ev = parse_example("数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 30 | 两个社区停工")
    path = write(tmp_path, dumps([ev]))
    out = tmp_path / f"自评{suffix}"
    assert main(["score", path, "--output", str(out), "--layout", layout]) == 1
    capsys.readouterr()
    assert main(["score", str(out)]) == 0  # the written form prints the recomputed points
    printed = capsys.readouterr().out
    assert "得分 24（原表 24）" in printed and "总分 93.8  等级 优（原表 93.8，相差 0）" in printed


def test_it_writes_the_offline_form_and_refuses_other_extensions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, dumps([parse_example("")]))
    assert main(["score", path, "--template", "--output", str(tmp_path / "离线.xlsx")]) == 0
    assert (tmp_path / "离线.xlsx").read_bytes().startswith(b"PK")
    capsys.readouterr()
    assert main(["score", path, "--template", "--output", str(tmp_path / "离线.pdf")]) == 2
    assert "只能是 .xlsx" in capsys.readouterr().err
