"""The 申报表 as an Excel workbook (openpyxl): one sheet per form, the 附件2 layout.

Merged cells, thin borders, 宋体, column widths of the printed form, A4 portrait fitted to
the page width. Money cells are numbers with a number format that shows every decimal
the declaration has (written as text when Excel's 15 digits cannot hold it exactly).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import (  # type: ignore[import-untyped]
    Alignment,
    Border,
    Font,
    NamedStyle,
    Side,
)
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]
from openpyxl.worksheet.cell_range import (  # type: ignore[import-untyped]
    CellRange,
    MultiCellRange,
)
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


#: One named style per way a grid cell looks, registered once per workbook: a cell takes its
#: look by name instead of building and hashing its own font, alignment and border objects.
_STYLE_NAMES = {
    (True, False, False): "申报表-居中",
    (True, True, False): "申报表-居中加粗",
    (False, False, False): "申报表-靠左",
    (True, False, True): "申报表-竖排",
}


def _style_key(role: Role) -> tuple[bool, bool, bool]:
    return role in _CENTRED, role in (Role.HEADER, Role.LEVEL1), role is Role.BLOCK


def _register_styles(workbook: Workbook) -> None:
    for (centred, bold, vertical), name in _STYLE_NAMES.items():
        style = NamedStyle(name=name, border=_BORDER, number_format="@")
        style.font = Font(name=FONT_NAME, size=10, bold=bold)
        style.alignment = Alignment(
            horizontal="center" if centred else "left",
            vertical="center",
            wrap_text=True,
            text_rotation=255 if vertical else 0,
        )
        workbook.add_named_style(style)


def _anchor(ws: WriteOnlyWorksheet, cell: Cell) -> WriteOnlyCell:
    xl = WriteOnlyCell(ws)
    xl.style = _STYLE_NAMES[_style_key(cell.role)]
    if cell.money is not None and _fits_excel(cell.money):
        xl.value = cell.money
        xl.number_format = money_format(cell.money)
    else:
        xl.value = cell.text or None
        xl.data_type = "s"  # 指标值 like “=100.00(%)” is text, never a formula
    return xl


def _covered(ws: WriteOnlyWorksheet, cell: Cell) -> WriteOnlyCell:
    """A cell hidden under a merge: empty, with its anchor's border."""
    xl = WriteOnlyCell(ws)
    xl.style = _STYLE_NAMES[_style_key(cell.role)]
    return xl


def _grid_rows(ws: WriteOnlyWorksheet, doc: FormDocument) -> list[list[WriteOnlyCell | None]]:
    """The grid's cells row by row: each anchor with its value, the cells it covers bordered."""
    rows: list[list[WriteOnlyCell | None]] = [[None] * COLUMN_COUNT for _ in range(doc.row_count)]
    for cell in doc.cells:
        for r in range(cell.row, cell.last_row + 1):
            for c in range(cell.col, cell.col + cell.colspan):
                at_anchor = r == cell.row and c == cell.col
                rows[r][c] = _anchor(ws, cell) if at_anchor else _covered(ws, cell)
    return rows


def _merges(doc: FormDocument, first: int) -> list[CellRange]:
    return [
        CellRange(
            min_row=first + cell.row,
            min_col=cell.col + 1,
            max_row=first + cell.last_row,
            max_col=cell.col + cell.colspan,
        )
        for cell in doc.cells
        if cell.rowspan > 1 or cell.colspan > 1
    ]


@dataclass(frozen=True, slots=True)
class _Line:
    """A line printed across the table's width above or below it."""

    text: str
    size: float
    centred: bool
    font: str
    height: float


def _line_cell(ws: WriteOnlyWorksheet, line: _Line) -> WriteOnlyCell:
    xl = WriteOnlyCell(ws, value=line.text)
    xl.font = Font(name=line.font, size=line.size)
    horizontal = "center" if line.centred else "left"
    xl.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    return xl


def _preamble(doc: FormDocument) -> list[_Line]:
    lines = []
    # The draft mark shares the 附件 line, so cell positions stay those of a decided form.
    first = "\u3000\u3000".join(t for t in (doc.attachment, doc.mark) if t)
    if first:
        lines.append(_Line(first, 12, False, "黑体", 19.2))
    if doc.title:
        height = 20.0 * (1 + int(_text_width(doc.title) // 95))
        lines.append(_Line(doc.title, 16, True, TITLE_FONT_NAME, height))
    lines.append(_Line(doc.year_line, 12, True, FONT_NAME, 20.0))
    return lines


def _page_setup(ws: WriteOnlyWorksheet, header_row: int) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    for index, width in enumerate(COLUMN_WIDTHS_MM, 1):
        ws.column_dimensions[get_column_letter(index)].width = width * _WIDTH_PER_MM


def write_sheet(ws: WriteOnlyWorksheet, doc: FormDocument) -> None:
    """Draw one form on an empty write-only worksheet, streaming its rows in order.

    Write-only sheets take row heights, column widths and merges before the rows; every cell
    is written once, styled by name, so the time grows linearly with the rows.
    """
    above = _preamble(doc)
    below = [_Line(doc.footnote, 10, False, FONT_NAME, 20.0)] if doc.footnote else []
    first = len(above) + 1
    heights = [line.height for line in above] + _row_heights(doc) + [x.height for x in below]
    for index, height in enumerate(heights, 1):
        ws.row_dimensions[index].height = height
    lines = {index: line for index, line in enumerate(above, 1)}
    lines.update({first + doc.row_count + n: line for n, line in enumerate(below)})
    spans = [CellRange(min_row=i, min_col=1, max_row=i, max_col=COLUMN_COUNT) for i in lines]
    ws.merged_cells = MultiCellRange([*spans, *_merges(doc, first)])
    _page_setup(ws, first + doc.header_row)
    for index in range(1, first):
        ws.append([_line_cell(ws, lines[index])])
    for row in _grid_rows(ws, doc):
        ws.append(row)
    for line in below:
        ws.append([_line_cell(ws, line)])


def render_xlsx(decls: Sequence[Declaration], blank_rows: int = 1) -> bytes:
    """A workbook with one sheet per declaration, in order (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    _register_styles(workbook)
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
