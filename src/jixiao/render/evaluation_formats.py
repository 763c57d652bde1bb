"""The 自评表 as XLSX (openpyxl), DOCX (python-docx) and PDF (ReportLab), from one
:class:`~jixiao.render.evaluation.EvaluationDocument`.

Every cell is written as text, money included, so what is read back is exactly what was
written (Excel's binary floats never touch an amount). The offline XLSX (``template=True``)
protects the sheet and unlocks only the cells the unit fills. Landscape A4 throughout; the
Chinese font of the PDF is the embedded 文泉驿微米黑, so its text extracts exactly.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Protection, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from jixiao.evaluation.canonical import SCHEMA_ID
from jixiao.model.catalogue_evaluation import EvaluationText
from jixiao.render.document import Cell, Role
from jixiao.render.evaluation import EvaluationDocument
from jixiao.render.pdflayout import LEADING, PADDING, Line, register_font, wrap
from jixiao.render.xlsx import FONT_NAME, sheet_title

KEYWORDS = SCHEMA_ID
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LEFT = frozenset({Role.TEXT, Role.VALUE, Role.NAME})
_WIDTH_PER_MM = 0.55
FIRST_ROW = 3  #: the grid starts below the title and the year line


# --- XLSX -------------------------------------------------------------------------------


def _xlsx_cell(ws: Worksheet, doc: EvaluationDocument, cell: Cell) -> None:
    row = FIRST_ROW + cell.row
    xl = ws.cell(row=row, column=cell.col + 1)
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
    xl.font = Font(name=FONT_NAME, size=9, bold=cell.role is Role.HEADER)
    if (cell.row, cell.col) in doc.inputs:
        xl.protection = Protection(locked=False)
    for r in range(row, row + cell.rowspan):
        for c in range(cell.col + 1, cell.col + cell.colspan + 1):
            ws.cell(row=r, column=c).border = _BORDER


def write_sheet(ws: Worksheet, doc: EvaluationDocument, template: bool) -> None:
    """Draw one self-evaluation on an empty worksheet."""
    width = doc.profile.count
    for row, text, size in ((1, doc.title, 16), (2, doc.year_line, 11)):
        xl = ws.cell(row=row, column=1, value=text)
        xl.font = Font(name=FONT_NAME, size=size, bold=size > 12)
        xl.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    for cell in doc.cells:
        _xlsx_cell(ws, doc, cell)
    for index, mm in enumerate(doc.profile.widths_mm, 1):
        ws.column_dimensions[get_column_letter(index)].width = mm * _WIDTH_PER_MM
    setup = ws.page_setup
    setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight = 9, "landscape", 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if template:
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def render_evaluation_xlsx(docs: Sequence[EvaluationDocument], template: bool = False) -> bytes:
    """A workbook with one sheet per self-evaluation (the offline form when ``template``)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for doc in docs:
        write_sheet(
            workbook.create_sheet(
                sheet_title(doc.project_name or EvaluationText.TITLE.value, taken)
            ),
            doc,
            template,
        )
    workbook.properties.keywords = KEYWORDS
    workbook.properties.title = EvaluationText.TITLE.value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- DOCX -------------------------------------------------------------------------------


def _east_asian(run: Run, size: float, bold: bool = False) -> None:
    run.font.name = FONT_NAME
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_NAME)


def _docx_table(document: DocxDocument, doc: EvaluationDocument) -> None:
    table = document.add_table(rows=doc.row_count, cols=doc.profile.count)
    table.style = "Table Grid"
    for col, mm in enumerate(doc.profile.widths_mm):
        for cell in table.columns[col].cells:
            cell.width = Mm(mm)
    for cell in doc.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.last_row, cell.col + cell.colspan - 1))
        for n, text in enumerate(cell.text.split("\n")):
            paragraph = target.paragraphs[0] if n == 0 else target.add_paragraph()
            _east_asian(paragraph.add_run(text), 9, cell.role is Role.HEADER)


def render_evaluation_docx(docs: Sequence[EvaluationDocument]) -> bytes:
    """A Word document with every self-evaluation, each from a new page."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    for n, doc in enumerate(docs):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for text, size in ((doc.title, 16), (doc.year_line, 12)):
            _east_asian(document.add_paragraph().add_run(text), size, size > 12)
        _docx_table(document, doc)
    document.core_properties.keywords = KEYWORDS
    document.core_properties.title = EvaluationText.TITLE.value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 297 * 72 / 25.4, 210 * 72 / 25.4
MARGIN = 15 * 72 / 25.4
SIZE = 8.5
MIN_ROW = 16.0


def _x(doc: EvaluationDocument) -> list[float]:
    xs = [MARGIN]
    for mm in doc.profile.widths_mm:
        xs.append(xs[-1] + mm * 72 / 25.4)
    return xs


def _heights(doc: EvaluationDocument, lines: dict[Cell, list[Line]]) -> list[float]:
    heights = [MIN_ROW] * doc.row_count
    for cell in sorted(doc.cells, key=lambda c: c.rowspan):
        need = len(lines[cell]) * LEADING + 2 * PADDING
        have = sum(heights[cell.row : cell.last_row + 1])
        if need > have:
            heights[cell.last_row] += need - have
    return heights


def _pages(doc: EvaluationDocument, heights: list[float]) -> list[dict[int, float]]:
    """Row → top (from the page top) per page; a merged block never splits across pages."""
    pages: list[dict[int, float]] = [{}]
    y = MARGIN + 40
    block_end = {c.row: c.last_row for c in doc.cells}
    row = 0
    while row < doc.row_count:
        end = max(block_end.get(r, r) for r in range(row, row + 1))
        end = max([end] + [c.last_row for c in doc.cells if c.row <= end and c.last_row > end])
        need = sum(heights[row : end + 1])
        if pages[-1] and y + need > PAGE_HEIGHT - MARGIN:
            pages.append({})
            y = MARGIN
        for r in range(row, end + 1):
            pages[-1][r] = y
            y += heights[r]
        row = end + 1
    return pages


def _draw(canvas: Canvas, doc: EvaluationDocument) -> None:
    font = register_font()
    xs = _x(doc)
    lines = {
        c: wrap(c.text, xs[c.col + c.colspan] - xs[c.col] - 2 * PADDING, SIZE) for c in doc.cells
    }
    heights = _heights(doc, lines)
    for index, tops in enumerate(_pages(doc, heights)):
        if index == 0:
            canvas.setFont(font, 15)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 14, doc.title)
            canvas.setFont(font, 11)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 32, doc.year_line)
        canvas.setLineWidth(0.6)
        for cell in doc.cells:
            if cell.row not in tops:
                continue
            top = tops[cell.row]
            bottom = tops[cell.last_row] + heights[cell.last_row]
            x, width = xs[cell.col], xs[cell.col + cell.colspan] - xs[cell.col]
            canvas.rect(x, PAGE_HEIGHT - bottom, width, bottom - top, stroke=1, fill=0)
            canvas.setFont(font, SIZE)
            y = top + (bottom - top - len(lines[cell]) * LEADING) / 2 + SIZE
            for line in lines[cell]:
                if cell.role in _LEFT:
                    canvas.drawString(x + PADDING, PAGE_HEIGHT - y, line.text)
                else:
                    canvas.drawCentredString(x + width / 2, PAGE_HEIGHT - y, line.text)
                y += LEADING
        canvas.showPage()


def render_evaluation_pdf(docs: Sequence[EvaluationDocument]) -> bytes:
    """One PDF with every self-evaluation, each from a new page."""
    if not docs:
        raise ValueError("没有可输出的自评表")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(docs[0].project_name if len(docs) == 1 else EvaluationText.TITLE.value)
    canvas.setKeywords(KEYWORDS)
    canvas.setCreator("jixiao")
    for doc in docs:
        _draw(canvas, doc)
    canvas.save()
    return out.getvalue()


__all__ = ["render_evaluation_docx", "render_evaluation_pdf", "render_evaluation_xlsx"]
