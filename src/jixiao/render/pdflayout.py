"""Measuring and paginating a :class:`FormDocument` for the PDF renderer.

Text is wrapped character by character (as Chinese forms wrap), so every line but a
paragraph's last fills its cell to within one character; paragraphs inside a cell are
separated by extra space. The PDF importer relies on both when it joins lines again.
Rows never split, except a row taller than a whole page (a very long 年度总体目标), whose
text continues in the same column on the next page. Inside the indicator table a page
break repeats the table header, and every merged label cut by the break is printed again
on the new page.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics, ttfonts  # type: ignore[import-untyped]

from jixiao.render.document import COLUMN_WIDTHS_MM, Cell, FormDocument, Role

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = Path(__file__).parent / "fonts" / "wqy-microhei.ttc"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
BOTTOM = 18 * mm  #: the page number sits in the bottom margin
BODY_SIZE = 9.5
LEADING = 13.0
PARAGRAPH_GAP = 5.0
PADDING = 3.0
MIN_ROW = 18.0
ATTACHMENT_SIZE = 11.0
TITLE_SIZE = 16.0
YEAR_SIZE = 12.0
FOOTNOTE_SIZE = 9.0
FULL_SLACK = 1.5  #: a line this many em from the right edge or closer is full
COLUMN_X = tuple(MARGIN + sum(COLUMN_WIDTHS_MM[:i]) * mm for i in range(len(COLUMN_WIDTHS_MM) + 1))
TABLE_WIDTH = COLUMN_X[-1] - COLUMN_X[0]


_ASTRAL_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_entry(match: re.Match[str]) -> str:
    units = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
    return f"<{match.group(1)}> <{units}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF (CJK Extension B …) as
    UTF-16 surrogate pairs, as the PDF format requires, so extraction keeps them."""
    return _ASTRAL_ENTRY.sub(_utf16_entry, _reportlab_cmap(fontname, subset))


_reportlab_cmap = ttfonts.makeToUnicodeCMap


@functools.cache
def register_font() -> str:
    """Register the embedded 文泉驿微米黑 once; its subset is embedded in every PDF."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    pdfmetrics.registerFont(ttfonts.TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    return FONT_NAME


@functools.cache
def _unit_width(ch: str) -> float:
    """Width at 1 pt. A character the font lacks is mapped to the empty-box glyph, so
    ReportLab still writes its Unicode value to the ToUnicode map: it prints as a box but
    is extracted and imported exactly, never lost."""
    face = pdfmetrics.getFont(register_font()).face
    face.charToGlyph.setdefault(ord(ch), 0)
    return float(pdfmetrics.stringWidth(ch, register_font(), 1.0))


def text_width(text: str, size: float) -> float:
    return float(sum(_unit_width(ch) for ch in text) * size)


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    paragraph_start: bool  #: the first line of a paragraph (after the first one)


def wrap(text: str, width: float, size: float) -> list[Line]:
    """Lines of at most ``width`` points; a space never starts a line."""
    lines: list[Line] = []
    for n, paragraph in enumerate(text.split("\n")):
        current, used, first = "", 0.0, n > 0
        for ch in paragraph:
            w = _unit_width(ch) * size
            if current and used + w > width and ch != " ":
                lines.append(Line(current, first))
                current, used, first = "", 0.0, False
            current += ch
            used += w
        lines.append(Line(current, first))
    return lines


def is_full(text: str, width: float, size: float = BODY_SIZE) -> bool:
    """A line that reaches the cell's right edge to within 1.5 characters."""
    return width - text_width(text, size) < FULL_SLACK * size


def lines_height(lines: list[Line], leading: float = LEADING) -> float:
    gaps = sum(1 for line in lines if line.paragraph_start)
    return len(lines) * leading + gaps * PARAGRAPH_GAP


def cell_width(cell: Cell) -> float:
    return float(COLUMN_X[cell.col + cell.colspan] - COLUMN_X[cell.col])


def cell_lines(cell: Cell) -> list[Line]:
    """The cell's text wrapped to its width; the vertical 绩效指标 label one per line."""
    if cell.role is Role.BLOCK:
        return [Line(ch, False) for ch in cell.text]
    return wrap(cell.text, cell_width(cell) - 2 * PADDING, BODY_SIZE)


def row_heights(doc: FormDocument, lines: dict[Cell, list[Line]]) -> list[float]:
    """Each row tall enough for its cells; a merged cell's extra goes to its last row."""
    heights = [MIN_ROW] * doc.row_count
    for cell in sorted(doc.cells, key=lambda c: c.rowspan):
        need = lines_height(lines[cell]) + 2 * PADDING
        have = sum(heights[cell.row : cell.last_row + 1])
        if need > have:
            heights[cell.last_row] += need - have
    return heights


@dataclass(frozen=True, slots=True)
class Slot:
    """A row (or the part of a split row) placed on a page, ``top`` from the page top."""

    row: int
    top: float
    height: float
    lines: tuple[int, int] | None = None  #: the TEXT lines shown, when the row is split


@dataclass(slots=True)
class Page:
    slots: list[Slot] = field(default_factory=list)
    preamble: bool = False
    footnote_top: float | None = None


@dataclass(slots=True)
class Paginator:
    """Places rows on pages top to bottom."""

    doc: FormDocument
    heights: list[float]
    text_lines: dict[Cell, list[Line]]
    preamble_height: float
    footnote_height: float
    pages: list[Page] = field(default_factory=list)
    cursor: float = 0.0
    text_width: float = TABLE_WIDTH

    def new_page(self, in_table: bool) -> None:
        self.pages.append(Page())
        self.cursor = MARGIN
        if in_table:
            self.place(self.doc.header_row)

    def place(self, row: int, lines: tuple[int, int] | None = None, height: float = 0) -> None:
        height = height or self.heights[row]
        self.pages[-1].slots.append(Slot(row, self.cursor, height, lines))
        self.cursor += height

    def room(self) -> float:
        return float(PAGE_HEIGHT - BOTTOM - self.cursor)

    def needed(self, row: int) -> float:
        doc = self.doc
        if row == doc.header_row and row + 1 < doc.verdict_row:
            return self.heights[row] + self.heights[row + 1]
        if row == doc.verdict_row:
            return self.heights[row] + self.footnote_height
        return self.heights[row]

    def run(self) -> list[Page]:
        self.new_page(False)
        self.pages[0].preamble = True
        self.cursor += self.preamble_height
        for row in range(self.doc.row_count):
            in_table = self.doc.header_row < row < self.doc.verdict_row
            if self.needed(row) > self.room():
                if self.heights[row] > PAGE_HEIGHT - BOTTOM - MARGIN - LEADING * 4:
                    self.split(row)
                    continue
                self.new_page(in_table)
            self.place(row)
        self.pages[-1].footnote_top = self.cursor
        return self.pages

    def split(self, row: int) -> None:
        """A row taller than a page: its long text continues on the following pages."""
        cell = next(c for c in self.doc.cells if c.row == row and c.role is Role.TEXT)
        lines = self.text_lines[cell]
        self.text_width = cell_width(cell) - 2 * PADDING
        start = 0
        while start < len(lines):
            end = self._fit(lines, start)
            if end > start:
                height = lines_height(lines[start:end]) + 2 * PADDING
                self.place(row, (start, end), height)
                start = end
            if start < len(lines):
                self.new_page(False)  # one part per page

    def _fit(self, lines: list[Line], start: int) -> int:
        end = start
        while (
            end < len(lines) and lines_height(lines[start : end + 1]) + 2 * PADDING <= self.room()
        ):
            end += 1
        # never end a part on a paragraph's last line when it is full: the reader could
        # not tell whether the paragraph ends there or runs on into the next part
        while (
            end - 1 > start
            and end < len(lines)
            and lines[end].paragraph_start
            and is_full(lines[end - 1].text, self.text_width)
        ):
            end -= 1
        return end


def cells_on_pages(doc: FormDocument, pages: list[Page]) -> list[list[tuple[Cell, list[Slot]]]]:
    """Per page, the cells it shows with the slots they cover, in the document's cell order.

    Each cell is visited once and each page only for the cells it shows (rows are placed in
    order, so a cell's pages are one run from the first page of its first row to the last
    page of its last row): linear in cells plus pages, where testing every cell on every
    page grew with their product (a 10,000-row form has about 200 pages and 20,000 cells).
    """
    pages_of_row: defaultdict[int, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        for slot in page.slots:
            pages_of_row[slot.row].append(index)
    rows_on_page = [[slot.row for slot in page.slots] for page in pages]
    out: list[list[tuple[Cell, list[Slot]]]] = [[] for _ in pages]
    for cell in doc.cells:
        first, last = pages_of_row.get(cell.row), pages_of_row.get(cell.last_row)
        if not first or not last:
            continue
        for index in range(first[0], last[-1] + 1):
            rows = rows_on_page[index]
            start = bisect.bisect_left(rows, cell.row)
            end = bisect.bisect_right(rows, cell.last_row)
            if start < end:
                out[index].append((cell, pages[index].slots[start:end]))
    return out
