"""Tokenising the 绩效指标 block: lines of any layout → calls on one :class:`Sink`.

Three layouts are read: the PDF-text layout of the seed (a row is ``name value`` on one
line, names wrap over lines, labels break over lines), ``|``-separated cells (read by the
column headers), and one cell per line. Every layout reports the same four events to a
sink — a label, an annotation, a fragment of a name, a row — in printed order;
:class:`jixiao.importers.indicators.GroupBuilder` is the sink that builds the groups. The
events are pushed, not collected, because this is the importer's hot loop.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from jixiao.importers.labels import (
    ALL_LABELS,
    HEADER_CELLS,
    LABEL_PREFIXES,
    HeaderCell,
    annotation,
    compact,
    is_label,
    is_label_prefix,
    normalise_spaces,
)
from jixiao.values import KNOWN_UNITS, ValueKind, parse_value

Line = tuple[int, str]


class Sink(Protocol):
    """What the tokenisers report, in printed order."""

    def label(self, line: int, token: str) -> None:
        """An 一级/二级 label, 成本指标, the 绩效指标 label or a column header."""

    def annotation(self, line: int, token: str) -> None:
        """（必填量化）（必填）（选填） after a 二级 label."""

    def fragment(self, line: int, text: str) -> None:
        """Part of a name whose value comes on a later line."""

    def row(self, line: int, name: str, value: str) -> None:
        """A name (empty for a value alone on its line, closing the fragments) and its value."""


_FREE_TEXT = ValueKind.FREE_TEXT
_LABEL_FIRST_CHARS = frozenset(prefix[0] for prefix in LABEL_PREFIXES)
#: A 2021-tree cost label at the start of a line or a cell (经济成本指标, 社会成本 …).
_V2021_LABEL = re.compile(
    r"(?:^|\|)\s*(?:经济成本|社会成本|生态环境成本|生态成本)(?:\s*指\s*标|值)?\s*(?=$|\||[（(])",
    re.MULTILINE,
)

# ---------------------------------------------------------------- tokenising

_LABEL_WITH_NOTE = re.compile(r"^(.+?)([（(](?:必填量化|必填|选填)[)）])$")
_NAME_PREFIX = re.compile(r"^(?:指标\s*\d+\s*[:：]|[:：])\s*")
_NATURE = {
    "正向": "≥",
    "反向": "≤",
    "定性": "",
    "定量": "",
    "≥": "≥",
    "≤": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
    "＞": ">",
    "＜": "<",
    "＝": "=",
}


def strip_prefix(name: str) -> str:
    """Drop a 「指标1：」 numbering or a stray 「：」 before an indicator name."""
    return _NAME_PREFIX.sub("", name).strip() if name[:1] in "指:：" else name


def is_value(text: str) -> bool:
    """A cell the value grammar reads as a number, a qualitative term or 「无」."""
    return parse_value(text).kind is not _FREE_TEXT


def merge_broken_labels(lines: list[Line]) -> list[Line]:
    """Join labels the PDF broke over lines (产出指\n标, 服务对象\n满意度指标)."""
    first = _LABEL_FIRST_CHARS
    starts = [
        i
        for i, (_, text) in enumerate(lines)
        if text[:1] in first and (text in LABEL_PREFIXES or compact(text) in LABEL_PREFIXES)
    ]
    if not starts:
        return lines  # the common case for most blocks: nothing to join
    out: list[Line] = []
    done = 0  #: lines before this index are already in ``out``
    for i in starts:
        if i < done:
            continue
        joined, end = _longest_label(lines, i)
        if end > i:
            out.extend(lines[done:i])
            out.append((lines[i][0], joined))
            done = end + 1
    out.extend(lines[done:])
    return out


def _longest_label(lines: list[Line], start: int) -> tuple[str, int]:
    acc, best, best_end = "", "", start
    for j in range(start, min(start + 6, len(lines))):
        acc += compact(lines[j][1])
        if is_label(acc):
            best, best_end = acc, j
        if not is_label_prefix(acc):
            break
    return (best, best_end) if best else (lines[start][1], start)


@lru_cache(maxsize=1024)
def _label_parts(token: str) -> tuple[tuple[bool, str], ...] | None:
    """(is_annotation, text) for a label, an annotation, or a label with its annotation."""
    if is_label(token):
        return ((annotation(token) is not None, token),)
    m = _LABEL_WITH_NOTE.match(token)
    if m and is_label(m.group(1)):
        return ((False, m.group(1)), (True, m.group(2)))
    return None


def _maybe_label(token: str) -> bool:
    """Cheap pre-check: only these tokens can be labels (most tokens are names or values)."""
    return token in ALL_LABELS or token[-1:] in "）)"


def _emit_label(token: str, number: int, sink: Sink) -> bool:
    """Report ``token`` as labels and annotations; False when it is neither."""
    parts = _label_parts(token) if _maybe_label(token) else None
    for is_note, text in parts or ():
        if is_note:
            sink.annotation(number, text)
        else:
            sink.label(number, text)
    return parts is not None


def tokenise_text_lines(lines: list[Line], sink: Sink) -> None:
    """The PDF-text layout, line by line (the hot loop of the importer: kept flat)."""
    for number, text in lines:
        tokens = text.split(" ")  # lines arrive normalised by the form splitter
        if _maybe_label(tokens[0]):
            _labelled_line(number, tokens, sink)
        elif tokens[0]:
            _content(number, tokens, sink)


def _labelled_line(number: int, tokens: list[str], sink: Sink) -> None:
    while tokens and _emit_label(tokens[0], number, sink):
        tokens.pop(0)
    if tokens and tokens != [""]:
        _content(number, tokens, sink)


def _content(number: int, tokens: list[str], sink: Sink) -> None:
    """A row (the longest tail the grammar reads is the value), a lone value, or a fragment."""
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if parse_value(tail).kind is not _FREE_TEXT:  # is_value, inlined in the hot loop
            sink.row(number, " ".join(tokens[:k]), tail)
            return
    rest = " ".join(tokens)
    if parse_value(rest).kind is not _FREE_TEXT:
        sink.row(number, "", rest)
    else:
        sink.fragment(number, rest)


def _combine_value(nature: str, value: str, unit: str) -> str:
    """指标性质 | 指标值 | 度量单位 → one 指标值 text (正向 ≥, 反向 ≤, 定性 none)."""
    op = _NATURE.get(nature.strip(), nature.strip())
    value, unit = value.strip(), unit.strip()
    if unit in ("-", "/", "—") or value.endswith(unit):
        unit = ""
    if not value:
        return ""
    return f"{op}{value}{unit}" if is_value(f"{op}{value}{unit}") else value


def tokenise_cells(number: int, cells: list[str], columns: list[HeaderCell], sink: Sink) -> None:
    """One ``|``-separated row, read by the column headers met before it."""
    by_col: dict[HeaderCell, str] = {}
    for col, cell in zip(columns, cells, strict=False):
        by_col.setdefault(col, normalise_spaces(cell))
    for col in (HeaderCell.LEVEL1, HeaderCell.LEVEL2):
        token = compact(by_col.get(col, ""))
        if token and not _emit_label(token, number, sink):
            sink.fragment(number, token)
    name = by_col.get(HeaderCell.NAME, "")
    value = _combine_value(
        by_col.get(HeaderCell.NATURE, ""),
        by_col.get(HeaderCell.VALUE, ""),
        by_col.get(HeaderCell.UNIT, ""),
    )
    if name or value:
        sink.row(number, name, value)


def _header_columns(cells: list[str]) -> list[HeaderCell] | None:
    found = [HEADER_CELLS.get(compact(c)) for c in cells]
    if sum(1 for c in found if c is not None) < 3:
        return None
    return [c if c is not None else HeaderCell.OTHER for c in found]


def _split_cells(text: str) -> list[str]:
    text = text.strip()
    text = text.removeprefix("|").removesuffix("|")
    return text.split("|")


def tokenise_piped(lines: list[Line], sink: Sink) -> None:
    """The ``|``-separated layout; lines without ``|`` are read as PDF text."""
    columns = [HeaderCell.LEVEL1, HeaderCell.LEVEL2, HeaderCell.NAME, HeaderCell.VALUE]
    for number, text in lines:
        if "|" not in text:
            tokenise_text_lines([(number, text)], sink)
            continue
        cells = _split_cells(text)
        header = _header_columns(cells)
        if header is not None:
            columns = header
        else:
            tokenise_cells(number, cells, columns, sink)


def tokenise_cell_lines(lines: list[Line], sink: Sink) -> None:
    """One cell per line: a name line, then one line per value column after 三级指标."""
    columns: list[HeaderCell] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        token = compact(text)
        if token in HEADER_CELLS:
            columns = _update_columns(columns, HEADER_CELLS[token])
            i += 1
        elif _emit_label(token, number, sink):
            i += 1
        else:
            i = _read_cell_row(lines, i, columns, sink)


def _update_columns(columns: list[HeaderCell], cell: HeaderCell) -> list[HeaderCell]:
    if cell is HeaderCell.LEVEL1:
        return [cell]
    return [*columns, cell]


def _read_cell_row(lines: list[Line], i: int, columns: list[HeaderCell], sink: Sink) -> int:
    number, name = lines[i]
    values = columns[columns.index(HeaderCell.NAME) + 1 :] if HeaderCell.NAME in columns else []
    cells: dict[HeaderCell, str] = {}
    j = i + 1
    for col in values or [HeaderCell.VALUE]:
        if j >= len(lines):
            break
        text = normalise_spaces(lines[j][1])
        if not _fits_column(col, text):
            continue
        cells[col] = text
        j += 1
    value = _combine_value(
        cells.get(HeaderCell.NATURE, ""),
        cells.get(HeaderCell.VALUE, ""),
        cells.get(HeaderCell.UNIT, ""),
    )
    sink.row(number, normalise_spaces(name), value)
    return j


def _fits_column(col: HeaderCell, text: str) -> bool:
    if col is HeaderCell.NATURE:
        return text in _NATURE
    if col is HeaderCell.UNIT:
        return text in KNOWN_UNITS or text in ("-", "/", "—")
    return not is_label(compact(text))


def tokenise(lines: list[Line], sink: Sink) -> None:
    """Pick the layout of the block (blank lines dropped) and report it to ``sink``."""
    if sum(1 for _, t in lines if "|" in t) * 2 >= len(lines) > 0:
        tokenise_piped(lines, sink)
        return
    lines = merge_broken_labels(lines)
    if _one_cell_per_line(lines):
        tokenise_cell_lines(lines, sink)
    else:
        tokenise_text_lines(lines, sink)


def uses_2021_tree(lines: list[Line]) -> bool:
    """Whether a 2021-tree cost label (经济成本指标 …) starts any line or cell of the block."""
    return _V2021_LABEL.search("\n".join(t for _, t in lines)) is not None


def _one_cell_per_line(lines: list[Line]) -> bool:
    heads = [compact(t) for _, t in lines[:12]]
    return "一级指标" in heads and "二级指标" in heads and "三级指标" in heads
