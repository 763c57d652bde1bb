"""The 监控表 as PDF (ReportLab canvas): landscape A4, lights filled in colour.

Text is wrapped by :func:`jixiao.render.pdflayout.wrap` with the embedded 文泉驿微米黑, so the
PDF importer's cell reader joins the lines again exactly and :mod:`jixiao.monitoring.reader`
reads the report back. Rows never split; a page break inside the indicator table repeats
the table header, and a merged 一级/二级 label cut by the break is printed on both pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from jixiao.model.catalogue_monitoring import MonitoringText
from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.render.document import Cell, Role
from jixiao.render.monitoring import COLUMN_WIDTHS_MM, MonitoringDocument, build_monitoring_document
from jixiao.render.monitoring_xlsx import KEYWORDS, LIGHT_COLOURS
from jixiao.render.pdflayout import Line, lines_height, register_font, wrap

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 15 * mm
BOTTOM = 18 * mm
SIZE = 8.0
LEADING = 10.5
PADDING = 3.0
MIN_ROW = 16.0
TITLE_SIZE = 16.0
YEAR_SIZE = 11.0
FOOTNOTE_SIZE = 8.0
COLUMN_X = tuple(MARGIN + sum(COLUMN_WIDTHS_MM[:i]) * mm for i in range(len(COLUMN_WIDTHS_MM) + 1))
TABLE_WIDTH = COLUMN_X[-1] - COLUMN_X[0]
_LEFT = frozenset({Role.TEXT, Role.VALUE, Role.NAME})
_PREAMBLE = TITLE_SIZE * 1.6 + YEAR_SIZE * 2.0


@dataclass(frozen=True, slots=True)
class _Page:
    rows: list[int]  #: grid rows on this page, in order (a repeated header first)
    tops: dict[int, float]  #: row → distance of its top from the page top
    footnote_top: float | None = None


def _width(cell: Cell) -> float:
    return float(COLUMN_X[cell.col + cell.colspan] - COLUMN_X[cell.col])


def _lines(cell: Cell) -> list[Line]:
    return wrap(cell.text, _width(cell) - 2 * PADDING, SIZE)


def _heights(doc: MonitoringDocument, lines: dict[Cell, list[Line]]) -> list[float]:
    heights = [MIN_ROW] * doc.row_count
    for cell in sorted(doc.cells, key=lambda c: c.rowspan):
        need = lines_height(lines[cell], LEADING) + 2 * PADDING
        have = sum(heights[cell.row : cell.last_row + 1])
        if need > have:
            heights[cell.last_row] += need - have
    return heights


def _paginate(doc: MonitoringDocument, heights: list[float], footnote: float) -> list[_Page]:
    pages: list[_Page] = []
    rows: list[int] = []
    tops: dict[int, float] = {}
    y = MARGIN + _PREAMBLE
    limit = PAGE_HEIGHT - BOTTOM
    for row in range(doc.row_count):
        if rows and y + heights[row] > limit:
            pages.append(_Page(rows, tops))
            rows, tops, y = [], {}, MARGIN
            if doc.header_row < row < doc.table_end:
                rows.append(doc.header_row)
                tops[doc.header_row] = y
                y += heights[doc.header_row]
        rows.append(row)
        tops[row] = y
        y += heights[row]
    if y + footnote > limit:
        pages.append(_Page(rows, tops))
        return [*pages, _Page([], {}, MARGIN)]
    return [*pages, _Page(rows, tops, y + 4)]


def _baseline(top: float, size: float) -> float:
    return float(PAGE_HEIGHT - top - size * 0.88)


def _draw_cell(
    canvas: Canvas,
    doc: MonitoringDocument,
    page: _Page,
    cell: Cell,
    lines: list[Line],
    heights: list[float],
) -> None:
    visible = [r for r in range(cell.row, cell.last_row + 1) if r in page.tops]
    if not visible:
        return
    top = page.tops[visible[0]]
    bottom = page.tops[visible[-1]] + heights[visible[-1]]
    x, width = COLUMN_X[cell.col], _width(cell)
    light = doc.lights.get((cell.row, cell.col))
    if light is not None:
        canvas.setFillColor(HexColor("#" + LIGHT_COLOURS[light]))
        canvas.rect(x, PAGE_HEIGHT - bottom, width, bottom - top, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#000000"))
    canvas.rect(x, PAGE_HEIGHT - bottom, width, bottom - top, stroke=1, fill=0)
    need = lines_height(lines, LEADING)
    y = top + (bottom - top - need) / 2 + (LEADING - SIZE) / 2
    canvas.setFont(register_font(), SIZE)
    for line in lines:
        y += 5.0 if line.paragraph_start else 0
        if cell.role in _LEFT:
            canvas.drawString(x + PADDING, _baseline(y, SIZE), line.text)
        else:
            canvas.drawCentredString(x + width / 2, _baseline(y, SIZE), line.text)
        y += LEADING


def _draw_text(canvas: Canvas, lines: list[Line], top: float, size: float, centred: bool) -> None:
    canvas.setFont(register_font(), size)
    for line in lines:
        if centred:
            canvas.drawCentredString(PAGE_WIDTH / 2, _baseline(top, size), line.text)
        else:
            canvas.drawString(MARGIN, _baseline(top, size), line.text)
        top += size * 1.4


def draw_report(canvas: Canvas, doc: MonitoringDocument, first_page: int) -> int:
    """Draw one report from a new page on; returns the number of pages drawn."""
    register_font()
    lines = {cell: _lines(cell) for cell in doc.cells}
    heights = _heights(doc, lines)
    footnote = wrap(doc.footnote, TABLE_WIDTH, FOOTNOTE_SIZE)
    pages = _paginate(doc, heights, len(footnote) * FOOTNOTE_SIZE * 1.4 + 8)
    for index, page in enumerate(pages):
        canvas.setLineWidth(0.6)
        if index == 0:
            _draw_text(canvas, wrap(doc.title, TABLE_WIDTH, TITLE_SIZE), MARGIN, TITLE_SIZE, True)
            _draw_text(
                canvas, [Line(doc.year_line, False)], MARGIN + TITLE_SIZE * 1.6, YEAR_SIZE, True
            )
        for cell in doc.cells:
            _draw_cell(canvas, doc, page, cell, lines[cell], heights)
        if page.footnote_top is not None:
            _draw_text(canvas, footnote, page.footnote_top, FOOTNOTE_SIZE, False)
        canvas.setFont(register_font(), FOOTNOTE_SIZE)
        canvas.drawCentredString(PAGE_WIDTH / 2, BOTTOM / 2, f"第 {first_page + index} 页")
        canvas.showPage()
    return len(pages)


def render_monitoring_pdf(
    reports: Sequence[MonitoringReport], lights: Sequence[ReportLights | None] | None = None
) -> bytes:
    """One PDF with every report, each from a new page, pages numbered through."""
    if not reports:
        raise ValueError("没有可输出的监控表")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(reports[0].project_name if len(reports) == 1 else MonitoringText.TITLE.value)
    canvas.setAuthor("jixiao")
    canvas.setSubject(MonitoringText.TITLE.value)
    canvas.setKeywords(KEYWORDS)
    canvas.setCreator("jixiao")
    chosen = list(lights) if lights is not None else [None] * len(reports)
    page = 1
    for report, lit in zip(reports, chosen, strict=True):
        page += draw_report(canvas, build_monitoring_document(report, lit), page)
    canvas.save()
    return out.getvalue()


__all__ = ["render_monitoring_pdf"]
