"""The 自评表 in every layout and format, read back exactly; the offline XLSX filled and scored."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.cli import main
from jixiao.evaluation import Layout, SelfEvaluation, score_evaluation
from jixiao.evaluation.examples import parse_example
from jixiao.evaluation.files import read_evaluation_file
from jixiao.evaluation.grid import GridFormatError, read_document
from jixiao.evaluation.prefill import from_declaration, to_declaration
from jixiao.model import NOWHERE
from jixiao.render.evaluation import EvaluationDocument, build_evaluation_document, split_target
from jixiao.render.evaluation_formats import (
    render_evaluation_docx,
    render_evaluation_pdf,
    render_evaluation_xlsx,
)
from jixiao.values import parse_value

Renderer = Callable[[Sequence[EvaluationDocument]], bytes]
FORMATS: dict[str, Renderer] = {
    "xlsx": render_evaluation_xlsx,
    "docx": render_evaluation_docx,
    "pdf": render_evaluation_pdf,
}
LAYOUTS = (Layout.NATIONAL, Layout.SICHUAN, Layout.ANHUI)
SAMPLE = parse_example(
    "数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 24 | 两个社区道路施工，服务暂停\n"
    "质量指标: 图书完好率 | 合格 | 基本合格 | 20 | 14 | 部分图书破损\n"
    "时效指标: 开放月份 | 1-12月 | 12月 | 10 | 10\n"
    "时效指标: 办结时限 | 2025年12月31日前 | 2025年11月 | 5 | 5\n"
    "成本指标: 购书成本 | ≤1.1万元 | 1.05万元 | 5 | 5\n"
    "年初预算数: 18\n原因: 一辆流动车年底才到位"
)


def comparable(ev: SelfEvaluation) -> SelfEvaluation:
    rows = tuple(dataclasses.replace(r, location=NOWHERE) for r in ev.rows)
    return dataclasses.replace(ev, location=NOWHERE, rows=rows)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_it_reads_every_layout_and_format_back_exactly(layout: Layout, fmt: str) -> None:
    ev = dataclasses.replace(SAMPLE, layout=layout)
    data = FORMATS[fmt]([build_evaluation_document(ev, layout)])
    (back,) = read_document(data, f"自评.{fmt}")
    assert comparable(back) == comparable(ev)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_it_keeps_several_forms_apart(fmt: str) -> None:
    forms = [SAMPLE, dataclasses.replace(parse_example(""), project_name="第二个项目", year=2024)]
    data = FORMATS[fmt]([build_evaluation_document(e) for e in forms])
    back = read_document(data, f"两张.{fmt}")
    assert [comparable(b) for b in back] == [comparable(e) for e in forms]


def test_a_scored_document_prints_the_recomputed_points() -> None:
    score = score_evaluation(SAMPLE)
    doc = build_evaluation_document(SAMPLE, score=score)
    (back,) = read_document(render_evaluation_xlsx([doc]), "计分.xlsx")
    assert [r.printed_score for r in back.rows] == [s.score for s in score.rows]
    assert back.printed_total == score.total and back.printed_grade is score.grade


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("≥120次", ("≥", "120", "次")),
        ("≤1.1万元", ("≤", "1.1", "万元")),
        ("=100%", ("=", "100", "%")),
        ("合格", ("定性", "合格", "")),
        ("550万粒", ("", "550万粒", "")),  # a bare number: Sichuan's = would change it
        ("1-12月", ("", "1-12月", "")),
        ("2025年12月31日前", ("", "2025年12月31日前", "")),
    ],
)
def test_sichuan_splits_a_value_only_where_it_joins_back_the_same(
    text: str, parts: tuple[str, str, str]
) -> None:
    assert split_target(parse_value(text), text) == parts


def _fill(data: bytes, executed: object = 19.6) -> bytes:
    """What a unit does with the offline form in Excel, done with openpyxl."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "一级指标")[0].row
    cells = {c.value: c.column for c in ws[header]}
    answers = {
        "流动服务次数": ("96次", "两个社区道路施工，服务暂停"),
        "图书完好率": ("97%", ""),
        "读者借阅人次": ("5200人次", ""),
        "读者满意度": ("93%", ""),
    }
    for row in ws.iter_rows(min_row=header + 1):
        name = row[cells["三级指标"] - 1].value
        if name in answers:
            actual, deviation = answers[name]
            assert row[cells["三级指标"] - 1].protection.locked  # the approved name stays locked
            ws.cell(row=row[0].row, column=cells["实际完成值"], value=actual)
            ws.cell(row=row[0].row, column=cells["偏差原因分析及改进措施"], value=deviation or None)
    money = next(r for r in ws.iter_rows() if r[0].value == "项目资金（万元）")[0].row
    heads = {c.value: c.column for c in ws[money]}
    ws.cell(row=money + 1, column=heads["全年执行数"], value=executed)  # 19.6 typed as a number
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_offline_form_is_prefilled_filled_in_excel_and_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    approved = to_declaration(parse_example(""))
    blank = from_declaration(approved)
    data = render_evaluation_xlsx([build_evaluation_document(blank)], template=True)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.protection.sheet is True
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(_fill(data))
    (filled,) = read_evaluation_file(path)
    assert [r.target_text for r in filled.rows] == [r.target_text for r in blank.rows]
    assert filled.budget.executed == parse_example("").budget.executed  # 19.6, exact
    score = score_evaluation(filled)
    assert [r.weight for r in filled.rows] == [r.weight for r in blank.rows]  # 33.33, 16.67 …
    assert score.rows[0].score == Decimal("26.66") and score.grade.value == "优"
    assert main(["score", str(path)]) == 0
    assert "流动服务次数  分值 33.33  得分 26.66" in capsys.readouterr().out


def _offline(executed: object) -> bytes:
    blank = from_declaration(to_declaration(parse_example("")))
    return _fill(
        render_evaluation_xlsx([build_evaluation_document(blank)], template=True), executed
    )


def test_the_offline_form_reads_an_executed_amount_with_its_unit() -> None:
    (filled,) = read_document(_offline("196,000元"), "自评表.xlsx")
    assert filled.budget.executed == Decimal("19.6")


@pytest.mark.parametrize(
    ("executed", "reason"), [(-5, "不能为负数"), ("3e8", "超过上限"), ("十九万", "不是数字")]
)
def test_a_bad_executed_amount_in_the_offline_form_is_refused(
    executed: object, reason: str
) -> None:
    with pytest.raises(GridFormatError, match=f"金额“.*”{reason}"):
        read_document(_offline(executed), "自评表.xlsx")


def test_a_damaged_file_is_a_chinese_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 26 + b"xl/workbook.xml" + b"\x00" * 64)
    assert main(["score", str(path)]) == 2
    assert "文件已损坏" in capsys.readouterr().err


def test_a_damaged_pdf_is_said_to_be_a_damaged_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(render_evaluation_pdf([build_evaluation_document(SAMPLE)])[:400])
    assert main(["score", str(path)]) == 2
    assert f"{path}：PDF 文件已损坏或不完整，无法读取" in capsys.readouterr().err
