"""The 绩效指标 block of a text form: items → indicator groups.

The block is first tokenised (:mod:`jixiao.importers.tokens`); one state machine then
assigns rows to groups. Merged-cell labels come out of a PDF before, between or after
their rows: a row printed after a 「无 无」 row, or before any 二级 label, belongs to the
next label, and the importer says so as an import issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from jixiao.importers.base import ImportIssue
from jixiao.importers.labels import (
    COST_LABELS,
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    V2021_LEVEL2,
    annotation,
    clean_text,
    join_wrapped,
    normalise_spaces,
)
from jixiao.importers.tokens import (
    FRAGMENT,
    LABEL,
    ROW,
    VALUE,
    Item,
    Kind,
    Line,
    strip_prefix,
    tokenise,
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
from jixiao.values import parse_value

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
        if kind is ROW or kind is VALUE:
            self._row(item)
        elif kind is FRAGMENT:
            self.fragments.append((item.line, item.text))
        elif kind is LABEL:
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


__all__ = ["read_indicator_block"]
