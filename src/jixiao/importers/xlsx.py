"""The Excel importer: our own workbooks and the offline templates departments fill in.

Every sheet with a 项目名称 cell is one form; other sheets are skipped. Numbers come back
exactly: openpyxl gives floats, and each float is read through its shortest repr
(``Decimal(repr(53.15)) == Decimal("53.15")``), never through binary arithmetic. A cell
formatted as a percentage (0.95 shown as 95%) reads as “95%”. openpyxl is imported when a
workbook is opened, so reading other formats (and the CLI's start-up) never loads it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.importers.base import ImportFailure, ImportResult
from jixiao.importers.grid import BOUNDARY, GridCell, GridRow, read_grid
from jixiao.importers.labels import compact
from jixiao.model import SourceLocation, TreeVariant

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_KEYWORD_PREFIX = "指标体系:"


def is_ooxml(data: bytes, part: str) -> bool:
    """A ZIP package (XLSX, DOCX) that holds ``part`` (xl/workbook.xml, word/document.xml)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return part in package.namelist()
    except zipfile.BadZipFile:
        return False


def exact_number(value: float | int | Decimal, percent: bool = False) -> str:
    """A cell number as the text a person typed: 53.15 → '53.15', 100.0 → '100'."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        number *= 100
    text = format(number.normalize(), "f") if number == number.to_integral() else str(number)
    if "." in text and "E" not in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


def cell_text(value: object, number_format: str) -> str:
    """Any cell value as text; numbers exact, booleans and dates readable."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        return exact_number(value, "%" in number_format)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _merges(ws: Worksheet) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]]]:
    """Column span of each merge's top-left cell, and every cell a merge covers."""
    spans: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = merged.max_col - merged.min_col + 1
        covered.update(
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
            if (r, c) != (merged.min_row, merged.min_col)
        )
    return spans, covered


def sheet_rows(ws: Worksheet, filename: str) -> Iterator[GridRow]:
    """The sheet's rows as grid rows; cells a merge covers are left out."""
    spans, covered = _merges(ws)
    for row in ws.iter_rows():
        cells = []
        for xl in row:
            key = (xl.row, xl.column)
            if key in covered or not hasattr(xl, "column"):
                continue
            text = cell_text(xl.value, xl.number_format or "")
            where = SourceLocation(filename, cell=f"{ws.title}!{xl.coordinate}")
            cells.append(GridCell(xl.column - 1, spans.get(key, 1), text, where))
        if any(c.text.strip() for c in cells):
            yield GridRow(tuple(cells), cells[0].location)


def _has_form(ws: Worksheet) -> bool:
    return any(
        isinstance(v, str) and compact(v) == "项目名称"
        for row in ws.iter_rows(values_only=True)
        for v in row
    )


def tree_hint(keywords: str | None) -> TreeVariant | None:
    """The tree our own files record in their keywords, when they hold exactly one."""
    if not keywords or not keywords.startswith(_KEYWORD_PREFIX):
        return None
    names = keywords.removeprefix(_KEYWORD_PREFIX).split(",")
    values = {t.value for t in TreeVariant}
    return TreeVariant(names[0]) if len(names) == 1 and names[0] in values else None


class XlsxImporter:
    """Excel workbooks (.xlsx) holding one form per sheet."""

    name = "xlsx"

    def identify(self, data: bytes, filename: str) -> bool:
        return is_ooxml(data, "xl/workbook.xml")

    def extract(self, data: bytes, filename: str) -> ImportResult:
        workbook = _open(data, filename)
        sheets = [ws for ws in workbook.worksheets if _has_form(ws)]
        if not sheets:
            names = "、".join(ws.title for ws in workbook.worksheets)
            raise ImportFailure(
                f"{filename}：工作簿中没有申报表（没有工作表含“项目名称”栏；现有工作表：{names}）"
            )
        rows: list[GridRow] = []
        for ws in sheets:
            rows.extend(sheet_rows(ws, filename))
            rows.append(BOUNDARY)
        hint = tree_hint(workbook.properties.keywords)
        declarations, issues = read_grid(rows, filename, hint)
        if not declarations:
            raise ImportFailure(f"{filename}：工作表中没有可读取的申报表")
        return ImportResult(tuple(declarations), tuple(issues))


def _open(data: bytes, filename: str) -> Any:
    if data.startswith(_OLE_MAGIC):
        raise ImportFailure(
            f"{filename}：文件已加密或是旧版 .xls 格式，请在 Excel 中取消密码并另存为 .xlsx"
        )
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFailure(f"{filename}：不是有效的 Excel（.xlsx）文件，或文件已损坏") from None
