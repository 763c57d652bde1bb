"""Tokenising the 绩效指标 block: lines of any layout → one stream of :class:`Item`.

Three layouts are read: the PDF-text layout of the seed (a row is ``name value`` on one
line, names wrap over lines, labels break over lines), ``|``-separated cells (read by the
column headers), and one cell per line. :mod:`jixiao.importers.indicators` builds the
groups from the items.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from jixiao.importers.labels import (
    ALL_LABELS,
    HEADER_CELLS,
    LABEL_PREFIXES,
    HeaderCell,
    annotation,
    is_label,
    is_label_prefix,
    normalise_spaces,
)
from jixiao.values import KNOWN_UNITS, ValueKind, parse_value

Line = tuple[int, str]


class Kind(Enum):
    LABEL = "label"  #: an 一级/二级 label, 成本指标, the 绩效指标 label or a column header
    ANNOTATION = "annotation"  #: （必填量化）（必填）（选填）
    ROW = "row"  #: a name and its value
    FRAGMENT = "fragment"  #: part of a name whose value comes on a later line
    VALUE = "value"  #: a value alone on its line, closing the pending name


class Item(NamedTuple):
    """One token of the block (a NamedTuple: the importer makes millions of them)."""

    kind: Kind
    line: int
    text: str = ""
    value: str = ""


# Enum members looked up once: attribute access on an Enum class is slow in hot loops.
ROW, VALUE, FRAGMENT, LABEL = Kind.ROW, Kind.VALUE, Kind.FRAGMENT, Kind.LABEL
_FREE_TEXT = ValueKind.FREE_TEXT
_LABEL_FIRST_CHARS = frozenset(prefix[0] for prefix in LABEL_PREFIXES)

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


def _compact(text: str) -> str:
    return "".join(text.split())


def is_value(text: str) -> bool:
    """A cell the value grammar reads as a number, a qualitative term or 「无」."""
    return parse_value(text).kind is not _FREE_TEXT


def merge_broken_labels(lines: list[Line]) -> list[Line]:
    """Join labels the PDF broke over lines (产出指\n标, 服务对象\n满意度指标)."""
    first = _LABEL_FIRST_CHARS
    starts = [
        i
        for i, (_, text) in enumerate(lines)
        if text[:1] in first and (text in LABEL_PREFIXES or _compact(text) in LABEL_PREFIXES)
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
        acc += _compact(lines[j][1])
        if is_label(acc):
            best, best_end = acc, j
        if not is_label_prefix(acc):
            break
    return (best, best_end) if best else (lines[start][1], start)


@lru_cache(maxsize=1024)
def _label_parts(token: str) -> tuple[tuple[Kind, str], ...] | None:
    """A token that is a label, an annotation, or a label with its annotation attached."""
    if is_label(token):
        return ((Kind.ANNOTATION if annotation(token) else Kind.LABEL, token),)
    m = _LABEL_WITH_NOTE.match(token)
    if m and is_label(m.group(1)):
        return ((Kind.LABEL, m.group(1)), (Kind.ANNOTATION, m.group(2)))
    return None


def _maybe_label(token: str) -> bool:
    """Cheap pre-check: only these tokens can be labels (most tokens are names or values)."""
    return token in ALL_LABELS or token[-1:] in "）)"


def _label_items(token: str, number: int) -> list[Item] | None:
    parts = _label_parts(token) if _maybe_label(token) else None
    return None if parts is None else [Item(kind, number, text) for kind, text in parts]


def tokenise_line(number: int, text: str) -> list[Item]:
    """One line of the PDF-text layout: leading labels, then a row, a value or a fragment."""
    return tokenise_text_lines([(number, text)])


def tokenise_text_lines(lines: list[Line]) -> list[Item]:
    """The PDF-text layout, line by line (the hot loop of the importer: kept flat)."""
    items: list[Item] = []
    for number, text in lines:
        tokens = text.split(" ")  # lines arrive normalised by the form splitter
        if _maybe_label(tokens[0]):
            items.extend(_labelled_line(number, tokens))
        elif tokens[0]:
            items.append(_content_item(number, tokens))
    return items


def _labelled_line(number: int, tokens: list[str]) -> list[Item]:
    items: list[Item] = []
    while tokens and (found := _label_items(tokens[0], number)) is not None:
        items.extend(found)
        tokens.pop(0)
    if tokens and tokens != [""]:
        items.append(_content_item(number, tokens))
    return items


def _content_item(number: int, tokens: list[str]) -> Item:
    """A row (the longest tail the grammar reads is the value), a lone value, or a fragment."""
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if parse_value(tail).kind is not _FREE_TEXT:  # is_value, inlined in the hot loop
            return Item(ROW, number, " ".join(tokens[:k]), tail)
    rest = " ".join(tokens)
    if parse_value(rest).kind is not _FREE_TEXT:
        return Item(VALUE, number, value=rest)
    return Item(FRAGMENT, number, rest)


def _combine_value(nature: str, value: str, unit: str) -> str:
    """指标性质 | 指标值 | 度量单位 → one 指标值 text (正向 ≥, 反向 ≤, 定性 none)."""
    op = _NATURE.get(nature.strip(), nature.strip())
    value, unit = value.strip(), unit.strip()
    if unit in ("-", "/", "—") or value.endswith(unit):
        unit = ""
    if not value:
        return ""
    return f"{op}{value}{unit}" if is_value(f"{op}{value}{unit}") else value


def tokenise_cells(number: int, cells: list[str], columns: list[HeaderCell]) -> list[Item]:
    """One ``|``-separated row, read by the column headers met before it."""
    by_col: dict[HeaderCell, str] = {}
    for col, cell in zip(columns, cells, strict=False):
        by_col.setdefault(col, normalise_spaces(cell))
    items: list[Item] = []
    for col in (HeaderCell.LEVEL1, HeaderCell.LEVEL2):
        token = _compact(by_col.get(col, ""))
        if token:
            items.extend(_label_items(token, number) or [Item(Kind.FRAGMENT, number, token)])
    name = by_col.get(HeaderCell.NAME, "")
    value = _combine_value(
        by_col.get(HeaderCell.NATURE, ""),
        by_col.get(HeaderCell.VALUE, ""),
        by_col.get(HeaderCell.UNIT, ""),
    )
    if name or value:
        items.append(Item(Kind.ROW, number, name, value))
    return items


def _header_columns(cells: list[str]) -> list[HeaderCell] | None:
    found = [HEADER_CELLS.get(_compact(c)) for c in cells]
    if sum(1 for c in found if c is not None) < 3:
        return None
    return [c if c is not None else HeaderCell.OTHER for c in found]


def _split_cells(text: str) -> list[str]:
    text = text.strip()
    text = text.removeprefix("|").removesuffix("|")
    return text.split("|")


def tokenise_piped(lines: list[Line]) -> list[Item]:
    """The ``|``-separated layout; lines without ``|`` are read as PDF text."""
    columns = [HeaderCell.LEVEL1, HeaderCell.LEVEL2, HeaderCell.NAME, HeaderCell.VALUE]
    items: list[Item] = []
    for number, text in lines:
        if "|" not in text:
            items.extend(tokenise_text_lines([(number, text)]))
            continue
        cells = _split_cells(text)
        header = _header_columns(cells)
        if header is not None:
            columns = header
        else:
            items.extend(tokenise_cells(number, cells, columns))
    return items


def tokenise_cell_lines(lines: list[Line]) -> list[Item]:
    """One cell per line: a name line, then one line per value column after 三级指标."""
    columns: list[HeaderCell] = []
    items: list[Item] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        token = _compact(text)
        if token in HEADER_CELLS:
            columns = _update_columns(columns, HEADER_CELLS[token])
            i += 1
        elif (found := _label_items(token, number)) is not None:
            items.extend(found)
            i += 1
        else:
            i = _read_cell_row(lines, i, columns, items)
    return items


def _update_columns(columns: list[HeaderCell], cell: HeaderCell) -> list[HeaderCell]:
    if cell is HeaderCell.LEVEL1:
        return [cell]
    return [*columns, cell]


def _read_cell_row(lines: list[Line], i: int, columns: list[HeaderCell], out: list[Item]) -> int:
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
    out.append(Item(Kind.ROW, number, normalise_spaces(name), value))
    return j


def _fits_column(col: HeaderCell, text: str) -> bool:
    if col is HeaderCell.NATURE:
        return text in _NATURE
    if col is HeaderCell.UNIT:
        return text in KNOWN_UNITS or text in ("-", "/", "—")
    return not is_label(_compact(text))


def tokenise(lines: list[Line]) -> list[Item]:
    """Pick the layout of the block and tokenise it."""
    lines = [(n, t) for n, t in lines if t.strip()]
    if sum(1 for _, t in lines if "|" in t) * 2 >= len(lines) > 0:
        return tokenise_piped(lines)
    lines = merge_broken_labels(lines)
    if _one_cell_per_line(lines):
        return tokenise_cell_lines(lines)
    return tokenise_text_lines(lines)


def _one_cell_per_line(lines: list[Line]) -> bool:
    heads = [_compact(t) for _, t in lines[:12]]
    return "一级指标" in heads and "二级指标" in heads and "三级指标" in heads
