"""Header fields of a form, read from its cells by the catalogue's labels.

A field's value is in the same cell (``年度资金总额:203``), in the next cell, or — for a
row of labels — in the next row's cells in the same order (中期目标 | 年度目标 over two
texts). Labels wait in a queue for their values: an amount must read as money, so a blank
amount never takes the next label's text; in a grid with real columns a label whose
neighbour is not the value is blank; a row that starts with a label leaves the previous
row's waiting labels blank; a stamp box (填报单位(盖章)：) takes no value. A cell one stray
character from a label (专项名称金) is read as that label, said as an import issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from jixiao.importers.base import ImportIssue
from jixiao.importers.cells import GridCell
from jixiao.importers.funding import FundingReader
from jixiao.importers.labels import clean_text
from jixiao.importers.lookup import field_of, split_label
from jixiao.model import SourceLocation
from jixiao.model.catalogue import SPECS, FieldKey, FieldKind, FieldSpec

if TYPE_CHECKING:
    from jixiao.importers.listing import ListTable

_K = FieldKey
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年\s*度?")
_STAMP = re.compile(r"[（(]\s*(?:盖章|签字|签章|签名)\s*[)）]")
#: 【项目概况】：… — a list layout's bracketed label.
_BRACKETED = re.compile(r"^【([^】]{2,12})】")
_BLOCKS = frozenset({_K.FUNDING, _K.GOALS, _K.INDICATORS})
#: A numbered line (1. 一、 （一）) starts a paragraph of a goal in wrapping text.
_NUMBERED = re.compile(
    r"^(?:\d+\s*[.、．]|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
)


class Item(NamedTuple):
    """A cell in reading order; ``new_row`` where the layout prints a row boundary (a
    record made for every cell, so a named tuple)."""

    cell: GridCell
    new_row: bool
    boundary: bool = False  #: the end of a page, sheet or text
    row: int = 0  #: index of the row the cell is in
    aligned: bool = False  #: cell positions are the table's columns (XLSX, DOCX, PDF)
    notice: bool = False  #: a notice between two forms starts here (no part of either)
    wraps: bool = False  #: a line of PDF-like text: the cell may go on over the next lines


@dataclass(slots=True)
class HeaderReader:
    """One form's header fields while its cells are read (see the module docstring)."""

    filename: str
    issues: list[ImportIssue] = field(default_factory=list)
    texts: dict[FieldKey, str] = field(default_factory=dict)
    where: dict[FieldKey, SourceLocation] = field(default_factory=dict)
    queue: list[tuple[FieldSpec, Item]] = field(default_factory=list)
    funding: FundingReader = field(default_factory=FundingReader)
    year: int | None = None
    title: str = ""
    attachment: str = ""
    started: bool = False  #: a cell other than 附件N and the title has been read
    verdict_text: list[str] = field(default_factory=list)
    verdict_at: SourceLocation | None = None  #: the 综合评定等级 cell
    footnote: list[str] = field(default_factory=list)
    blank_start: bool = False  #: the current row's first cell is blank
    last: FieldKey | None = None  #: the text field assigned last
    open_end: bool = False  #: its value cell runs on across a page break (PDF)
    #: a 中期目标 that took the only goal text of its row, and the 年度目标 waiting after it
    goal_pair: tuple[FieldSpec, FieldSpec, Item] | None = None
    wrapping: bool = False  #: the cell read is wrapping text (its value may go on below)

    def issue(self, where: SourceLocation, message: str) -> None:
        self.issues.append(ImportIssue(where, message))

    def title_cell(self, text: str) -> None:
        compact = "".join(text.split())
        self.title = self.title or _TITLE_YEAR.sub("", compact).strip("（）() ") or compact
        if self.year is None and (m := _YEAR.search(compact)):
            self.year = int(m.group(1))

    def header_cell(self, item: Item) -> None:
        text = _BRACKETED.sub(r"\1", item.cell.text.strip())
        self.wrapping = item.wraps
        if item.new_row:
            self._new_row(item)
        if not text:
            return
        found = split_label(text) or self._near_label(text, item.cell.location)
        if found is not None and item.wraps and found[0].key is not self.last:
            self.last = None  # wrapping text goes on into the field read last, up to a label
        if found is None:
            if self.year is None and (
                m := re.fullmatch(r"[（(]?\s*((?:19|20)\d\d)\s*年度?[)）]?", "".join(text.split()))
            ):
                self.year = int(m.group(1))
                return
            self.funding.unit_hint(text)
            self._value(item, text)
            return
        spec, rest = found
        self.funding.unit_hint(text)
        if spec.key is _K.FUNDING:
            self.where.setdefault(_K.FUNDING, item.cell.location)
        if spec.key in _BLOCKS and spec.key is not _K.GOALS:
            return
        if rest:
            self._assign(spec, rest, item.cell.location, item.cell.open_end)
            return
        if _STAMP.search(text):
            return  # 填报单位(盖章)： left blank: a stamp box, its value is never the next cell
        if spec.kind is FieldKind.GOAL:  # 总体目标 | 中期目标 | 年度目标: the block label goes
            self.queue = [(s, i) for s, i in self.queue if s.key is not _K.GOALS]
        self.queue.append((spec, item))

    def listed_project(self, table: ListTable) -> None:
        """The project row of a list table: its name and amount, the unit row's name and code
        as the 主管部门 (see :mod:`jixiao.importers.listing`)."""
        project, unit = table.project, table.unit
        amount = project.amount.cell
        self._assign(_spec(_K.PROJECT_NAME), project.name, project.name_at)
        if said := self.funding.unit_from_magnitude(amount.text):
            self.issue(amount.location, said)
        self._assign(_spec(_K.ANNUAL_TOTAL), amount.text.strip(), amount.location)
        if unit is not None:
            self._assign(_spec(_K.DEPARTMENT), unit.name, unit.name_at)
            self._assign(_spec(_K.DEPARTMENT_CODE), unit.code, unit.name_at)
        self.queue.clear()

    def _near_label(self, text: str, where: SourceLocation) -> tuple[FieldSpec, str] | None:
        """A short cell one stray character away from a label (专项名称金): read as that
        label, said as an import issue."""
        if not 3 <= len(text) <= 10 or any(ch.isdigit() for ch in text):
            return None
        for candidate in (text[:-1], text[1:]):
            if (spec := field_of(candidate)) is not None and spec.kind is not FieldKind.BLOCK:
                self.issue(where, f"栏目名“{text}”不是常见写法，按“{candidate}”读取")
                return spec, ""
        return None

    def _new_row(self, item: Item) -> None:
        """A row starting with a label leaves the previous row's waiting labels blank."""
        text = item.cell.text.strip()
        if self.queue and text and split_label(text) is not None:
            self.queue.clear()
        self.blank_start = not text

    def _value(self, item: Item, text: str) -> None:
        if not self.queue and self.last is not None and (self.blank_start or item.wraps):
            self._continue(self.last, text, item.new_row)
            self.open_end = item.cell.open_end
            return
        while self.queue:
            spec, label = self.queue.pop(0)
            if spec.kind is FieldKind.MONEY and not self.funding.reads(text):
                continue
            if _left_blank(label, item):
                continue
            self._assign(spec, text, label.cell.location, item.cell.open_end)
            if len(self.queue) == 1 and self._lone_goal(spec):
                self._move_goal(spec)
            return

    def _lone_goal(self, spec: FieldSpec) -> bool:
        """A single goal text under a 中期目标 | 年度目标 pair: the year's goal."""
        waiting = self.queue[0][0]
        return spec.key is _K.LONG_TERM_GOAL and waiting.key is _K.ANNUAL_GOAL

    def _move_goal(self, spec: FieldSpec) -> None:
        waiting, label = self.queue[0]
        self.goal_pair = (spec, waiting, label)

    def end_row_goal(self) -> None:
        """At a row end: a lone goal text taken by 中期目标 moves to the waiting 年度目标."""
        if self.goal_pair is None:
            return
        spec, waiting, label = self.goal_pair
        self.goal_pair = None
        if self.queue and self.queue[0][0] is waiting:
            self.queue.pop(0)
            self.texts[waiting.key] = self.texts.pop(spec.key)
            self.where[waiting.key] = label.cell.location
            self.issue(label.cell.location, "中期目标与年度目标下只印一段目标，按年度目标读取")

    def _continue(self, key: FieldKey, text: str, new_row: bool = True) -> None:
        """More of the field read last: a row whose first cell is blank (a merged label), or
        the goal's label printed again after a page break (goals only; a cell cut by the
        break joins without a line break); in wrapping text, any text field's value going on
        over the next lines (银川市人民政府办公 / 室), a goal starting a paragraph at a
        numbered line (1. 一、 （一）)."""
        if key not in self.texts:
            return
        kind = _SPECS[key].kind
        if self.wrapping and kind is not FieldKind.MONEY:
            head, _, last = self.texts[key].rpartition("\n")
            if kind is FieldKind.GOAL and new_row and _NUMBERED.match(text):
                self.texts[key] += "\n" + clean_text(text)
            else:
                joined = clean_text(last + ("" if new_row else " ") + text)
                self.texts[key] = f"{head}\n{joined}" if head else joined
        elif kind is FieldKind.GOAL:
            glue = "" if self.open_end else "\n"
            self.texts[key] += glue + text.strip()

    def _assign(self, spec: FieldSpec, text: str, where: SourceLocation, cut: bool = False) -> None:
        if spec.key is _K.GOALS:  # a 总体目标 block label holding the goal itself
            spec = _spec(_K.ANNUAL_GOAL)
        if spec.kind is FieldKind.MONEY:
            self.funding.read(spec, text, where, self.issues)
            self.where.setdefault(spec.key, where)
            return
        if spec.key in self.texts and spec.key is self.last and spec.kind is FieldKind.GOAL:
            self._continue(spec.key, text)
        elif spec.key not in self.texts or not self.texts[spec.key]:
            self.texts[spec.key] = clean_text(text.strip()) if self.wrapping else text.strip()
            self.where[spec.key] = where
        self.last, self.open_end = spec.key, cut


_SPECS = {s.key: s for s in SPECS}


def _left_blank(label: Item, value: Item) -> bool:
    """In a grid with real columns, a label whose next column is not the value's: blank."""
    if not (label.aligned and value.aligned and label.row == value.row):
        return False
    return label.cell.col + max(1, label.cell.span) < value.cell.col


def _spec(key: FieldKey) -> FieldSpec:
    return _SPECS[key]


def one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["HeaderReader", "Item", "one_line"]
