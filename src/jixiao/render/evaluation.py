"""The render-neutral 项目支出绩效自评表: one self-evaluation laid out once as a grid.

Three profiles (:class:`~jixiao.evaluation.model.Layout`) share the blocks and differ in the
indicator columns and the money headers (all from the form catalogue,
:mod:`jixiao.model.catalogue_evaluation`):

- 全国 (财预〔2020〕10号): … 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因分析及改进措施
- 四川: … 指标性质 · 指标值 · 度量单位 · 完成值 · 权重 · 得分 · 未完成原因分析
- 安徽: … 指标值 · 实际完成值 · 分值 · 得分 · 备注（偏差原因）

PDF, XLSX and DOCX draw the same :class:`EvaluationDocument`; :mod:`jixiao.evaluation.grid`
reads the grid back. With a score the 得分 cells show the recomputed points; without one
(the offline form) they show what the unit entered, and ``inputs`` names the cells it fills.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.evaluation.formulas import num
from jixiao.evaluation.model import Budget, EvaluationRow, Layout, SelfEvaluation
from jixiao.evaluation.scoring import EvaluationScore
from jixiao.model.catalogue_evaluation import (
    ANHUI_LABELS,
    NATIONAL_LABELS,
    SICHUAN_LABELS,
    EvaluationText,
    evaluation_spec,
)
from jixiao.model.catalogue_evaluation import EvaluationField as E
from jixiao.render.document import Cell, Role, money_text, org_text
from jixiao.values import IndicatorValue, Operator, ValueKind, parse_value
from jixiao.values.combine import combine_value


def _label(key: E) -> str:
    return evaluation_spec(key).label


@dataclass(frozen=True, slots=True)
class Profile:
    """One layout: its indicator column headers and widths, and its money headers."""

    layout: Layout
    columns: tuple[str, ...]
    widths_mm: tuple[float, ...]
    money: tuple[str, ...]
    goal: tuple[str, str]

    @property
    def count(self) -> int:
        return len(self.columns)


PROFILES = {
    Layout.NATIONAL: Profile(
        Layout.NATIONAL,
        NATIONAL_LABELS.headers,
        (24, 28, 62, 32, 32, 18, 18, 53),
        NATIONAL_LABELS.money,
        NATIONAL_LABELS.goal,
    ),
    Layout.SICHUAN: Profile(
        Layout.SICHUAN,
        SICHUAN_LABELS.headers,
        (22, 26, 52, 16, 24, 18, 24, 16, 16, 53),
        SICHUAN_LABELS.money,
        SICHUAN_LABELS.goal,
    ),
    Layout.ANHUI: Profile(
        Layout.ANHUI,
        ANHUI_LABELS.headers,
        (24, 28, 62, 32, 32, 18, 18, 53),
        ANHUI_LABELS.money,
        ANHUI_LABELS.goal,
    ),
}


@dataclass(frozen=True, slots=True)
class EvaluationDocument:
    """One 自评表 laid out: title lines and the grid."""

    profile: Profile
    title: str
    year_line: str
    cells: tuple[Cell, ...]
    row_count: int
    header_row: int  #: the indicator table's header row
    project_name: str
    inputs: frozenset[tuple[int, int]] = frozenset()  #: (row, col) of the cells a unit fills

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        by_row: list[list[Cell]] = [[] for _ in range(self.row_count)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for cells in by_row:
            yield tuple(sorted(cells, key=lambda c: c.col))


class _Grid:
    def __init__(self, width: int) -> None:
        self.width = width
        self.cells: list[Cell] = []
        self.inputs: set[tuple[int, int]] = set()
        self.row = 0

    def add(
        self, col: int, text: str, role: Role, span: int = 1, rows: int = 1, entry: bool = False
    ) -> None:
        self.cells.append(Cell(self.row, col, text, role, rows, span))
        if entry:
            self.inputs.add((self.row, col))

    def spread(self, items: Sequence[tuple[str, Role, bool]], start: int = 2) -> None:
        """Items one column each from ``start``, the last one taking the rest of the row."""
        for i, (text, role, entry) in enumerate(items):
            last = i == len(items) - 1
            span = self.width - start - i if last else 1
            self.add(start + i, text, role, span, entry=entry)

    def labelled(self, label: str, text: str, role: Role = Role.TEXT, entry: bool = False) -> None:
        self.add(0, label, Role.LABEL, 2)
        self.add(2, text, role, self.width - 2, entry=entry)
        self.next()

    def next(self) -> None:
        self.row += 1


def split_target(value: IndicatorValue, text: str) -> tuple[str, str, str]:
    """指标性质, 指标值, 度量单位 of a 年度指标值 (Sichuan prints them apart).

    Split only where :func:`~jixiao.values.combine.combine_value` gives the same value back;
    other values (bare numbers, dates, ranges, text) keep their text whole in 指标值.
    """
    if value.kind is ValueKind.QUANTITATIVE and value.number is not None and value.operator:
        scale = value.scale.value if value.scale else ""
        parts = (value.operator.value, num(value.number), scale + value.unit)
        if value.operator is not Operator.RANGE and parse_value(combine_value(*parts)) == value:
            return parts
    if value.kind is not ValueKind.QUANTITATIVE:
        return EvaluationText.QUALITATIVE_NATURE.value, text, ""
    return "", text, ""


def _points(value: Decimal | None) -> str:
    return "" if value is None else num(value)


def _header(grid: _Grid, ev: SelfEvaluation) -> None:
    grid.labelled(_label(E.PROJECT_NAME), ev.project_name, Role.VALUE)
    half = (grid.width - 2) // 2
    grid.add(0, _label(E.DEPARTMENT), Role.LABEL, 2)
    grid.add(2, org_text(ev.department), Role.VALUE, half - 1)
    grid.add(1 + half, _label(E.IMPLEMENTER), Role.LABEL, 1)
    grid.add(2 + half, org_text(ev.implementer), Role.VALUE, grid.width - 2 - half)
    grid.next()


def _money(
    grid: _Grid, ev: SelfEvaluation, profile: Profile, score: EvaluationScore | None
) -> None:
    b: Budget = ev.budget
    grid.add(0, _label(E.MONEY_BLOCK), Role.LABEL, 2, 2)
    grid.spread([(h, Role.HEADER, False) for h in profile.money])
    grid.next()
    points = score.budget.score if score else b.printed_score
    values = [
        (money_text(b.initial), Role.MONEY, False),
        (money_text(b.annual), Role.MONEY, False),
        (money_text(b.executed), Role.MONEY, True),
    ]
    tail = [(b.rate_text, Role.TARGET, True)]
    weight = [(num(b.weight), Role.TARGET, False), (_points(points), Role.TARGET, True)]
    if profile.layout is Layout.SICHUAN:
        values += [*tail, *weight, (b.reason, Role.TEXT, True)]
    else:
        values += [*weight[:1], *tail, *weight[1:]]
    grid.spread(values)
    grid.next()
    if profile.layout is not Layout.SICHUAN:
        grid.labelled(_label(E.REASON), b.reason, entry=True)


def _goal(grid: _Grid, ev: SelfEvaluation, profile: Profile) -> None:
    half = (grid.width - 2) // 2
    grid.add(0, _label(E.GOAL_BLOCK), Role.LABEL, 2, 2)
    grid.add(2, profile.goal[0], Role.HEADER, half)
    grid.add(2 + half, profile.goal[1], Role.HEADER, grid.width - 2 - half)
    grid.next()
    grid.add(2, ev.goal, Role.TEXT, half)
    grid.add(2 + half, ev.goal_actual, Role.TEXT, grid.width - 2 - half, entry=True)
    grid.next()


def _runs(rows: Sequence[EvaluationRow], key: str) -> dict[int, int]:
    starts: dict[int, int] = {}
    last: object = None
    first = 0
    for n, row in enumerate(rows):
        value = (row.level1, row.level2) if key == "level2" else row.level1
        if n == 0 or value != last:
            first = n
            starts[n] = 1
        else:
            starts[first] += 1
        last = value
    return starts


def _row_cells(row: EvaluationRow, profile: Profile, points: str) -> list[tuple[str, Role, bool]]:
    weight = _points(row.weight)
    tail = [
        (row.actual_text, Role.TARGET, True),
        (weight, Role.TARGET, True),
        (points, Role.TARGET, True),
        (row.deviation, Role.VALUE, True),
    ]
    if profile.layout is Layout.SICHUAN:
        nature, value, unit = split_target(row.target, row.target_text)
        head = [
            (nature, Role.TARGET, False),
            (value, Role.TARGET, False),
            (unit, Role.TARGET, False),
        ]
    else:
        head = [(row.target_text, Role.TARGET, False)]
    return [(row.name, Role.NAME, False), *head, *tail]


def _indicators(
    grid: _Grid, ev: SelfEvaluation, profile: Profile, score: EvaluationScore | None
) -> int:
    header_row = grid.row
    for col, head in enumerate(profile.columns):
        grid.add(col, head, Role.HEADER)
    grid.next()
    level1, level2 = _runs(ev.rows, "level1"), _runs(ev.rows, "level2")
    for n, row in enumerate(ev.rows):
        if n in level1:
            grid.add(0, row.level1.value, Role.LEVEL1, 1, level1[n])
        if n in level2:
            grid.add(1, row.level2.value, Role.LEVEL2, 1, level2[n])
        points = _points(score.rows[n].score) if score else _points(row.printed_score)
        for col, (text, role, entry) in enumerate(_row_cells(row, profile, points), 2):
            grid.add(col, text, role, entry=entry)
        grid.next()
    return header_row


def _closing(
    grid: _Grid, ev: SelfEvaluation, profile: Profile, score: EvaluationScore | None
) -> None:
    weight_col = profile.count - 3
    total = score.total if score else ev.printed_total
    weights = ev.budget.weight + sum((r.weight or Decimal(0) for r in ev.rows), Decimal(0))
    grid.add(0, _label(E.TOTAL), Role.LABEL, weight_col)
    grid.add(weight_col, num(weights), Role.TARGET)
    grid.add(weight_col + 1, _points(total), Role.TARGET, entry=True)
    grid.add(weight_col + 2, "", Role.VALUE)
    grid.next()
    grade = score.grade.value if score else (ev.printed_grade.value if ev.printed_grade else "")
    grid.labelled(_label(E.GRADE), grade, Role.VALUE, entry=True)
    for label, text in (
        (_label(E.CONCLUSION), ev.conclusion),
        (_label(E.PROBLEMS), ev.problems),
        (_label(E.MEASURES), ev.measures),
    ):
        grid.labelled(label, text, entry=True)


def year_line(year: int | None) -> str:
    return f"（{year}年度）" if year is not None else "（　　　　年度）"


def build_evaluation_document(
    ev: SelfEvaluation, layout: Layout = Layout.NATIONAL, score: EvaluationScore | None = None
) -> EvaluationDocument:
    """Lay out one self-evaluation in ``layout``; ``score`` prints the recomputed points."""
    profile = PROFILES.get(layout, PROFILES[Layout.NATIONAL])
    grid = _Grid(profile.count)
    _header(grid, ev)
    _money(grid, ev, profile, score)
    _goal(grid, ev, profile)
    header_row = _indicators(grid, ev, profile, score)
    _closing(grid, ev, profile, score)
    return EvaluationDocument(
        profile=profile,
        title=ev.title or EvaluationText.TITLE.value,
        year_line=year_line(ev.year),
        cells=tuple(grid.cells),
        row_count=grid.row,
        header_row=header_row,
        project_name=ev.project_name,
        inputs=frozenset(grid.inputs),
    )


__all__ = ["PROFILES", "EvaluationDocument", "Profile", "build_evaluation_document", "split_target"]
