"""The PDF importer (pdfplumber): ruled tables and the lines around them.

Each page's ruled table cells are found from the drawn lines; a cell's characters are
joined into lines by their position, and lines into paragraphs: a line gap larger than
1.6 × the font size starts a new paragraph, otherwise the lines are one wrapped text.
Column numbers come from the x positions of all cell edges of the file, so a table that
continues over pages keeps its columns. Text outside the tables (附件2, the title, the
year, the footnote) becomes one-cell rows; the page-number band at the foot is skipped.
It reads our own PDFs and those other producers make from our DOCX and XLSX. pdfplumber is
imported when a PDF is opened, so reading other formats (and the CLI's start-up) never
loads it.
"""

from __future__ import annotations

import bisect
import dataclasses
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.importers.base import ImportFailure, ImportResult
from jixiao.importers.grid import BOUNDARY, GridCell, GridRow, read_grid
from jixiao.importers.labels import HEADER_CELLS, compact
from jixiao.importers.xlsx import tree_hint
from jixiao.model import SourceLocation

Char = dict[str, Any]
BBox = tuple[float, float, float, float]
_FOOT_BAND = 42.0  #: points above the page bottom holding page numbers
_PARAGRAPH = 1.6  #: baseline distance (× font size) that starts a new paragraph
_FULL = 1.5  #: a line this many em (plus padding) from the right edge or closer is full
_PADDING = 4.0
_COLUMN_SNAP = 2.0


@dataclass(frozen=True, slots=True)
class _TextLine:
    text: str
    top: float
    x1: float
    size: float


@dataclass(frozen=True, slots=True)
class _Item:
    """A table cell or a free block on one page, before columns are numbered."""

    top: float
    text: str
    bbox: BBox | None  #: None for text outside the tables
    open_end: bool = False


def _lines(chars: Iterable[Char]) -> list[_TextLine]:
    """Characters → lines: same baseline (within half a character), left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows and abs(rows[-1][0]["top"] - ch["top"]) <= ch["size"] * 0.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [_line(sorted(row, key=lambda c: c["x0"])) for row in rows]


def _line(chars: list[Char]) -> _TextLine:
    text = ""
    for prev, ch in zip([None, *chars], chars, strict=False):
        gap = ch["x0"] - prev["x1"] if prev else 0.0
        if prev and gap > ch["size"] * 0.3 and _latin(prev["text"]) and _latin(ch["text"]):
            text += " "
        text += ch["text"]
    size = max(c["size"] for c in chars)
    return _TextLine(text, chars[0]["top"], chars[-1]["x1"], size)


def _latin(ch: str) -> bool:
    """A character between which and its Latin neighbour a gap means a space (not the
    extra spacing producers put between Chinese and Latin text)."""
    return ch.isascii() and ch != " "


def _new_paragraph(prev: _TextLine, line: _TextLine) -> bool:
    """A wider gap than single spacing starts a paragraph."""
    return line.top - prev.top > _PARAGRAPH * min(prev.size, line.size)


def join_lines(lines: Sequence[_TextLine]) -> str:
    """Wrapped lines run on; paragraphs are separated by a line break."""
    text = ""
    for prev, line in zip([None, *lines], lines, strict=False):
        text += ("\n" if prev and _new_paragraph(prev, line) else "") + line.text
    return text


def _is_full(line: _TextLine, right: float) -> bool:
    return bool(right - line.x1 < _FULL * line.size + _PADDING)


def _inside(ch: Char, box: BBox) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _blocks(lines: list[_TextLine]) -> list[_Item]:
    """Free lines → blocks: consecutive lines of one size, single-spaced, are one text."""
    groups: list[list[_TextLine]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        same = last is not None and last.size == line.size
        if same and last is not None and line.top - last.top <= _PARAGRAPH * line.size:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_Item(g[0].top, join_lines(g), None) for g in groups]


def page_items(page: Any) -> list[_Item]:
    """The cells of the page's ruled tables and the free blocks, top to bottom."""
    boxes = [tuple(c) for t in page.find_tables() for c in t.cells]
    limit = page.height - _FOOT_BAND
    free: list[Char] = []
    owned: dict[BBox, list[Char]] = {b: [] for b in boxes}
    for ch in page.chars:
        if ch["top"] > limit or (not ch["text"].strip() and ch["text"] != " "):
            continue
        box = next((b for b in boxes if _inside(ch, b)), None)
        (owned[box] if box else free).append(ch)
    items = [_cell_item(box, chars) for box, chars in owned.items()]
    items.extend(_blocks(_lines(free)))
    return sorted(items, key=lambda i: (round(i.top), i.bbox[0] if i.bbox else -1))


def _cell_item(box: BBox, chars: list[Char]) -> _Item:
    lines = _lines(chars)
    full = bool(lines) and _is_full(lines[-1], box[2])
    return _Item(box[1], join_lines(lines).strip(), box, full)


class _Columns:
    """Column numbers from every cell edge x of the file, snapped within 2 points."""

    def __init__(self, items: Iterable[_Item]) -> None:
        edges = sorted({round(x, 1) for i in items if i.bbox for x in (i.bbox[0], i.bbox[2])})
        self.xs: list[float] = []
        for x in edges:
            if not self.xs or x - self.xs[-1] > _COLUMN_SNAP:
                self.xs.append(x)

    def index(self, x: float) -> int:
        i = bisect.bisect_left(self.xs, x - _COLUMN_SNAP)
        return min(i, len(self.xs) - 1)


def _page_rows(items: list[_Item], columns: _Columns, filename: str, page: int) -> list[GridRow]:
    """Cells with the same top form a row; each free block is a row of its own."""
    rows: list[GridRow] = []
    row: list[GridCell] = []
    row_top: int | None = None
    for item in items:
        if row and (item.bbox is None or round(item.top) != row_top):
            rows.append(GridRow(tuple(row), row[0].location))
            row = []
        cell = _grid_cell(item, columns, filename, page)
        if item.bbox is None:
            rows.append(GridRow((cell,), cell.location))
        else:
            row.append(cell)
            row_top = round(item.top)
    if row:
        rows.append(GridRow(tuple(row), row[0].location))
    return rows


def _same_column(a: BBox, b: BBox) -> bool:
    return abs(a[0] - b[0]) <= _COLUMN_SNAP and abs(a[2] - b[2]) <= _COLUMN_SNAP


def _first_below_header(items: list[_Item], box: BBox) -> str:
    column = [i for i in items if i.bbox and _same_column(i.bbox, box)]
    column = [i for i in column if compact(i.text) not in HEADER_CELLS]
    return min(column, key=lambda i: i.top).text if column else ""


def _carry_split_labels(this: list[_Item], after: list[_Item]) -> list[_Item]:
    """A merged label cut by a page break whose text landed on the next page: the empty
    part at the foot of this page takes the text printed first in that column there
    (below a repeated table header)."""
    boxes = [i.bbox for i in this if i.bbox]
    if not boxes or not any(i.bbox for i in after):
        return this
    foot = max(b[3] for b in boxes)
    return [
        dataclasses.replace(i, text=_first_below_header(after, i.bbox))
        if i.bbox and not i.text and abs(i.bbox[3] - foot) < 1
        else i
        for i in this
    ]


def _grid_rows(pages: list[list[_Item]], filename: str, carry_labels: bool = True) -> list[GridRow]:
    if carry_labels:
        pages = [_carry_split_labels(p, n) for p, n in zip(pages, [*pages[1:], []], strict=True)]
    columns = _Columns(i for items in pages for i in items)
    rows: list[GridRow] = []
    for number, items in enumerate(pages, 1):
        rows.extend(_page_rows(items, columns, filename, number))
        rows.append(BOUNDARY)
    return rows


def _grid_cell(item: _Item, columns: _Columns, filename: str, page: int) -> GridCell:
    if item.bbox is None:
        return GridCell(0, 0, item.text, SourceLocation(filename, page=page))
    first, last = columns.index(item.bbox[0]), columns.index(item.bbox[2])
    where = SourceLocation(filename, line=round(item.top), page=page, cell=f"第{first + 1}列")
    return GridCell(first, max(1, last - first), item.text, where, item.open_end)


def _read_pages(data: bytes, filename: str) -> tuple[list[list[_Item]], str | None]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page_items(page) for page in pdf.pages]
            keywords = pdf.metadata.get("Keywords")
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
            raise ImportFailure(f"{filename}：PDF 已加密，请先解除密码保护再导入") from None
        raise ImportFailure(f"{filename}：PDF 文件已损坏或不完整，无法读取") from None
    except Exception:  # pdfminer raises many kinds on damaged files
        raise ImportFailure(f"{filename}：PDF 文件已损坏或不完整，无法读取") from None
    return pages, keywords if isinstance(keywords, str) else None


def pdf_rows(data: bytes, filename: str, *, carry_labels: bool = True) -> list[GridRow]:
    """The rows of every page's ruled table cells and free text, a :data:`BOUNDARY` after
    each page; :class:`ImportFailure` (Chinese) for an encrypted or damaged file.

    ``carry_labels`` fills the empty label cells at a page foot with the text printed first
    in that column on the next page (a declaration's merged 一级/二级 cut by the break);
    forms whose empty cells are answers (a monitoring table) read without it.
    """
    pages, _ = _read_pages(data, filename)
    return _grid_rows(pages, filename, carry_labels)


class PdfImporter:
    """PDF files whose pages hold the form as a ruled table."""

    name = "pdf"

    def identify(self, data: bytes, filename: str) -> bool:
        return b"%PDF-" in data[:1024]

    def extract(self, data: bytes, filename: str) -> ImportResult:
        pages, keywords = _read_pages(data, filename)
        if not pages:
            raise ImportFailure(f"{filename}：PDF 没有页面")
        declarations, issues = read_grid(_grid_rows(pages, filename), filename, tree_hint(keywords))
        if not declarations:
            raise ImportFailure(
                f"{filename}：PDF 中没有找到申报表（应有含“项目名称”“绩效指标”的表格）；"
                "扫描件请先做文字识别"
            )
        return ImportResult(tuple(declarations), tuple(issues))
