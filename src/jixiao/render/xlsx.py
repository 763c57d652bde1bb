"""The 申报表 as an Excel workbook (openpyxl): one sheet per form, the 附件2 layout.

Merged cells, thin borders, 宋体, column widths of the printed form, A4 portrait fitted to
the page width. Money cells are numbers with a number format that shows every decimal
the declaration has (written as text when Excel's 15 digits cannot hold it exactly).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from jixiao.model import Declaration
from jixiao.render.document import (
    COLUMN_COUNT,
    COLUMN_WIDTHS_MM,
    Cell,
    FormDocument,
    Role,
    build_document,
)

FONT_NAME = "宋体"
TITLE_FONT_NAME = "方正小标宋简体"  # falls back to the user's default where not installed
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = frozenset(
    {Role.LABEL, Role.BLOCK, Role.HEADER, Role.LEVEL1, Role.LEVEL2, Role.TARGET, Role.MONEY}
)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_WIDTH_PER_MM = 0.55  #: Excel width units (default-font digits) per millimetre
_LINE_HEIGHT_PT = 14.0
_EXACT_DIGITS = 15  #: digits an Excel number holds exactly
KEYWORD_PREFIX = "指标体系:"


def money_format(amount: Decimal) -> str:
    """A number format showing exactly the amount's decimals: 53.15 → '0.00'."""
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def _fits_excel(amount: Decimal) -> bool:
    return len(amount.as_tuple().digits) <= _EXACT_DIGITS


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, no []:*?/\\) from a project name."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'")[:28] or "申报表"
    title, n = base, 1
    while title in taken:
        n += 1
        title = f"{base[:26]}-{n}"
    taken.add(title)
    return title


def _text_width(text: str) -> float:
    """Width in Excel units: CJK and full-width characters count double."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def _lines_needed(cell: Cell) -> int:
    width = sum(COLUMN_WIDTHS_MM[cell.col : cell.col + cell.colspan]) * _WIDTH_PER_MM - 1
    if cell.role is Role.BLOCK:
        return len(cell.text) // max(1, cell.rowspan)
    lines = (max(1, int(_text_width(p) // max(1.0, width)) + 1) for p in cell.text.split("\n"))
    return sum(lines)


def _row_heights(doc: FormDocument) -> list[float]:
    heights = [_LINE_HEIGHT_PT + 4] * doc.row_count
    for cell in sorted(doc.cells, key=lambda c: c.rowspan):
        need = _lines_needed(cell) * _LINE_HEIGHT_PT + 4
        have = sum(heights[cell.row : cell.last_row + 1])
        if need > have:
            heights[cell.last_row] += need - have
    return heights


def _style(ws: Worksheet, cell: Cell, row: int) -> None:
    xl = ws.cell(row=row, column=cell.col + 1)
    centred = cell.role in _CENTRED
    xl.alignment = Alignment(
        horizontal="center" if centred else "left",
        vertical="center",
        wrap_text=True,
        text_rotation=255 if cell.role is Role.BLOCK else 0,
    )
    bold = cell.role in (Role.HEADER, Role.LEVEL1)
    xl.font = Font(name=FONT_NAME, size=10, bold=bold)
    for r in range(row, row + cell.rowspan):
        for c in range(cell.col + 1, cell.col + cell.colspan + 1):
            ws.cell(row=r, column=c).border = _BORDER


def _write_cell(ws: Worksheet, cell: Cell, row: int) -> None:
    xl = ws.cell(row=row, column=cell.col + 1)
    if cell.money is not None and _fits_excel(cell.money):
        xl.value = cell.money
        xl.number_format = money_format(cell.money)
    else:
        xl.value = cell.text or None
        xl.data_type = "s"  # 指标值 like “=100.00(%)” is text, never a formula
        xl.number_format = "@"
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(
            start_row=row,
            start_column=cell.col + 1,
            end_row=row + cell.rowspan - 1,
            end_column=cell.col + cell.colspan,
        )
    _style(ws, cell, row)


def _line(ws: Worksheet, row: int, text: str, size: float, centred: bool, font: str) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(name=font, size=size)
    ws.cell(row=row, column=1).alignment = Alignment(
        horizontal="center" if centred else "left", vertical="center", wrap_text=True
    )
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMN_COUNT)
    ws.row_dimensions[row].height = max(20.0, size * 1.6)


def _preamble(ws: Worksheet, doc: FormDocument) -> int:
    row = 1
    if doc.attachment:
        _line(ws, row, doc.attachment, 12, False, "黑体")
        row += 1
    if doc.title:
        _line(ws, row, doc.title, 16, True, TITLE_FONT_NAME)
        ws.row_dimensions[row].height = 20.0 * (1 + int(_text_width(doc.title) // 95))
        row += 1
    _line(ws, row, doc.year_line, 12, True, FONT_NAME)
    return row + 1


def _page_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    for index, width in enumerate(COLUMN_WIDTHS_MM, 1):
        ws.column_dimensions[get_column_letter(index)].width = width * _WIDTH_PER_MM


def write_sheet(ws: Worksheet, doc: FormDocument) -> None:
    """Draw one form on an empty worksheet."""
    first = _preamble(ws, doc)
    for cell in doc.cells:
        _write_cell(ws, cell, first + cell.row)
    for index, height in enumerate(_row_heights(doc)):
        ws.row_dimensions[first + index].height = height
    if doc.footnote:
        _line(ws, first + doc.row_count, doc.footnote, 10, False, FONT_NAME)
    _page_setup(ws, first + doc.header_row)


def render_xlsx(decls: Sequence[Declaration], blank_rows: int = 1) -> bytes:
    """A workbook with one sheet per declaration, in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for decl in decls:
        ws = workbook.create_sheet(sheet_title(decl.project_name, taken))
        write_sheet(ws, build_document(decl, blank_rows))
    trees = sorted({d.tree.value for d in decls})
    workbook.properties.keywords = KEYWORD_PREFIX + ",".join(trees)
    workbook.properties.title = "项目支出年度预算绩效目标申报表"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
