"""The 监控表 in PDF, XLSX and DOCX: rendered with lights and read back exactly; the offline
XLSX filled with openpyxl the way a user would; corpus 019 imported with its actuals."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.monitoring import Light, MonitoringInputError, MonitoringReport, new_report
from jixiao.monitoring.files import read_bytes, read_file
from jixiao.monitoring.lights import ReportLights, report_lights
from jixiao.monitoring.reader import without_locations
from jixiao.render.monitoring_docx import render_monitoring_docx
from jixiao.render.monitoring_pdf import render_monitoring_pdf
from jixiao.render.monitoring_xlsx import render_monitoring_xlsx
from tests.monitoring.samples import long_declaration, publicity, publicity_report
from tests.shared import CORPUS

Renderer = Callable[[Sequence[MonitoringReport], Sequence[ReportLights | None] | None], bytes]
RENDERERS = {
    "pdf": render_monitoring_pdf,
    "xlsx": render_monitoring_xlsx,
    "docx": render_monitoring_docx,
}


def _same(a: Sequence[MonitoringReport], b: Sequence[MonitoringReport]) -> bool:
    return [without_locations(r) for r in a] == [without_locations(r) for r in b]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_it_reads_back_a_filled_report_with_its_lights(fmt: str) -> None:
    reports = [publicity_report(), publicity_report(9)]
    data = RENDERERS[fmt](reports, [report_lights(r) for r in reports])
    back = read_bytes(data, f"监控表.{fmt}")
    assert _same(back, reports)
    assert [report_lights(r).overall for r in back] == [Light.YELLOW, Light.RED]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_it_reads_back_a_long_report_over_several_pages(fmt: str) -> None:
    report = new_report(long_declaration(60), 3)
    data = RENDERERS[fmt]([report], [report_lights(report)])
    assert _same(read_bytes(data, f"长表.{fmt}"), [report])


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_it_reads_back_an_offline_template(fmt: str) -> None:
    report = new_report(publicity(), 6, declaration_ref="v3")
    assert _same(read_bytes(RENDERERS[fmt]([report], None), f"模板.{fmt}"), [report])


def test_the_pdf_shows_every_light_and_its_explanation() -> None:
    import pdfplumber

    report = publicity_report()
    data = render_monitoring_pdf([report], [report_lights(report)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert "黄灯" in text and "绿灯" in text and "无法判定" in text
    assert "项目预警" in text and "12÷(35×6÷12)×100=68.57" in text.replace(" ", "")


def _row_of(ws: object, name: str) -> int:
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.value == name:
                return int(cell.row)
    raise AssertionError(name)


def _column_of(ws: object, header: str) -> int:
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.value == header:
                return int(cell.column)
    raise AssertionError(header)


def _fill_offline(entries: dict[str, dict[str, object]], executed: object) -> bytes:
    """Open the offline template with openpyxl, type entries as a user would, save."""
    template = render_monitoring_xlsx([new_report(publicity(), 6)], None)
    workbook = load_workbook(io.BytesIO(template))
    ws = workbook.worksheets[0]
    for name, values in entries.items():
        row = _row_of(ws, name)
        for header, value in values.items():
            cell = ws.cell(row=row, column=_column_of(ws, header))
            assert cell.protection.locked is False, f"{header} 应可填写"
            cell.value = value
    total = _row_of(ws, "年度资金总额")
    ws.cell(row=total, column=_column_of(ws, "1–6月执行数")).value = executed
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_user_fills_the_offline_xlsx_and_it_reads_back() -> None:
    data = _fill_offline(
        {
            "政策文件多元化解读个数": {
                "1–6月实际完成值": 12,
                "全年预计完成值": "30个",
                "偏差原因": "经费保障,其他",
                "偏差原因说明": "解读任务集中在下半年",
                "完成目标可能性": "有可能",
                "纠偏措施": "下半年加快解读进度",
            },
            "政务新媒体使用安全": {"1–6月实际完成值": "100%", "完成目标可能性": "确定能"},
        },
        21.5,
    )
    (report,) = read_bytes(data, "填好的模板.xlsx")
    row = report.rows[0]
    assert (row.actual_text, row.actual.unit, row.forecast.number) == ("12", "个", Decimal(30))
    assert [c.value for c in row.causes] == ["经费保障", "其他"]
    assert row.likelihood is not None and row.likelihood.value == "有可能"
    assert report.total.executed == Decimal("21.5") and report.total.budget == Decimal(60)
    lights = report_lights(report)
    assert [lights.rows[0].light, lights.rows[3].light] == [Light.YELLOW, Light.GREEN]
    assert lights.budget.light is Light.YELLOW


def test_the_offline_xlsx_keeps_the_approved_targets_locked() -> None:
    workbook = load_workbook(io.BytesIO(render_monitoring_xlsx([new_report(publicity())], None)))
    ws = workbook.worksheets[0]
    assert ws.protection.sheet is True
    row = _row_of(ws, "政策文件多元化解读个数")
    assert ws.cell(row=row, column=_column_of(ws, "年度指标值")).protection.locked is True
    validations = ws.data_validations.dataValidation
    assert validations and "有可能" in validations[0].formula1


def test_a_unit_mismatch_in_the_offline_xlsx_names_the_cell() -> None:
    data = _fill_offline({"政策文件多元化解读个数": {"1–6月实际完成值": "12次"}}, None)
    with pytest.raises(MonitoringInputError, match=r"填好的模板.xlsx.*单位为“次”.*请按“个”填写"):
        read_bytes(data, "填好的模板.xlsx")


def test_the_offline_xlsx_reads_an_executed_amount_with_its_unit() -> None:
    (report,) = read_bytes(_fill_offline({}, "215,000元"), "填好的模板.xlsx")
    assert report.total.executed == Decimal("21.5")


@pytest.mark.parametrize(
    ("executed", "reason"), [(-3, "不能为负数"), ("2e8", "超过上限"), ("二十万", "不是数字")]
)
def test_a_bad_executed_amount_in_the_offline_xlsx_names_the_cell(
    executed: object, reason: str
) -> None:
    with pytest.raises(MonitoringInputError, match=rf"填好的模板.xlsx.*金额“.*”{reason}"):
        read_bytes(_fill_offline({}, executed), "填好的模板.xlsx")


def test_it_imports_corpus_019_with_its_actual_to_date_values() -> None:
    (path,) = (CORPUS / "forms").glob("019_*")
    golden = json.loads((CORPUS / "golden" / path.with_suffix(".json").name).read_text("utf-8"))
    (report,) = read_file(path)
    assert (str(report.year), report.project_name) == (golden["year"], golden["project_name"])
    assert report.department.name == golden["department"]
    assert report.implementer.name == golden["implementing_unit"]
    money = golden["budget_execution_wan"]
    assert report.period.replace("–", "-") == money["period"]
    total = report.total
    assert (str(total.budget), str(total.executed), total.forecast) == (
        money["annual_budget"],
        money["executed_to_date"],
        money["forecast"],
    )
    rows = [
        {
            "level1": r.level1.value,
            "level2": r.level2.value,
            "name": r.name or None,
            "target": r.target_text or None,
            "actual_to_date": r.actual_text or None,
            "forecast": r.forecast_text or None,
            "deviation_cause": r.cause_text or None,
            "likelihood": r.likelihood.value if r.likelihood else None,
        }
        for r in report.rows
    ]
    assert rows == golden["indicators"]
