"""The render-neutral document: one declaration laid out once as the 附件2 form's grid.

Every renderer (PDF, XLSX, DOCX, HTML) draws the same :class:`FormDocument`: the lines
printed above the table (附件2, the title, （2025年度）), a grid of six columns whose
cells may span rows and columns, and the footnote below. The importers read the same
grid back, so the labels printed here are the labels they look for.

Columns: A 绩效指标 (vertical) · B 一级指标 · C 二级指标 · D–E 三级指标 · F 指标值.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.model import (
    UNDECIDED_MARK,
    Declaration,
    Indicator,
    IndicatorGroup,
    Organisation,
    Verdict,
)
from jixiao.model.catalogue import ColumnRole, FieldKey, spec
from jixiao.model.catalogue import year_line as year_line  # re-exported for renderers

#: Column widths in millimetres; the sum is the A4 text width (210 − 2 × 15).
COLUMN_WIDTHS_MM = (10.0, 22.0, 30.0, 50.0, 28.0, 40.0)
COLUMN_COUNT = len(COLUMN_WIDTHS_MM)

FILLED_BOX = "█"
EMPTY_BOX = "□"
# Every label below is the catalogue's (jixiao.model.catalogue); none is written here.
BLOCK_LABEL = spec(FieldKey.INDICATORS).label
#: 项目资金（万元）, broken before its unit as the form prints it.
FUNDING_LABEL = spec(FieldKey.FUNDING).label.replace("（", "\n（", 1)
GOAL_LABEL = spec(FieldKey.ANNUAL_GOAL).label
LONG_GOAL_LABEL = spec(FieldKey.LONG_TERM_GOAL).label
VERDICT_LABEL = spec(FieldKey.VERDICT).label
#: The money rows of the funding block: label and :class:`Funding` field.
MONEY_ROWS = tuple(
    (spec(key).label, key.value)
    for key in (FieldKey.ANNUAL_TOTAL, FieldKey.FISCAL, FieldKey.OTHER, FieldKey.PROJECT_TOTAL)
)
INDICATOR_HEADERS = tuple(
    r.value for r in (ColumnRole.LEVEL1, ColumnRole.LEVEL2, ColumnRole.NAME, ColumnRole.VALUE)
)
#: The header rows under 项目名称: two fields side by side (keys are Declaration attributes).
HEADER_ROWS = (
    (FieldKey.DEPARTMENT, FieldKey.IMPLEMENTER),
    (FieldKey.ATTRIBUTE, FieldKey.PERIOD),
)


class Role(StrEnum):
    """What a cell holds; renderers choose font, alignment and number format by role."""

    LABEL = "label"  #: a printed label (项目名称, 年度资金总额 …)
    VALUE = "value"  #: a short header value (项目名称, 实施单位 …)
    MONEY = "money"  #: an amount in 万元; ``Cell.money`` holds the exact Decimal
    TEXT = "text"  #: long text in paragraphs (年度总体目标)
    BLOCK = "block"  #: the vertical 绩效指标 label
    HEADER = "header"  #: a column header of the indicator table
    LEVEL1 = "level1"  #: 一级指标, merged over its groups
    LEVEL2 = "level2"  #: 二级指标 with its annotation, merged over its rows
    NAME = "name"  #: 三级指标
    TARGET = "target"  #: 指标值
    VERDICT = "verdict"  #: the 综合评定等级 boxes


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the grid, at its top-left ``row``/``col`` (0-based)."""

    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    money: Decimal | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1


@dataclass(frozen=True, slots=True)
class FormDocument:
    """One form laid out: lines above the table, the grid, the footnote below."""

    attachment: str  #: 附件2, or "" when the form prints none
    title: str
    year_line: str  #: （2025年度）
    cells: tuple[Cell, ...]
    row_count: int
    header_row: int  #: the row of 一级指标/二级指标/三级指标/指标值
    verdict_row: int
    footnote: str
    project_name: str  #: for file names, sheet names and the bundle's contents
    mark: str = ""  #: UNDECIDED_MARK while the form has no 综合评定等级, else ""

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        """The cells starting in each row, row by row, left to right."""
        by_row: list[list[Cell]] = [[] for _ in range(self.row_count)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for cells in by_row:
            yield tuple(sorted(cells, key=lambda c: c.col))


def org_text(org: Organisation) -> str:
    """A name with its code in brackets when it has one: 银川市人民政府办公室（001）."""
    return f"{org.name}（{org.code}）" if org.code else org.name


def money_text(amount: Decimal | None) -> str:
    """An exact amount without exponent: Decimal('1E+1') → '10'; None → ''."""
    return "" if amount is None else format(amount, "f")


def verdict_text(verdict: Verdict | None) -> str:
    """通过 █    退回修改 □    退回，不予纳入财政项目库 □ with the chosen box filled."""
    boxes = (f"{v.value} {FILLED_BOX if v is verdict else EMPTY_BOX}" for v in Verdict)
    return "    ".join(boxes)


def level2_text(group: IndicatorGroup) -> str:
    """数量指标, with （必填量化） on a second line where the form has the annotation."""
    note = f"\n（{group.requirement.value}）" if group.requirement else ""
    return group.level2.value + note


class _Grid:
    """Cells appended row by row."""

    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.row = 0

    def add(self, col: int, text: str, role: Role, colspan: int = 1, rowspan: int = 1) -> None:
        self.cells.append(Cell(self.row, col, text, role, rowspan, colspan))

    def money(self, col: int, amount: Decimal | None, colspan: int) -> None:
        text = money_text(amount)
        self.cells.append(Cell(self.row, col, text, Role.MONEY, 1, colspan, amount))

    def next(self) -> None:
        self.row += 1


def _field_text(decl: Declaration, key: FieldKey) -> str:
    value = getattr(decl, key.value)
    return org_text(value) if isinstance(value, Organisation) else str(value)


def _header(grid: _Grid, decl: Declaration) -> None:
    grid.add(0, spec(FieldKey.PROJECT_NAME).label, Role.LABEL, 2)
    grid.add(2, decl.project_name, Role.VALUE, 4)
    grid.next()
    for left, right in HEADER_ROWS:
        grid.add(0, spec(left).label, Role.LABEL, 2)
        grid.add(2, _field_text(decl, left), Role.VALUE, 2)
        grid.add(4, spec(right).label, Role.LABEL)
        grid.add(5, _field_text(decl, right), Role.VALUE)
        grid.next()
    for label, value in decl.other_fields:
        grid.add(0, label, Role.LABEL, 2)
        grid.add(2, value, Role.VALUE, 4)
        grid.next()


def _funding(grid: _Grid, decl: Declaration) -> None:
    rows = [(label, getattr(decl.funding, key)) for label, key in MONEY_ROWS]
    rows = rows[:3] if decl.funding.project_total is None else rows
    grid.add(0, FUNDING_LABEL, Role.LABEL, 2, len(rows))
    for label, amount in rows:
        grid.add(2, label, Role.LABEL)
        grid.money(3, amount, 3)
        grid.next()


def _goals(grid: _Grid, decl: Declaration) -> None:
    goals = [(GOAL_LABEL, decl.annual_goal)]
    if decl.long_term_goal:
        goals.append((LONG_GOAL_LABEL, decl.long_term_goal))
    for label, text in goals:
        grid.add(0, label, Role.LABEL, 2)
        grid.add(2, text, Role.TEXT, 4)
        grid.next()


def _group_rows(group: IndicatorGroup, blank_rows: int) -> Sequence[Indicator | None]:
    return group.indicators or [None] * blank_rows


def _level1_runs(groups: Sequence[IndicatorGroup]) -> list[list[IndicatorGroup]]:
    runs: list[list[IndicatorGroup]] = []
    for group in groups:
        if runs and runs[-1][-1].level1 is group.level1:
            runs[-1].append(group)
        else:
            runs.append([group])
    return runs


def _indicators(grid: _Grid, decl: Declaration, blank_rows: int) -> None:
    total = sum(len(_group_rows(g, blank_rows)) for g in decl.groups)
    grid.add(0, BLOCK_LABEL, Role.BLOCK, 1, total + 1)
    for col, text in zip((1, 2, 3, 5), INDICATOR_HEADERS, strict=True):
        grid.add(col, text, Role.HEADER, 2 if col == 3 else 1)
    grid.next()
    for run in _level1_runs(decl.groups):
        span = sum(len(_group_rows(g, blank_rows)) for g in run)
        grid.add(1, run[0].level1.value, Role.LEVEL1, 1, span)
        for group in run:
            rows = _group_rows(group, blank_rows)
            grid.add(2, level2_text(group), Role.LEVEL2, 1, len(rows))
            for indicator in rows:
                grid.add(3, indicator.name if indicator else "", Role.NAME, 2)
                grid.add(5, indicator.display_value if indicator else "", Role.TARGET)
                grid.next()


def build_document(decl: Declaration, blank_rows: int = 1) -> FormDocument:
    """Lay out one declaration; an empty group gets ``blank_rows`` rows to fill in."""
    grid = _Grid()
    _header(grid, decl)
    _funding(grid, decl)
    _goals(grid, decl)
    header_row = grid.row
    _indicators(grid, decl, max(1, blank_rows))
    verdict_row = grid.row
    grid.add(0, VERDICT_LABEL, Role.LABEL, 3)
    grid.add(3, verdict_text(decl.verdict), Role.VERDICT, 3)
    grid.next()
    return FormDocument(
        attachment=decl.attachment,
        title=decl.title,
        year_line=year_line(decl.year),
        cells=tuple(grid.cells),
        row_count=grid.row,
        header_row=header_row,
        verdict_row=verdict_row,
        footnote=decl.footnote,
        project_name=decl.project_name,
        mark=UNDECIDED_MARK if decl.verdict is None else "",
    )
