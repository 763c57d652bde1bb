"""The indicator table's vocabulary as the importers read it: column headers, level
labels, and the column groups (中期 | 年度) of a header row.

A header cell names a column role (:func:`header_column`, from the catalogue's column
roles); a cell naming a level gives (一级, 二级, is cost) (:func:`level_of`; merged labels
such as 社会、经济、生态效益指标 name none). Both are answered once per text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.model import Level1, Level2
from jixiao.model.catalogue import (
    ColumnGroup,
    ColumnHeader,
    ColumnRole,
    column_role,
    is_cost_label,
    is_merged_level,
    level1_for_label,
    level2_for_label,
)
from jixiao.model.catalogue_levels import LEVEL2_STEMS

_R = ColumnRole
#: 【产出指标-数量指标】: a list layout's heading naming both levels.
BRACKET = re.compile(r"^[【\[]\s*(.+?)\s*[-—－–]\s*(.+?)\s*[】\]]$")


@dataclass(frozen=True, slots=True)
class Column:
    """One header cell: its role (None for an unnamed column such as a village) and text."""

    role: ColumnRole | None
    group: ColumnGroup | None
    text: str
    col: int = -1  #: the grid column, where the format has real columns (XLSX, DOCX, PDF)


@lru_cache(maxsize=8192)
def header_column(text: str) -> Column | None:
    """The column a header cell names, or None when ``text`` is no column header."""
    found: ColumnHeader | None = column_role(text)
    return None if found is None else Column(found.role, found.group, text)


@lru_cache(maxsize=8192)
def level_of(text: str) -> tuple[Level1 | None, Level2 | None, bool] | None:
    """(一级, 二级, is cost) a level label names; None when ``text`` is no level label.

    A merged label (社会、经济、生态效益指标) names no single level: (None, None, False).
    """
    if len(text) > 40:
        return None
    level1, level2 = level1_for_label(text), level2_for_label(text)
    if level1 or level2:
        return level1, level2, False
    if is_cost_label(text):
        return None, Level2.COST, True
    if is_merged_level(text):
        return None, None, False
    return None


@dataclass(slots=True)
class Segment:
    """One column group of the header: its columns' positions by role."""

    start: int
    name: int
    roles: dict[ColumnRole, int]
    group: ColumnGroup | None
    unnamed: list[int]


def segments(columns: list[Column]) -> list[Segment]:
    names = [i for i, c in enumerate(columns) if c.role is _R.NAME]
    if not names:
        return []
    segments: list[Segment] = []
    for n, at in enumerate(names):
        start = at - 1 if at and columns[at - 1].role is _R.LEVEL2 and n else at
        end = names[n + 1] - 1 if n + 1 < len(names) else len(columns)
        if n + 1 < len(names) and columns[names[n + 1] - 1].role is not _R.LEVEL2:
            end = names[n + 1]
        roles: dict[ColumnRole, int] = {}
        unnamed: list[int] = []
        group = None
        for i in range(at + 1, end):
            role = columns[i].role
            if role is None:
                unnamed.append(i)
            else:
                roles.setdefault(role, i)
            group = group or columns[i].group
        segments.append(Segment(start, at, roles, group, unnamed))
    return segments


def annual_segment(segments: list[Segment]) -> int:
    """The segment holding the year's target: named 年度, else the last of several
    (the templates print 中期 left of 年度)."""
    for i, seg in enumerate(segments):
        if seg.group is ColumnGroup.ANNUAL:
            return i
    return len(segments) - 1


def is_list_heading(text: str) -> bool:
    """【产出指标-数量指标】: a list layout's heading naming an 一级 and a 二级."""
    m = BRACKET.match(text)
    return m is not None and level_of(m.group(1)) is not None and level_of(m.group(2)) is not None


#: Level stems longest first, so 服务对象满意度 wins over 满意度.
_STEMS = sorted(LEVEL2_STEMS.items(), key=lambda kv: -len(kv[0]))


def infer_level2(name: str) -> Level2 | None:
    """The 二级 whose name (数量, 质量, 时效, 成本, 满意度 …) the indicator's name holds.

    >>> infer_level2("本土人才满意度")
    <Level2.SERVICE_SATISFACTION: '服务对象满意度指标'>
    >>> infer_level2("发放人数") is None
    True
    """
    for stem, level2 in _STEMS:
        if len(stem) > 1 and stem in name:
            return level2
    return Level2.COST if "成本" in name else None


__all__ = [
    "BRACKET",
    "Column",
    "Segment",
    "annual_segment",
    "header_column",
    "infer_level2",
    "is_list_heading",
    "level_of",
    "segments",
]
