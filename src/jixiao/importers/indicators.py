"""The 绩效指标 block of a text form: lines → items → indicator groups.

Three layouts are read: the PDF-text layout of the seed (a row is ``name value`` on one
line, names wrap over lines, merged-cell labels are printed before, between or after
their rows), ``|``-separated cells, and one cell per line. Each layout is first turned
into the same stream of :class:`Item`; one state machine then builds the groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from jixiao.importers.base import ImportIssue
from jixiao.importers.labels import (
    ALL_LABELS,
    BLOCK_LABEL,
    COST_LABELS,
    HEADER_CELLS,
    LABEL_PREFIXES,
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    V2021_LEVEL2,
    HeaderCell,
    annotation,
    clean_text,
    is_label,
    is_label_prefix,
    join_wrapped,
    normalise_spaces,
)
from jixiao.model import (
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Requirement,
    SourceLocation,
    TreeVariant,
    level1_of,
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
_ROW, _VALUE, _FRAGMENT, _LABEL = Kind.ROW, Kind.VALUE, Kind.FRAGMENT, Kind.LABEL
_FREE_TEXT = ValueKind.FREE_TEXT
_LABEL_FIRST_CHARS = frozenset(prefix[0] for prefix in LABEL_PREFIXES)
_LONGEST_LABEL = 2 * max(map(len, ALL_LABELS))  #: with a space between every character

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
    tokens = text.split(" ")  # lines arrive normalised by the form splitter
    if not _maybe_label(tokens[0]):
        return [_content_item(number, tokens)] if tokens[0] else []  # the common case
    items: list[Item] = []
    while tokens and (found := _label_items(tokens[0], number)) is not None:
        items.extend(found)
        tokens.pop(0)
    if tokens and tokens != [""]:
        items.append(_content_item(number, tokens))
    return items


def _content_item(number: int, tokens: list[str]) -> Item:
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if is_value(tail):
            return Item(_ROW, number, " ".join(tokens[:k]), tail)
    rest = " ".join(tokens)
    if is_value(rest):
        return Item(_VALUE, number, value=rest)
    return Item(_FRAGMENT, number, rest)


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
            items.extend(tokenise_line(number, text))
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
    return [item for n, t in lines for item in tokenise_line(n, t)]


def _one_cell_per_line(lines: list[Line]) -> bool:
    heads = [_compact(t) for _, t in lines[:12]]
    return "一级指标" in heads and "二级指标" in heads and "三级指标" in heads


# ---------------------------------------------------------------- building groups


class _Row(NamedTuple):
    line: int
    name: str
    value: str


@dataclass(slots=True)
class _Group:
    level1: Level1
    level2: Level2
    line: int
    requirement: Requirement | None = None
    rows: list[_Row] = field(default_factory=list)
    closed: bool = False  #: a 「无 无」 row was read: a placeholder group has one row


@dataclass(slots=True)
class GroupBuilder:
    """The state machine that assigns rows to groups (see module docstring)."""

    filename: str
    tree: TreeVariant
    groups: list[_Group] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    level1: Level1 | None = None
    fragments: list[tuple[int, str]] = field(default_factory=list)
    pending: list[_Row] = field(default_factory=list)

    current: _Group | None = None  #: the group rows go to: the last one opened

    def issue(self, line: int, message: str) -> None:
        self.issues.append(ImportIssue(SourceLocation(self.filename, line), message))

    def feed(self, item: Item) -> None:
        kind = item.kind
        if kind is _ROW or kind is _VALUE:
            self._row(item)
        elif kind is _FRAGMENT:
            self.fragments.append((item.line, item.text))
        elif kind is _LABEL:
            self._flush_fragments(item.line)
            self._label(item)
        else:
            self._annotation(item)

    def _label(self, item: Item) -> None:
        token = item.text
        if token in LEVEL1_LABELS:
            self.level1 = LEVEL1_LABELS[token]
        elif token in COST_LABELS and self.tree is TreeVariant.V2021:
            self.level1 = Level1.COST
        elif token in COST_LABELS:
            self._open(Level2.COST, item.line)
        elif token in LEVEL2_LABELS:
            self._open(LEVEL2_LABELS[token], item.line)
        # column headers and the 绩效指标 label carry no data here

    def _open(self, level2: Level2, line: int) -> None:
        level1 = level1_of(level2, self.tree) or self.level1 or Level1.OUTPUT
        group = _Group(level1, level2, line)
        current = self.current
        if self.pending:
            after = "「无」行之后" if current is not None and current.closed else "分组标签之前"
            names = "、".join(f"“{r.name}”" for r in self.pending)
            self.issue(
                self.pending[0].line,
                f"指标{names}印在{after}，按合并单元格标签居中的排版归入其后的“{level2}”",
            )
            group.rows.extend(self.pending)
            self.pending.clear()
        self.groups.append(group)
        self.current = group

    def _annotation(self, item: Item) -> None:
        requirement = annotation(item.text)
        current = self.current
        if current is None:
            self.issue(item.line, f"填报要求“{item.text}”之前没有二级指标，已忽略")
        elif requirement is not None:
            current.requirement = requirement

    def _row(self, item: Item) -> None:
        if self.fragments:
            line = self.fragments[0][0]
            name = join_wrapped([*(text for _, text in self.fragments), item.text])
            self.fragments.clear()
        else:
            line, name = item.line, clean_text(item.text)
        if not name:
            self.issue(item.line, f"指标值“{item.value}”没有对应的三级指标名称，已保留为无名指标")
        self._add(_Row(line, name, item.value))

    def _add(self, row: _Row) -> None:
        current = self.current
        if current is None or current.closed:
            self.pending.append(row)
            return
        current.rows.append(row)
        if row.value == "无" and strip_prefix(row.name) == "无":
            current.closed = True

    def _flush_fragments(self, line: int) -> None:
        """A name left without a value when a label comes: split off an unusual value."""
        if not self.fragments:
            return
        start = self.fragments[0][0]
        parts = [t for _, t in self.fragments]
        self.fragments.clear()
        head, _, tail = normalise_spaces(parts[-1]).rpartition(" ")
        if head and tail:
            name = join_wrapped([*parts[:-1], head])
            self.issue(start, f"指标值“{tail}”不是常见写法，按“{name}”的指标值读取")
            self._add(_Row(start, name, tail))
        else:
            name = join_wrapped(parts)
            self.issue(start, f"三级指标“{name}”没有指标值，已保留并记为空值")
            self._add(_Row(start, name, ""))

    def finish(self, end_line: int) -> tuple[IndicatorGroup, ...]:
        self._flush_fragments(end_line)
        if self.pending:
            self._place_orphans()
        return tuple(self._build(g) for g in self.groups)

    def _place_orphans(self) -> None:
        names = "、".join(f"“{r.name}”" for r in self.pending)
        current = self.current
        if current is None:
            self.issue(self.pending[0].line, f"指标{names}不在任何二级指标之下，无法归组")
            self._open(Level2.QUANTITY, self.pending[0].line)
            return
        self.issue(self.pending[0].line, f"指标{names}之后没有分组标签，归入“{current.level2}”")
        current.rows.extend(self.pending)
        self.pending.clear()

    def _build(self, group: _Group) -> IndicatorGroup:
        return IndicatorGroup(
            level1=group.level1,
            level2=group.level2,
            requirement=group.requirement,
            indicators=tuple(self._indicator(r) for r in group.rows),
            location=SourceLocation(self.filename, group.line),
        )

    def _indicator(self, row: _Row) -> Indicator:
        value_text = row.value
        return Indicator(
            name=strip_prefix(row.name),
            value_text=value_text,
            value=parse_value(value_text),
            location=SourceLocation(self.filename, row.line),
        )


def detect_tree(items: list[Item]) -> TreeVariant:
    """The 2021 tree when any of its cost 二级 labels is printed, else the classic tree."""
    for item in items:
        if item.kind is Kind.LABEL and LEVEL2_LABELS.get(item.text) in V2021_LEVEL2:
            return TreeVariant.V2021
    return TreeVariant.CLASSIC


def read_indicator_block(
    lines: list[Line], filename: str
) -> tuple[TreeVariant, tuple[IndicatorGroup, ...], list[ImportIssue]]:
    """Read the 绩效指标 block: the tree variant, the groups, the issues met."""
    items = tokenise(lines)
    builder = GroupBuilder(filename, detect_tree(items))
    for item in items:
        builder.feed(item)
    end = lines[-1][0] if lines else 0
    groups = builder.finish(end)
    return builder.tree, groups, builder.issues


__all__ = ["BLOCK_LABEL", "read_indicator_block"]
