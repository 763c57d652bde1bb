"""The Word importer: our own documents and filled-in offline templates.

The body is read in order: paragraphs become one-cell rows, each table row its cells with
their grid column and span (w:gridSpan); a cell continuing a vertical merge
(w:vMerge="continue") is left out, so merged labels carry over as in the printed form.
A page break ends a page, so the text before a break closes the form above it. python-docx
is imported when a document is opened or read, so reading other formats (and the CLI's
start-up) never loads it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jixiao.importers.base import ImportFailure, ImportResult
from jixiao.importers.grid import BOUNDARY, GridCell, GridRow, read_grid
from jixiao.importers.xlsx import is_ooxml, tree_hint
from jixiao.model import SourceLocation

if TYPE_CHECKING:
    from docx.table import Table

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _breaks_page(element: Any) -> bool:
    from docx.oxml.ns import qn

    page_breaks = element.findall(".//" + qn("w:br"))
    explicit = any(br.get(qn("w:type")) == "page" for br in page_breaks)
    return explicit or element.find(".//" + qn("w:pageBreakBefore")) is not None


def _table_rows(table: Table, number: int, filename: str) -> Iterator[GridRow]:
    from docx.table import _Cell

    for r, tr in enumerate(table._tbl.tr_lst, 1):
        col = _grid_before(tr)
        cells = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge != "continue":
                where = SourceLocation(filename, cell=f"表{number}第{r}行第{col + 1}列")
                cells.append(GridCell(col, span, _Cell(tc, table).text, where))
            col += span
        if cells:
            yield GridRow(tuple(cells), cells[0].location)


def _grid_before(tr: Any) -> int:
    """Grid columns skipped before the row's first cell (w:gridBefore)."""
    from docx.oxml.ns import qn

    found = None if tr.trPr is None else tr.trPr.find(qn("w:gridBefore"))
    return 0 if found is None else int(found.get(qn("w:val"), "0"))


def body_rows(document: Any, filename: str) -> Iterator[GridRow]:
    """Paragraphs and table rows in document order, with page breaks as boundaries."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            if _breaks_page(element):
                yield BOUNDARY
            text = Paragraph(element, document).text.strip()
            if text:
                yield GridRow((GridCell(0, 0, text, SourceLocation(filename)),))
        elif element.tag == qn("w:tbl"):
            tables += 1
            yield from _table_rows(Table(element, document), tables, filename)


def _open(data: bytes, filename: str) -> Any:
    if data.startswith(_OLE_MAGIC):
        raise ImportFailure(
            f"{filename}：文件已加密或是旧版 .doc 格式，请在 Word 中取消密码并另存为 .docx"
        )
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise ImportFailure(f"{filename}：不是有效的 Word（.docx）文件，或文件已损坏") from None


class DocxImporter:
    """Word documents (.docx) holding the form as a table."""

    name = "docx"

    def identify(self, data: bytes, filename: str) -> bool:
        return is_ooxml(data, "word/document.xml")

    def extract(self, data: bytes, filename: str) -> ImportResult:
        document = _open(data, filename)
        if not document.tables:
            raise ImportFailure(f"{filename}：Word 文件中没有表格，无法读取申报表")
        rows = list(body_rows(document, filename))
        hint = tree_hint(document.core_properties.keywords)
        declarations, issues = read_grid(rows, filename, hint)
        if not declarations:
            raise ImportFailure(f"{filename}：Word 文件的表格中没有申报表（未找到“项目名称”栏）")
        return ImportResult(tuple(declarations), tuple(issues))
