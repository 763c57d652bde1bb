"""The 绩效指标 block of a text form: tokens → indicator groups.

The tokeniser (:mod:`jixiao.importers.tokens`) reports labels, annotations, fragments and
rows to :class:`GroupBuilder`, the state machine that assigns rows to groups. Merged-cell
labels come out of a PDF before, between or after their rows: a row printed after a
「无 无」 row, or before any 二级 label, belongs to the next label, and the importer says so
as an import issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from jixiao.importers.base import ImportIssue
from jixiao.importers.labels import (
    COST_LABELS,
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    annotation,
    clean_text,
    join_wrapped,
    normalise_spaces,
)
from jixiao.importers.tokens import Line, strip_prefix, tokenise, uses_2021_tree
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

    def label(self, line: int, token: str) -> None:
        if self.fragments:
            self._flush_fragments()
        if token in LEVEL1_LABELS:
            self.level1 = LEVEL1_LABELS[token]
        elif token in COST_LABELS and self.tree is TreeVariant.V2021:
            self.level1 = Level1.COST
        elif token in COST_LABELS:
            self._open(Level2.COST, line)
        elif token in LEVEL2_LABELS:
            self._open(LEVEL2_LABELS[token], line)
        # column headers and the 绩效指标 label carry no data here

    def fragment(self, line: int, text: str) -> None:
        self.fragments.append((line, text))

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

    def annotation(self, line: int, token: str) -> None:
        requirement = annotation(token)
        current = self.current
        if current is None:
            self.issue(line, f"填报要求“{token}”之前没有二级指标，已忽略")
        elif requirement is not None:
            current.requirement = requirement

    def row(self, line: int, name: str, value: str) -> None:
        at = line
        if self.fragments:
            at = self.fragments[0][0]
            name = join_wrapped([*(text for _, text in self.fragments), name])
            self.fragments.clear()
        elif " " in name:
            name = clean_text(name)
        if not name:
            self.issue(line, f"指标值“{value}”没有对应的三级指标名称，已保留为无名指标")
        self._add(_Row(at, name, value))

    def _add(self, row: _Row) -> None:
        current = self.current
        if current is None or current.closed:
            self.pending.append(row)
            return
        current.rows.append(row)
        if row.value == "无" and strip_prefix(row.name) == "无":
            current.closed = True

    def _flush_fragments(self) -> None:
        """A name left without a value when a label comes: split off an unusual value."""
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

    def finish(self) -> tuple[IndicatorGroup, ...]:
        if self.fragments:
            self._flush_fragments()
        if self.pending:
            self._place_orphans()
        return tuple([self._build(g) for g in self.groups])

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
            indicators=tuple([self._indicator(r) for r in group.rows]),
            location=SourceLocation(self.filename, group.line),
        )

    def _indicator(self, row: _Row) -> Indicator:
        line, name, value = row
        return Indicator(
            strip_prefix(name) if name[:1] in "指:：" else name,
            value,
            parse_value(value),
            SourceLocation(self.filename, line),
        )


def read_indicator_block(
    lines: list[Line], filename: str
) -> tuple[TreeVariant, tuple[IndicatorGroup, ...], list[ImportIssue]]:
    """Read the 绩效指标 block: the tree variant, the groups, the issues met."""
    lines = [(n, t) for n, t in lines if t]
    tree = TreeVariant.V2021 if uses_2021_tree(lines) else TreeVariant.CLASSIC
    builder = GroupBuilder(filename, tree)
    tokenise(lines, builder)
    return tree, builder.finish(), builder.issues


__all__ = ["GroupBuilder", "read_indicator_block"]
