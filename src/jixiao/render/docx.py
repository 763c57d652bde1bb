"""The 申报表 as a Word document (python-docx): the 附件2 table, one form per page.

A4 portrait, 宋体 (East Asian font set explicitly, so Word does not fall back to a Latin
font), merged cells as in the printed form, rows that never break across pages, and each
paragraph of 年度总体目标 as its own Word paragraph.
"""

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
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from jixiao.model import Declaration
from jixiao.model.catalogue import FormText
from jixiao.render.document import (
    COLUMN_COUNT,
    COLUMN_WIDTHS_MM,
    Cell,
    FormDocument,
    Role,
    build_document,
)

FONT_NAME = "宋体"
HEADING_FONT = "黑体"
BODY_SIZE = Pt(10)
KEYWORD_PREFIX = "指标体系:"
_CENTRED = frozenset(
    {Role.LABEL, Role.BLOCK, Role.HEADER, Role.LEVEL1, Role.LEVEL2, Role.TARGET, Role.MONEY}
)


def _east_asian(element: object, font: str) -> None:
    """Set the East Asian font of a run or style, which python-docx does not expose."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        r_fonts.set(qn(attr), font)


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _east_asian(normal.element, FONT_NAME)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _line(document: DocxDocument, text: str, size: float, centred: bool, font: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _east_asian(run._r, font)


def _fill(cell: _Cell, source: Cell) -> None:
    """Write a cell's text: paragraphs for TEXT, line breaks for the vertical label."""
    paragraphs = source.text.split("\n") if source.role is not Role.BLOCK else [source.text]
    first = cell.paragraphs[0]
    for n, text in enumerate(paragraphs):
        paragraph = first if n == 0 else cell.add_paragraph()
        _paragraph(paragraph, source, text)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _paragraph(paragraph: Paragraph, source: Cell, text: str) -> None:
    centred = source.role in _CENTRED
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    if source.role is Role.TEXT:
        paragraph.paragraph_format.space_after = Pt(6)
    if source.role is Role.BLOCK:
        for n, ch in enumerate(text):
            run = paragraph.add_run(ch)
            if n < len(text) - 1:
                run.add_break(WD_BREAK.LINE)
        return
    run = paragraph.add_run(text)
    run.bold = source.role in (Role.HEADER, Role.LEVEL1)


def _keep_rows_whole(table: Table) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


def _table(document: DocxDocument, doc: FormDocument) -> None:
    table = document.add_table(rows=doc.row_count, cols=COLUMN_COUNT)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(COLUMN_WIDTHS_MM):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    for source in doc.cells:
        cell = table.cell(source.row, source.col)
        if source.rowspan > 1 or source.colspan > 1:
            cell = cell.merge(table.cell(source.last_row, source.col + source.colspan - 1))
        _fill(cell, source)
    _keep_rows_whole(table)


def add_form(document: DocxDocument, doc: FormDocument) -> None:
    """Append one form: the draft mark, 附件, title, year, the table and the footnote."""
    if doc.mark:
        _line(document, doc.mark, 12, True, HEADING_FONT)
    if doc.attachment:
        _line(document, doc.attachment, 12, False, HEADING_FONT)
    if doc.title:
        _line(document, doc.title, 16, True, HEADING_FONT)
    _line(document, doc.year_line, 12, True, FONT_NAME)
    _table(document, doc)
    if doc.footnote:
        _line(document, doc.footnote, 10, False, FONT_NAME)


def render_docx(decls: Sequence[Declaration], blank_rows: int = 1) -> bytes:
    """A Word document with every declaration, each from a new page."""
    document = Document()
    _setup(document)
    for n, decl in enumerate(decls):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_form(document, build_document(decl, blank_rows))
    document.core_properties.keywords = KEYWORD_PREFIX + ",".join(
        sorted({d.tree.value for d in decls})
    )
    document.core_properties.title = FormText.TITLE.value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
