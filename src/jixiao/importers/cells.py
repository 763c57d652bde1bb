"""The cell reader: text in any layout → rows of cells with their line numbers.

Published forms reach us as the text their web pages, PDFs and office files yield, and each
publisher flattens the table differently. The layout is told from the content alone:

- ``PIPE_ROWS`` — one table row per line, cells between ``|`` (markdown tables too);
- ``PIPE_CELLS`` — one cell per line ending in `` |``; a line of bare pipes (``|||``) ends a
  row, a lone ``|`` is an empty cell;
- ``PIPE_SEPARATED`` — cells of one or more lines between lone ``|`` lines, two in a row
  ending the table row (vertical labels 总/体/目/标 stay one cell);
- ``BLANK_CELLS`` — one cell per paragraph (blank lines between them) or per line (no row
  structure);
- ``TEXT_LINES`` — a row per line: PDF text, fixed-width columns, run-on text; cells are
  split at runs of spaces and at catalogue labels (see :func:`text_lines`).

Every layout becomes :class:`GridRow` rows of :class:`GridCell` cells, the
same rows the XLSX, DOCX and PDF-table importers build, so one assembler
(:mod:`jixiao.importers.assemble`) reads them all. A row whose layout prints no row
boundaries is marked ``stream``: its cells follow each other but the reader does not know
where a table row ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from jixiao.importers.columns import header_column, level_of
from jixiao.importers.fused import split_fused, table_start
from jixiao.importers.lookup import split_label
from jixiao.model import NOWHERE, SourceLocation
from jixiao.model.catalogue import FieldKey, FieldKind, is_form_title
from jixiao.values import ValueKind, parse_value


class GridCell(NamedTuple):
    """A cell where it starts: column, how many columns it spans, its text, where it is.

    An immutable record made for every cell of every form, so a named tuple (a third of
    the cost of a frozen dataclass to make)."""

    col: int
    span: int
    text: str
    location: SourceLocation = NOWHERE
    open_end: bool = False  #: text runs on into the same cell on the next page (PDF)
    note: str = ""  #: a guess the cell reader made (a run-on cell cut), for an import issue

    @property
    def key(self) -> str:
        return "".join(self.text.split())


@dataclass(frozen=True, slots=True)
class GridRow:
    """A row of cells; ``boundary`` marks the end of a page, sheet or section.

    ``stream`` rows come from a layout without row boundaries: their cells continue the
    previous row. ``aligned`` is False where cell positions are not columns (text layouts
    leave merged cells out without a trace). ``wraps`` marks a line of PDF-like text, where
    a cell (a label, a name, a value) may go on over the next lines.
    """

    cells: tuple[GridCell, ...] = ()
    location: SourceLocation = NOWHERE
    boundary: bool = False
    stream: bool = False
    aligned: bool = True
    notice: bool = False  #: a notice between two forms starts after this boundary
    wraps: bool = False

    def texts(self) -> list[str]:
        return [c.text.strip() for c in self.cells if c.text.strip()]

    def has(self, label: str) -> bool:
        return any(c.key == label for c in self.cells)


BOUNDARY = GridRow(boundary=True)
#: Text between two forms that is no part of either (a notice, a 公示) starts after it.
NOTICE = GridRow(boundary=True, notice=True)


class Layout(StrEnum):
    """How a text flattens the form's table (see the module docstring)."""

    PIPE_ROWS = "pipe-rows"
    PIPE_CELLS = "pipe-cells"
    PIPE_SEPARATED = "pipe-separated"
    BLANK_CELLS = "blank-cells"
    TEXT_LINES = "text-lines"


_PIPES = re.compile(r"^[|｜\s]+$")
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}")
Line = tuple[int, str]


def _is_pipes(text: str) -> bool:
    return bool(_PIPES.match(text)) and "|" in text


def _cells_of(text: str) -> list[str]:
    """The non-empty cells of a pipe line."""
    return [c.strip() for c in text.split("|") if c.strip()]


#: Lines looked at to tell the layout: a file's forms share one layout, and a file of ten
#: thousand forms need not be scanned whole before reading starts.
LAYOUT_SAMPLE = 2000


def detect_layout(lines: list[Line]) -> Layout:
    """The layout of a text, from the share of lines of each shape among its first lines.

    >>> detect_layout([(1, "项目名称 | 某项目 | |||"), (2, "项目属性 | 新增 | |")])
    <Layout.PIPE_ROWS: 'pipe-rows'>
    >>> detect_layout([(1, "项目名称 |"), (2, "某项目 |"), (3, "|||")])
    <Layout.PIPE_CELLS: 'pipe-cells'>
    """
    texts = [t.strip() for _, t in lines[:LAYOUT_SAMPLE]]
    filled = [t for t in texts if t]
    if not filled:
        return Layout.TEXT_LINES
    piped = [t for t in filled if "|" in t]
    if len(piped) * 5 < len(filled):
        return _unpiped_layout(texts)
    content = [t for t in piped if not _is_pipes(t)]
    lone = sum(1 for t in piped if t == "|")
    bare = len(filled) - len(piped)  #: text lines without a pipe
    if lone * 3 >= len(filled) and len(content) * 2 < bare:
        return Layout.PIPE_SEPARATED
    multi = sum(1 for t in content if len(_cells_of(t)) >= 2)
    if multi * 3 >= len(content):
        return Layout.PIPE_ROWS
    return Layout.PIPE_CELLS


def _unpiped_layout(texts: list[str]) -> Layout:
    """Blank-line cells when almost every filled line is one token, or when almost no two
    filled lines follow each other and most are one token (PDF text with a blank line
    between its lines still prints name and value on one line)."""
    pairs = sum(1 for a, b in pairwise(texts) if a and b)
    filled = [t for t in texts if t]
    single = sum(1 for t in filled if len(t.split()) == 1)
    if len(filled) < 8:
        return Layout.TEXT_LINES
    if single * 10 >= len(filled) * 8 or (
        pairs * 4 < len(filled) and single * 4 >= len(filled) * 3
    ):
        return Layout.BLANK_CELLS
    return Layout.TEXT_LINES


def _cell(filename: str, number: int, col: int, text: str) -> GridCell:
    return GridCell(col, 1, text, SourceLocation(filename, number))


def pipe_rows(lines: list[Line], filename: str) -> list[GridRow]:
    """One row per line; empty cells inside a row keep their place, trailing ones go."""
    rows: list[GridRow] = []
    for number, text in lines:
        text = text.strip()
        if not text or _is_pipes(text) or _MARKDOWN_RULE.match(text):
            continue
        parts = [p.strip() for p in text.removeprefix("|").split("|")]
        while parts and not parts[-1]:
            parts.pop()
        cells = tuple(_cell(filename, number, i, p) for i, p in enumerate(parts))
        rows.append(GridRow(cells, SourceLocation(filename, number), aligned=False))
    return rows


def pipe_cells(lines: list[Line], filename: str) -> list[GridRow]:
    """One cell per line; a line of several bare pipes ends the row."""
    rows: list[GridRow] = []
    cells: list[GridCell] = []

    def close() -> None:
        if any(c.text for c in cells):
            rows.append(GridRow(tuple(cells), cells[0].location, aligned=False))
        cells.clear()

    for number, text in lines:
        text = text.strip()
        if not text:
            continue
        if _is_pipes(text):
            if text.count("|") > 1:
                close()
            elif cells:  # a lone pipe inside a row is an empty cell, at its start the row mark
                cells.append(_cell(filename, number, len(cells), ""))
            continue
        for part in _cells_of(text) if "|" in text else [text]:
            cells.append(_cell(filename, number, len(cells), part))
        if text.count("|") > 2 and "|" not in text.rstrip("| "):
            close()  # 「名称 | ||||」: the cell and the row's empty rest
    close()
    return rows


def pipe_separated(lines: list[Line], filename: str) -> list[GridRow]:
    """Cells of several lines between lone ``|`` lines; an empty cell ends the row."""
    rows: list[GridRow] = []
    cells: list[GridCell] = []
    parts: list[Line] = []

    def end_cell() -> None:
        if parts:
            text = "\n".join(t for _, t in parts)
            cells.append(_cell(filename, parts[0][0], len(cells), text))
            parts.clear()
        elif cells:
            rows.append(GridRow(tuple(cells), cells[0].location, aligned=False))
            cells.clear()

    for number, text in lines:
        text = text.strip()
        if _is_pipes(text):
            end_cell()
        elif text:
            parts.append((number, text.rstrip("| ")))
    end_cell()
    if cells:
        rows.append(GridRow(tuple(cells), cells[0].location, aligned=False))
    return rows


def blank_cells(lines: list[Line], filename: str) -> list[GridRow]:
    """One cell per paragraph; the layout prints no rows, so every row is ``stream``."""
    rows: list[GridRow] = []
    for number, text in lines:
        if text.strip():
            cell = _cell(filename, number, 0, text.strip())
            rows.append(GridRow((cell,), cell.location, stream=True, aligned=False))
    return rows


#: A label no catalogue entry names, printed with its colon (项目编码：, 申报日期：).
_COLON_LABEL = re.compile(r"^[\u4e00-\u9fff()（）]{2,12}[:：]")
_COLUMNS = re.compile(r"\s{2,}")
#: The year line under a title, whatever its padding: （ 2025 年度）.
_YEAR_LINE = re.compile(r"[（(]?(?:19|20)\d\d年度?[)）]?")


def _is_field_label(token: str) -> bool:
    return split_label(token) is not None or _COLON_LABEL.match(token) is not None


def _is_table_label(token: str) -> bool:
    return header_column(token) is not None or level_of(token) is not None


def _line_cells(text: str) -> list[str]:
    """A text line's cells: fixed-width columns (two or more spaces) apart; inside them a
    field label starts a cell whose value runs to the next label, a table label (a level,
    a column header) is a cell, and the words between them are an indicator row: a name
    and the longest tail the value grammar reads (编内聘用人员 数量 1人 → 编内聘用人员 数量 |
    1人), or one cell per word where the grammar reads none. A line that is only the year
    (（ 2025 年度）) is one cell."""
    if _YEAR_LINE.fullmatch("".join(text.split())):
        return [text.strip()]
    cells: list[str] = []
    for column in _COLUMNS.split(text.strip()):
        open_value = False  #: the last cell is a field label's value, still growing
        words: list[str] = []  #: plain words waiting to be split into name and value
        for token in column.split():
            if _is_field_label(token):
                cells += _row_cells(words)
                cells.append(token)
                open_value = True
            elif open_value and not _is_table_label(token):
                cells[-1] += " " + token
            elif not words and _is_table_label(token):
                cells.append(token)
                open_value = False
            else:
                words.append(token)
        cells += _row_cells(words)
    return cells


def _row_cells(words: list[str]) -> list[str]:
    """Words of an indicator row → name and value (see :func:`_line_cells`); ``words`` is
    emptied."""
    found = list(words)
    words.clear()
    for k in range(1, len(found)):
        tail = " ".join(found[k:])
        if parse_value(tail).kind is not ValueKind.FREE_TEXT:
            return [" ".join(found[:k]), tail]
    return found


def text_lines(lines: list[Line], filename: str) -> list[GridRow]:
    """The PDF-text, fixed-width and run-on layouts: one row per line (see
    :func:`_line_cells`); a label and its value stay in one cell, split by the assembler.
    A label broken at the end of a line (…办公室 实施单 / 位) keeps its first part in a cell
    of its own, for the assembler to join with the rest. Inside the indicator table a cell
    that runs several cells together is cut by :func:`jixiao.importers.fused.split_fused`,
    the cut noted on the cell."""
    rows: list[GridRow] = []
    in_table = False
    filled = [(n, t) for n, t in lines if t.strip()]
    for k, (number, text) in enumerate(filled):
        parts = _line_cells(text)
        if k + 1 < len(filled) and len(parts[-1].split()) > 1:
            parts[-1:] = _split_broken_label(parts[-1], filled[k + 1][1])
        split, in_table = _unfused(parts, in_table)
        where = SourceLocation(filename, number)
        cells = tuple(GridCell(i, 1, p, where, note=note) for i, (p, note) in enumerate(split))
        rows.append(GridRow(cells, where, aligned=False, wraps=True))
    return rows


def _split_broken_label(cell: str, following: str) -> list[str]:
    """``cell`` with its last word apart when that word and the next line's first word make
    a field label (实施单 + 位)."""
    head, _, last = cell.rpartition(" ")
    words = following.split(maxsplit=1)
    joined = last + words[0] if words else ""
    if len(last) > 8 or not _is_field_label(joined) or _is_field_label(last):
        return [cell]
    return [head, last]


def _unfused(parts: list[str], in_table: bool) -> tuple[list[tuple[str, str]], bool]:
    """A line's cells with run-on cells of the indicator table cut, and whether the table
    goes on after the line (it starts at its header, 一级指标 or 三级指标, and ends at
    :func:`_ends_table`)."""
    out: list[tuple[str, str]] = []
    for part in parts:
        tokens = [part]
        if not in_table and (at := table_start(part)) >= 0:
            in_table = True  # the header may follow a label in its cell: 绩效指标 一级指标…
            tokens = [*([part[:at].strip()] if part[:at].strip() else []), *part[at:].split()]
        for token in tokens:
            in_table = in_table and not _ends_table(token)
            if in_table and " " not in token:
                out.extend(split_fused(token))
            else:
                out.append((token, ""))
    return out, in_table


def _ends_table(text: str) -> bool:
    """综合评定等级, a new form's 项目名称, a goal or the 注： footnote after the table."""
    found = split_label(text)
    return text.startswith("注") or (
        found is not None and (found[0].key in _TABLE_ENDS or found[0].kind is FieldKind.GOAL)
    )


_TABLE_ENDS = frozenset({FieldKey.VERDICT, FieldKey.PROJECT_NAME})


_READERS = {
    Layout.TEXT_LINES: text_lines,
    Layout.PIPE_ROWS: pipe_rows,
    Layout.PIPE_CELLS: pipe_cells,
    Layout.PIPE_SEPARATED: pipe_separated,
    Layout.BLANK_CELLS: blank_cells,
}


def text_rows(lines: list[Line], filename: str) -> tuple[Layout, list[GridRow]]:
    """The layout of ``lines`` and their rows, with a :data:`BOUNDARY` at the end when the
    text prints the end of its last row (a truncated text stops inside it)."""
    layout = detect_layout(lines)
    return layout, layout_rows(layout, lines, filename)


def form_rows(lines: list[Line], filename: str) -> list[GridRow]:
    """The rows of a text that may hold forms of several layouts one after another (an
    analyst's collection): the rows of every part of :func:`form_parts`, in order."""
    return [row for part in form_parts(lines, filename) for row in part]


def form_parts(lines: list[Line], filename: str) -> Iterator[list[GridRow]]:
    """The text cut at its title lines (with the 附件N / 表N line above them), each part's
    rows read in the layout told from its own lines, one part at a time. Text between two
    forms that reads as a notice (see :func:`_notice_start`) is its own part, opening with
    a :data:`NOTICE` row, so the form before it does not take its lines."""
    cuts: list[tuple[int, bool]] = [(0, False)]
    for i, (_, text) in enumerate(lines):
        if not i or not _is_title_line(text):
            continue
        start = _back_to_attachment(lines, cuts[-1][0], i)
        notice = _notice_start(lines, cuts[-1][0], start)
        if notice < start:
            cuts.append((notice, True))
        if start > cuts[-1][0]:
            cuts.append((start, False))
    for (start, notice), (end, _) in zip(cuts, [*cuts[1:], (len(lines), False)], strict=True):
        part = lines[start:end]
        rows = layout_rows(detect_layout(part), part, filename)
        yield [NOTICE, *rows] if notice else rows


def _is_title_line(text: str) -> bool:
    """A title alone on its line, or opening a run-on line (…项目申报表 项目名称:…)."""
    if "表" not in text and "目标" not in text:
        return False
    line = text.replace("|", " ").strip()
    return is_form_title(line) or is_form_title(line.split(maxsplit=1)[0] if line else "")


#: 附件2 / 附件2-1 / 表十二 above a title.
ATTACHMENT = re.compile(
    r"^(?:附件\s*[\d一二三四五六七八九十]*(?:[-－—.]\d+)?|表[一二三四五六七八九十\d]+)[:：]?$"
)


def _back_to_attachment(lines: list[Line], first: int, title: int) -> int:
    """The title's line, or the 附件N line above it (blank and pipe-only lines between)."""
    j = title - 1
    while j > first and _blank(lines[j][1]):
        j -= 1
    key = "".join(lines[j][1].replace("|", "").split())
    return j if j > first and ATTACHMENT.match(key) else title


def _blank(text: str) -> bool:
    return not text.strip() or _is_pipes(text)


#: A notice's first lines: its title (关于下达…的通知) or the unit it is addressed to, alone
#: on its line (陈仓区林业局:).
_NOTICE_OPENING = re.compile(
    r"^(?:[\u4e00-\u9fff（）()、]{2,20}[:：]|关于.{2,80}的(?:通知|批复|公告|公示|函))$"
)


def _notice_start(lines: list[Line], first: int, end: int) -> int:
    """Where the text before a title, after the previous form, starts being a notice (or
    ``end`` when it does not): after a table printed with pipes, the first pipe-less line
    that follows a blank line (a pipe table prints no blank lines, and a cell the truncated
    table stops inside runs on without one); in any layout, a notice's title (关于…的通知)
    or salutation (区残联:) with only pipe-less lines after it."""
    filled = piped = 0
    after_blank = False
    for k in range(first + 1, end):
        text = lines[k][1].strip()
        if not text:
            after_blank = True
            continue
        if "|" in text:
            piped += 1
        elif after_blank and piped and piped * 5 >= filled and _is_notice_line(text):
            return k
        filled += 1
        after_blank = False
    start = end
    for j in range(end - 1, first, -1):
        text = lines[j][1].strip()
        if "|" in text:
            break
        if _NOTICE_OPENING.match(text) and _is_notice_line(text):
            start = j
    return start


def _is_notice_line(text: str) -> bool:
    """Not a label of the form (项目名称:, 注：): a line a notice may start with."""
    return split_label(text) is None and not text.startswith("注")


def layout_rows(layout: Layout, lines: list[Line], filename: str) -> list[GridRow]:
    """The rows of ``lines`` read in ``layout`` (see :func:`text_rows`)."""
    rows = _READERS[layout](lines, filename)
    if layout is not Layout.BLANK_CELLS and _closed(lines):
        rows.append(BOUNDARY)
    return rows


def _closed(lines: list[Line]) -> bool:
    last = next((t.strip() for _, t in reversed(lines) if t.strip()), "")
    return last.endswith("|")


__all__ = [
    "ATTACHMENT",
    "BOUNDARY",
    "LAYOUT_SAMPLE",
    "NOTICE",
    "GridCell",
    "GridRow",
    "Layout",
    "detect_layout",
    "form_parts",
    "form_rows",
    "layout_rows",
    "text_rows",
]
