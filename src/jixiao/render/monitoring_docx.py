"""The 监控表 as a Word document (python-docx): landscape A4, one report per page, lights shaded."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from jixiao.model.catalogue_monitoring import MonitoringText
from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.render.document import Cell, Role
from jixiao.render.docx import FONT_NAME, HEADING_FONT, _east_asian, _line
from jixiao.render.monitoring import (
    COLUMN_COUNT,
    COLUMN_WIDTHS_MM,
    MonitoringDocument,
    build_monitoring_document,
)
from jixiao.render.monitoring_xlsx import KEYWORDS, LIGHT_COLOURS

_LEFT = frozenset({Role.TEXT, Role.VALUE, Role.NAME})


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(12)
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    _east_asian(normal.element, FONT_NAME)
    normal.paragraph_format.space_after = Pt(0)


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _fill(cell: _Cell, source: Cell) -> None:
    first = cell.paragraphs[0]
    for n, text in enumerate(source.text.split("\n")):
        paragraph = first if n == 0 else cell.add_paragraph()
        left = source.role in _LEFT
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = source.role in (Role.HEADER, Role.LEVEL1)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_report(document: DocxDocument, doc: MonitoringDocument) -> None:
    """Append one report: title, year line, the table and the footnote."""
    _line(document, doc.title, 16, True, HEADING_FONT)
    _line(document, doc.year_line, 11, True, FONT_NAME)
    table = document.add_table(rows=doc.row_count, cols=COLUMN_COUNT)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, COLUMN_WIDTHS_MM, strict=True):
            tc.width = Mm(width)
    # The cell elements are taken once before merging: table.cell() rebuilds the whole grid
    # on every call, which is quadratic in the rows of a long report.
    grid = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for source in doc.cells:
        tc = grid[source.row][source.col]
        if source.rowspan > 1 or source.colspan > 1:
            tc = tc.merge(grid[source.last_row][source.col + source.colspan - 1])
        cell = _Cell(tc, table)
        _fill(cell, source)
        light = doc.lights.get((source.row, source.col))
        if light is not None:
            _shade(cell, LIGHT_COLOURS[light])
    _line(document, doc.footnote, 8, False, FONT_NAME)


def render_monitoring_docx(
    reports: Sequence[MonitoringReport], lights: Sequence[ReportLights | None] | None = None
) -> bytes:
    """A Word document with every report, each from a new page."""
    document = Document()
    _setup(document)
    chosen = list(lights) if lights is not None else [None] * len(reports)
    for n, (report, lit) in enumerate(zip(reports, chosen, strict=True)):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_report(document, build_monitoring_document(report, lit))
    document.core_properties.keywords = KEYWORDS
    document.core_properties.title = MonitoringText.TITLE.value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["render_monitoring_docx"]
