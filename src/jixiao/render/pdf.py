"""The 申报表 as PDF (ReportLab): A4 portrait, the 附件2 layout, a Chinese font embedded.

The font is the 文泉驿微米黑 shipped in ``render/fonts`` (Apache-2.0), embedded as a subset
with a ToUnicode map, so the PDF shows the same on any machine and its text can be
extracted (pdftotext, pdfplumber) and imported back. Each form starts on a new page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from jixiao.model import Declaration, TreeVariant
from jixiao.render.document import Cell, FormDocument, Role, build_document
from jixiao.render.pdflayout import (
    ATTACHMENT_SIZE,
    BODY_SIZE,
    BOTTOM,
    COLUMN_X,
    FOOTNOTE_SIZE,
    LEADING,
    MARGIN,
    PADDING,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PARAGRAPH_GAP,
    TABLE_WIDTH,
    TITLE_SIZE,
    YEAR_SIZE,
    Line,
    Page,
    Paginator,
    Slot,
    cell_lines,
    cell_width,
    cells_on_pages,
    lines_height,
    register_font,
    row_heights,
    text_width,
    wrap,
)

_CENTRED = frozenset({Role.LABEL, Role.BLOCK, Role.HEADER, Role.LEVEL1, Role.LEVEL2, Role.TARGET})
_MIN_SCALE = 0.4
KEYWORD_PREFIX = "指标体系:"


@dataclass(frozen=True, slots=True)
class FormLayout:
    """One form measured and paginated, ready to draw."""

    doc: FormDocument
    lines: dict[Cell, list[Line]]
    title_lines: list[Line]
    footnote_lines: list[Line]
    pages: list[Page]


def _preamble_height(doc: FormDocument, title_lines: list[Line]) -> float:
    height = YEAR_SIZE * 2.2
    if doc.attachment:
        height += ATTACHMENT_SIZE * 1.8
    return height + len(title_lines) * TITLE_SIZE * 1.4


def layout_form(doc: FormDocument) -> FormLayout:
    """Measure every cell and place the rows on pages."""
    register_font()
    text_width(doc.mark + doc.attachment + doc.year_line, 1.0)  # every character drawn unwrapped
    lines = {cell: cell_lines(cell) for cell in doc.cells}
    title_lines = wrap(doc.title, TABLE_WIDTH, TITLE_SIZE) if doc.title else []
    footnote_lines = wrap(doc.footnote, TABLE_WIDTH, FOOTNOTE_SIZE) if doc.footnote else []
    footnote_height = len(footnote_lines) * FOOTNOTE_SIZE * 1.5 + 6
    pages = Paginator(
        doc,
        row_heights(doc, lines),
        lines,
        _preamble_height(doc, title_lines),
        footnote_height,
    ).run()
    return FormLayout(doc, lines, title_lines, footnote_lines, pages)


def _baseline(top: float, size: float) -> float:
    """PDF y of a line whose box starts ``top`` points below the page top."""
    return float(PAGE_HEIGHT - top - size * 0.88)


def _draw_preamble(canvas: Canvas, lay: FormLayout) -> None:
    top = MARGIN
    font = register_font()
    if lay.doc.mark:
        canvas.setFont(font, ATTACHMENT_SIZE)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, _baseline(top, ATTACHMENT_SIZE), lay.doc.mark)
    if lay.doc.attachment:
        canvas.setFont(font, ATTACHMENT_SIZE)
        canvas.drawString(MARGIN, _baseline(top, ATTACHMENT_SIZE), lay.doc.attachment)
        top += ATTACHMENT_SIZE * 1.8
    canvas.setFont(font, TITLE_SIZE)
    for line in lay.title_lines:
        canvas.drawCentredString(PAGE_WIDTH / 2, _baseline(top, TITLE_SIZE), line.text)
        top += TITLE_SIZE * 1.4
    canvas.setFont(font, YEAR_SIZE)
    canvas.drawCentredString(PAGE_WIDTH / 2, _baseline(top + 2, YEAR_SIZE), lay.doc.year_line)


def _draw_text(canvas: Canvas, cell: Cell, lines: list[Line], box: tuple[float, ...]) -> None:
    x, top, width, height = box
    need = lines_height(lines)
    scale = max(_MIN_SCALE, min(1.0, (height - 2 * PADDING) / need)) if need else 1.0
    size, leading, gap = BODY_SIZE * scale, LEADING * scale, PARAGRAPH_GAP * scale
    y = top + (height - need * scale) / 2 + (leading - size) / 2
    canvas.setFont(register_font(), size)
    for line in lines:
        y += gap if line.paragraph_start else 0
        if cell.role in _CENTRED:
            canvas.drawCentredString(x + width / 2, _baseline(y, size), line.text)
        else:
            canvas.drawString(x + PADDING, _baseline(y, size), line.text)
        y += leading


def _draw_cell(canvas: Canvas, lay: FormLayout, cell: Cell, slots: list[Slot]) -> None:
    top, bottom = slots[0].top, slots[-1].top + slots[-1].height
    x, width = COLUMN_X[cell.col], cell_width(cell)
    canvas.rect(x, PAGE_HEIGHT - bottom, width, bottom - top, stroke=1, fill=0)
    lines = lay.lines[cell]
    part = slots[0].lines
    if part is not None and cell.role is Role.TEXT:
        lines = [Line(lines[part[0]].text, False), *lines[part[0] + 1 : part[1]]]
    _draw_text(canvas, cell, lines, (x, top, width, bottom - top))


def _draw_footnote(canvas: Canvas, lay: FormLayout, top: float) -> None:
    canvas.setFont(register_font(), FOOTNOTE_SIZE)
    y = top + 6
    for line in lay.footnote_lines:
        canvas.drawString(MARGIN, _baseline(y, FOOTNOTE_SIZE), line.text)
        y += FOOTNOTE_SIZE * 1.5


def _draw_page_number(canvas: Canvas, number: int) -> None:
    canvas.setFont(register_font(), FOOTNOTE_SIZE)
    canvas.drawCentredString(PAGE_WIDTH / 2, BOTTOM / 2, f"第 {number} 页")


def draw_form(canvas: Canvas, lay: FormLayout, first_page: int) -> None:
    """Draw a laid-out form from a new page on; pages are numbered from ``first_page``."""
    shown = cells_on_pages(lay.doc, lay.pages)
    for index, page in enumerate(lay.pages):
        canvas.setLineWidth(0.6)
        if page.preamble:
            _draw_preamble(canvas, lay)
        for cell, slots in shown[index]:
            _draw_cell(canvas, lay, cell, slots)
        if page.footnote_top is not None and lay.footnote_lines:
            _draw_footnote(canvas, lay, page.footnote_top)
        _draw_page_number(canvas, first_page + index)
        canvas.showPage()


def new_canvas(out: io.BytesIO, title: str, trees: set[TreeVariant]) -> Canvas:
    """An A4 canvas with the document's metadata (title, and the indicator tree used)."""
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("jixiao")
    canvas.setSubject("项目支出年度预算绩效目标申报表")
    canvas.setKeywords(KEYWORD_PREFIX + ",".join(sorted(t.value for t in trees)))
    canvas.setCreator("jixiao")
    return canvas


def render_pdf(decls: Sequence[Declaration], blank_rows: int = 1) -> bytes:
    """One PDF with every declaration, each from a new page, pages numbered through."""
    if not decls:
        raise ValueError("没有可输出的申报表")
    out = io.BytesIO()
    title = decls[0].project_name if len(decls) == 1 else "项目支出年度预算绩效目标申报表"
    canvas = new_canvas(out, title, {d.tree for d in decls})
    page = 1
    for decl in decls:
        lay = layout_form(build_document(decl, blank_rows))
        draw_form(canvas, lay, page)
        page += len(lay.pages)
    canvas.save()
    return out.getvalue()
