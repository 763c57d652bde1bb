"""The indicator table of a form, read from its cells by the header row's column roles.

The header row (一级指标 | 二级指标 | 三级指标 | 指标值 …, any variant the catalogue knows)
gives every column a role. Data cells are then read in order: a cell the level vocabulary
names is an 一级 or 二级 label and holds for the rows below it (merged cells are printed
once); the first other cell of a row is the 三级 name and the cells after it fill the
columns after 三级指标 in header order. A layout that prints no row boundaries (one cell
per paragraph) is read the same way, a row ending when its last column is filled.

A header with two column groups (中期 | 年度, each 二级 | 三级 | 指标值) keeps the annual
group's value as the 指标值 and the other group's value as ``midterm_value``. Columns
beside the value keep their own fields (指标性质, 度量单位, 绩效标准, 指标解释, 备注, 权重,
and unnamed per-site columns), never glued into it. A table without 一级/二级 columns (a
flat list) gets its levels from the names where a level's name is in them, said as an
import issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.importers.base import ImportIssue
from jixiao.importers.cells import GridCell
from jixiao.importers.columns import (
    BRACKET,
    Column,
    Segment,
    annual_segment,
    header_column,
    infer_level2,
    level_of,
    segments,
)
from jixiao.importers.labels import clean_text
from jixiao.importers.lookup import field_of
from jixiao.model import (
    NOWHERE,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Requirement,
    SourceLocation,
    TreeVariant,
    level1_of,
)
from jixiao.model.catalogue import (
    ColumnRole,
    FieldKey,
    merged_level2,
    split_annotation,
)
from jixiao.values import ValueKind, combine_value, parse_value

_R = ColumnRole
_LEVEL_ROLES = (_R.LEVEL1, _R.LEVEL2)
_V2021 = frozenset({Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST})
#: 「指标1：」 numbering or a stray 「：」 before an indicator name.
_NAME_PREFIX = re.compile(r"^(?:指标\s*\d+\s*[:：]|[:：])\s*")
#: name(value) in a list layout that prints no value column.
_NAME_VALUE = re.compile(r"^(.+?)[（(]([^()（）]+)[)）]$")
#: Extra columns → the Indicator field that keeps them.
_EXTRA_FIELDS = {
    _R.NATURE: "nature",
    _R.UNIT: "unit",
    _R.BASIS: "basis",
    _R.DESCRIPTION: "description",
    _R.REMARK: "remark",
    _R.WEIGHT: "weight",
}


@dataclass(slots=True)
class _Draft:
    level1: Level1
    level2: Level2
    requirement: Requirement | None
    location: SourceLocation
    printed: bool = True
    rows: list[Indicator] = field(default_factory=list)
    closed: bool = False  #: holds a 「无 无」 placeholder row (wrapping text)

    def freeze(self) -> IndicatorGroup:
        return IndicatorGroup(
            self.level1,
            self.level2,
            self.requirement,
            tuple(self.rows),
            self.location,
            levels_printed=self.printed,
        )


@dataclass(slots=True)
class TableReader:
    """Reads the cells after a header row; :meth:`finish` gives the groups."""

    columns: list[Column]
    issues: list[ImportIssue]
    tree: TreeVariant = TreeVariant.CLASSIC
    list_layout: bool = False  #: no header: 【一级-二级】 headings and name(value) lines
    level1: Level1 | None = None
    level2: Level2 | None = None
    requirement: Requirement | None = None
    level_at: SourceLocation = NOWHERE
    label_in_row: bool = False  #: the row's last cell was an 一级 label
    after_level2: bool = False  #: the last cell was a 二级 label
    pending: dict[int, GridCell] = field(default_factory=dict)
    cursor: int = -1
    drafts: list[_Draft] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    #: the cells are lines of PDF-like text: a name wraps over lines with its value on the
    #: last, and a merged 二级 label may print in the middle of its rows
    wrapping: bool = False
    held: bool = False  #: the pending name waits for its value on the next line
    orphans: list[Indicator] = field(default_factory=list)  #: rows after a 「无」 row

    def __post_init__(self) -> None:
        self.segments = segments(self.columns)
        if not self.segments:
            self.columns = [Column(_R.NAME, None, ""), Column(_R.VALUE, None, "")]
            self.segments = segments(self.columns)

    @property
    def flat(self) -> bool:
        """No 一级/二级 columns and no list headings: levels come from the names."""
        return not self.list_layout and not any(c.role in _LEVEL_ROLES for c in self.columns)

    def new_row(self) -> None:
        """A row boundary the layout prints; in wrapping text a name without its value
        yet goes on into the next line."""
        self.label_in_row = False
        self.held = bool(self.pending) and self.wrapping and self._cut_before_value()
        if self.pending and not self.held:
            self._emit()

    def feed(self, cell: GridCell) -> None:
        text = cell.text.strip()
        if not text:
            if self.pending:
                self._put(cell)
            return
        if self.list_layout and self._bracket(text, cell):
            return
        level = level_of(text)
        if level is not None:
            level = self._by_column(level, cell)
        if level is not None and self._names_current(level):
            level = None  # 「服务对象满意度指标 | 满意度 | 90%」: a name, not the level again
        if level is not None and self._later_level2():
            self._put(cell)
            return
        if level is not None or self._is_header(text):
            if self.pending:
                self._emit_held()
            if level is not None:
                self._set_level(level, text, cell.location)
            return
        self.label_in_row = self.after_level2 = False
        if self.held:
            self.held = False
            if parse_value(text).kind is ValueKind.FREE_TEXT:
                self._wrap_name(text)
                return
        if not self.pending:
            self.cursor = self.segments[0].name
        self._put(cell)

    def _wrap_name(self, text: str) -> None:
        """A line going on with the name held from the line before."""
        at = self.segments[0].name
        cell = self.pending[at]
        self.pending[at] = cell._replace(text=cell.text.strip() + text)

    def _emit_held(self) -> None:
        """The pending row before a label; a wrapped name still waiting has no value."""
        if self.held and self.pending:
            name = clean_text(self._text(self.segments[0].name))
            self.issues.append(
                ImportIssue(
                    self.pending[min(self.pending)].location,
                    f"三级指标“{name}”没有指标值，已保留并记为空值",
                )
            )
        self.held = False
        self._emit()

    def _by_column(
        self, level: tuple[Level1 | None, Level2 | None, bool], cell: GridCell
    ) -> tuple[Level1 | None, Level2 | None, bool]:
        """成本指标 in the 二级 column of a grid is the classic 二级, in the 一级 column the
        2021 tree's 一级."""
        if not level[2]:
            return level
        col = {c.role: c.col for c in self.columns if c.col >= 0 and c.role in _LEVEL_ROLES}
        if col.get(_R.LEVEL2) == cell.col:
            return (None, Level2.COST, False)
        if col.get(_R.LEVEL1) == cell.col:
            return (Level1.COST, None, True)
        return level

    def _cost_was_level1(self) -> None:
        """成本指标 right before 经济成本指标 was the 2021 tree's 一级, not a classic 二级."""
        last = self.drafts[-1] if self.drafts else None
        just_read = self.level2 is Level2.COST and self.level1 is not Level1.COST
        if just_read and last is not None and last.level2 is Level2.COST and not last.rows:
            self.drafts.pop()
        self.level1 = Level1.COST

    def _names_current(self, level: tuple[Level1 | None, Level2 | None, bool]) -> bool:
        """Right after a 二级 label, a cell naming that same 二级 is the row's name."""
        return self.after_level2 and level[1] is not None and level[1] is self.level2

    def _is_header(self, text: str) -> bool:
        found = field_of(text)
        return header_column(text) is not None or (
            found is not None and found.key is FieldKey.INDICATORS
        )

    def _later_level2(self) -> bool:
        """The next column to fill is the 二级 of a later column group."""
        return (
            bool(self.pending)
            and self.cursor < len(self.columns)
            and self.columns[self.cursor].role is _R.LEVEL2
            and self.cursor > self.segments[0].name
        )

    def _put(self, cell: GridCell) -> None:
        self.pending[self.cursor] = cell
        self.cursor += 1
        if self.cursor >= len(self.columns):
            self._emit()

    def _bracket(self, text: str, cell: GridCell) -> bool:
        m = BRACKET.match(text)
        if m is None:
            return False
        first, second = level_of(m.group(1)), level_of(m.group(2))
        if first is None or second is None:
            return False
        if self.pending:
            self._emit()
        self._set_level(first, m.group(1), cell.location)
        self.label_in_row = True
        self._set_level(second, m.group(2), cell.location)
        return True

    def _set_level(
        self, level: tuple[Level1 | None, Level2 | None, bool], text: str, where: SourceLocation
    ) -> None:
        level1, level2, cost = level
        if level1 is Level1.COST:
            self.level1, self.level2, self.tree = Level1.COST, None, TreeVariant.V2021
            self.label_in_row, self.after_level2 = True, False
            return
        if level1 is not None and (level2 is None or not self.label_in_row):
            self.level1, self.level2, self.requirement = level1, None, None
            self.label_in_row, self.after_level2 = True, False
            self.level_at = where
            return
        self.label_in_row, self.after_level2 = False, True
        self.requirement = split_annotation(text)[1]
        self.level_at = where
        if level2 is None:
            level2 = merged_level2(text) or Level2.SOCIAL_BENEFIT
            self.issues.append(
                ImportIssue(where, f"二级指标“{text}”合并了多个二级指标，其下指标归入“{level2}”")
            )
        if cost and self.tree is TreeVariant.V2021:
            self.level1, self.level2 = Level1.COST, None
            return
        if level2 in _V2021:
            self.tree = TreeVariant.V2021
            self._cost_was_level1()
        self.level2 = level2
        group = self._group(
            level1_of(level2, self.tree) or self.level1 or Level1.OUTPUT, level2, True, where
        )
        self._adopt_orphans(group, at_end=False)

    # ------------------------------------------------------------ one row

    def _text(self, at: int | None) -> str:
        cell = None if at is None else self.pending.get(at)
        return "" if cell is None else " ".join(cell.text.split())

    def _emit(self) -> None:
        segs = self.segments
        annual = annual_segment(segs)
        order = [annual, *(i for i in range(len(segs)) if i != annual)]
        seg = segs[annual]
        name_cell = self.pending.get(seg.name) or self.pending.get(segs[0].name)
        name = next((self._text(segs[i].name) for i in order if self._text(segs[i].name)), "")
        values = {i: self._value(segs[i]) for i in order}
        value = values[annual]
        where = name_cell.location if name_cell else next(iter(self.pending.values())).location
        if not value and len(segs) > 1 and any(values.values()):
            value = next(v for v in values.values() if v)
            self.issues.append(
                ImportIssue(where, f"指标“{name}”的年度指标值为空，取另一栏组的指标值“{value}”")
            )
        extras = {
            attr: self._text(seg.roles.get(role, segs[0].roles.get(role)))
            for role, attr in _EXTRA_FIELDS.items()
        }
        columns = self._unnamed(seg)
        self.pending = {}
        self.cursor = -1
        if self.list_layout and not value and (m := _NAME_VALUE.match(name)):
            name, value = m.group(1).strip(), m.group(2).strip()
        name = strip_prefix(clean_text(name) if self.wrapping else name)
        if not name and not value and not any(extras.values()):
            return
        midterm = next((values[i] for i in order[1:] if values[i]), "") if len(segs) > 1 else ""
        self._add(name, value, where, midterm, extras, columns)

    def _cut_before_value(self) -> bool:
        seg = self.segments[0]
        value_at = seg.roles.get(_R.VALUE, seg.unnamed[0] if seg.unnamed else seg.name + 1)
        return self.cursor <= value_at

    def _value(self, seg: Segment) -> str:
        if _R.VALUE in seg.roles:
            return self._text(seg.roles[_R.VALUE])
        return self._text(seg.unnamed[0]) if seg.unnamed else ""

    def _unnamed(self, seg: Segment) -> tuple[tuple[str, str], ...]:
        if _R.VALUE in seg.roles and not seg.unnamed:
            return ()
        return tuple((" ".join(self.columns[i].text.split()), self._text(i)) for i in seg.unnamed)

    def _add(
        self,
        name: str,
        value: str,
        where: SourceLocation,
        midterm: str,
        extras: dict[str, str],
        columns: tuple[tuple[str, str], ...],
    ) -> None:
        combined = combine_value(extras["nature"], value, extras["unit"])
        indicator = Indicator(
            name,
            value,
            parse_value(combined if extras["nature"] or extras["unit"] else value),
            where,
            midterm_value=midterm,
            columns=columns,
            **extras,
        )
        level1, level2, printed = self._levels(name, where)
        group = self._group(level1, level2, printed, where)
        if group.closed:
            self.orphans.append(indicator)
            return
        group.rows.append(indicator)
        group.closed = self.wrapping and name == value == "无"

    def _adopt_orphans(self, group: _Draft, at_end: bool) -> None:
        """Rows printed after a 「无」 row belong to the next label (a merged label printed
        in the middle of its rows); at the end of the table, to the last group."""
        if not self.orphans:
            return
        names = "、".join(f"“{i.name}”" for i in self.orphans)
        if at_end:
            message = f"指标{names}之后没有分组标签，归入“{group.level2}”"
        else:
            layout = "按合并单元格标签居中的排版"
            message = f"指标{names}印在「无」行之后，{layout}归入其后的“{group.level2}”"
        self.issues.append(ImportIssue(self.orphans[0].location, message))
        group.rows.extend(self.orphans)
        self.orphans = []

    def _group(
        self, level1: Level1, level2: Level2, printed: bool, where: SourceLocation
    ) -> _Draft:
        """The group rows go to: the last one when its levels are these, else a new one (a
        二级 label printed again at the top of a page opens no second group)."""
        last = self.drafts[-1] if self.drafts else None
        key = (level1, level2, printed, self.requirement if printed else None)
        if last is None or (last.level1, last.level2, last.printed, last.requirement) != key:
            location = self.level_at if printed and self.level_at is not NOWHERE else where
            last = _Draft(level1, level2, key[3], location, printed)
            self.drafts.append(last)
        return last

    def _levels(self, name: str, where: SourceLocation) -> tuple[Level1, Level2, bool]:
        if self.flat:
            level2 = infer_level2(name)
            said = f"按名称归入“{level2}”" if level2 else "按名称无法判断，暂归入“数量指标”"
            self.issues.append(ImportIssue(where, f"原表未印一级/二级指标：“{name}”{said}"))
            level2 = level2 or Level2.QUANTITY
            return level1_of(level2, self.tree) or Level1.OUTPUT, level2, False
        level2 = self.level2
        if level2 is None:
            self.issues.append(ImportIssue(where, f"指标“{name}”前没有二级指标，暂归入“数量指标”"))
            level2 = Level2.QUANTITY
        level1 = level1_of(level2, self.tree) or self.level1 or Level1.OUTPUT
        return level1, level2, True

    def finish(self) -> tuple[tuple[IndicatorGroup, ...], TreeVariant]:
        """The groups read; a last row the text stops inside (before its 指标值) is dropped."""
        if self.pending and self._cut_before_value():
            first = min(self.pending)
            cell = self.pending[first]
            self.issues.append(
                ImportIssue(cell.location, f"表格在“{cell.text.strip()}”处中断，该行不完整，未读取")
            )
            self.pending = {}
        if self.pending:
            self._emit()
        if self.orphans:
            self._adopt_orphans(self.drafts[-1], at_end=True)
        return tuple(d.freeze() for d in self.drafts), self.tree


def strip_prefix(name: str) -> str:
    """Drop a 「指标1：」 numbering or a stray 「：」 before an indicator name."""
    return _NAME_PREFIX.sub("", name).strip() if name[:1] in "指:：" else name


__all__ = ["TableReader", "strip_prefix"]
