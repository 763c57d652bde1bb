"""The 监控表 as an Excel workbook (openpyxl): one sheet per report, landscape A4.

Lights are filled in their colour. The offline template (a report without lights) protects
the sheet and unlocks only the cells a unit fills (1–m月 and forecast values, causes,
likelihood with a drop-down, measures, remarks, 执行数, 预计执行数 and the goal's progress), so
the approved 年度指标值 stay as approved. Money cells are exact numbers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from jixiao.model.catalogue_monitoring import MonitoringColumn, MonitoringText
from jixiao.monitoring.canonical import SCHEMA_ID
from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.monitoring.vocab import Light, Likelihood
from jixiao.render.document import Cell, Role
from jixiao.render.monitoring import (
    COLUMN_COUNT,
    COLUMN_WIDTHS_MM,
    MonitoringDocument,
    build_monitoring_document,
)
from jixiao.render.xlsx import FONT_NAME, money_format, sheet_title

#: Fill colours of the lights (RGB).
LIGHT_COLOURS = {
    Light.RED: "FF4D4F",
    Light.YELLOW: "FADB14",
    Light.GREEN: "52C41A",
    Light.BLUE: "1890FF",
    Light.GREY: "D9D9D9",
}
KEYWORDS = SCHEMA_ID
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LEFT = frozenset({Role.TEXT, Role.VALUE, Role.NAME})
_WIDTH_PER_MM = 0.55
_EXACT_DIGITS = 15
_LIKELIHOOD_COL = list(MonitoringColumn).index(MonitoringColumn.LIKELIHOOD)


def _write_cell(ws: Worksheet, doc: MonitoringDocument, cell: Cell, first: int) -> None:
    row = first + cell.row
    xl = ws.cell(row=row, column=cell.col + 1)
    if cell.money is not None and len(cell.money.as_tuple().digits) <= _EXACT_DIGITS:
        xl.value = cell.money
        xl.number_format = money_format(cell.money)
    else:
        xl.value = cell.text or None
        xl.data_type = "s"
        xl.number_format = "@"
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(
            start_row=row,
            start_column=cell.col + 1,
            end_row=row + cell.rowspan - 1,
            end_column=cell.col + cell.colspan,
        )
    horizontal = "left" if cell.role in _LEFT else "center"
    xl.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    xl.font = Font(name=FONT_NAME, size=9, bold=cell.role in (Role.HEADER, Role.LEVEL1))
    light = doc.lights.get((cell.row, cell.col))
    if light is not None:
        xl.fill = PatternFill("solid", fgColor=LIGHT_COLOURS[light])
    if (cell.row, cell.col) in doc.inputs:
        xl.protection = Protection(locked=False)
    for r in range(row, row + cell.rowspan):
        for c in range(cell.col + 1, cell.col + cell.colspan + 1):
            ws.cell(row=r, column=c).border = _BORDER


def _line(ws: Worksheet, row: int, text: str, size: float) -> None:
    xl = ws.cell(row=row, column=1, value=text)
    xl.font = Font(name=FONT_NAME, size=size, bold=size > 12)
    xl.alignment = Alignment(horizontal="center" if size > 10 else "left", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMN_COUNT)
    ws.row_dimensions[row].height = max(20.0, size * 1.8)


def _likelihood_list(ws: Worksheet, doc: MonitoringDocument, first: int) -> None:
    cells = [
        f"{get_column_letter(c + 1)}{first + r}"
        for r, c in sorted(doc.inputs)
        if c == _LIKELIHOOD_COL and r > doc.header_row
    ]
    if not cells:
        return
    options = ",".join(m.value for m in Likelihood)
    validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
    validation.error = "请选择确定能、有可能或完全不可能"
    validation.errorTitle = MonitoringColumn.LIKELIHOOD.value
    ws.add_data_validation(validation)
    for ref in cells:
        validation.add(ref)


def write_sheet(ws: Worksheet, doc: MonitoringDocument, template: bool) -> None:
    """Draw one report on an empty worksheet."""
    _line(ws, 1, doc.title, 16)
    _line(ws, 2, doc.year_line, 11)
    first = 3
    for cell in doc.cells:
        _write_cell(ws, doc, cell, first)
    _line(ws, first + doc.row_count, doc.footnote, 9)
    ws.row_dimensions[first + doc.row_count].height = 48.0
    for index, width in enumerate(COLUMN_WIDTHS_MM, 1):
        ws.column_dimensions[get_column_letter(index)].width = width * _WIDTH_PER_MM
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first + doc.header_row}:{first + doc.header_row}"
    if template:
        _likelihood_list(ws, doc, first)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def render_monitoring_xlsx(
    reports: Sequence[MonitoringReport], lights: Sequence[ReportLights | None] | None = None
) -> bytes:
    """A workbook with one sheet per report; without lights it is the offline template."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    chosen = list(lights) if lights is not None else [None] * len(reports)
    for report, lit in zip(reports, chosen, strict=True):
        ws = workbook.create_sheet(
            sheet_title(report.project_name or MonitoringText.TITLE.value, taken)
        )
        write_sheet(ws, build_monitoring_document(report, lit), template=lit is None)
    workbook.properties.keywords = KEYWORDS
    workbook.properties.title = MonitoringText.TITLE.value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


__all__ = ["LIGHT_COLOURS", "render_monitoring_xlsx", "write_sheet"]
