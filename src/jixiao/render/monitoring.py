"""The render-neutral 项目支出绩效目标执行监控表: one report laid out once as a grid.

Like :mod:`jixiao.render.document` for the 申报表, every renderer (PDF, XLSX, DOCX) draws
the same :class:`MonitoringDocument` and the readers (:mod:`jixiao.monitoring.reader`) read
the same grid back. The table is landscape, twelve columns:

A 一级指标 · B 二级指标 · C 三级指标 · D 年度指标值 · E 1–m月实际完成值 · F 全年预计完成值 ·
G 偏差原因 · H 偏差原因说明 · I 完成目标可能性 · J 纠偏措施 · K 备注 · L 预警.

With lights (a filled report) the light column, the 项目预警 row and the 预警说明 block are
printed; an offline template (``lights=None``) leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.catalogue_monitoring import (
    MoneyColumn,
    MonitoringColumn,
    MonitoringField,
    MonitoringText,
    monitoring_spec,
    monitoring_year_line,
)
from jixiao.monitoring.lights import ReportLights, num
from jixiao.monitoring.model import BudgetLine, MonitoringReport, MonitoringRow
from jixiao.monitoring.vocab import Light
from jixiao.render.document import Cell, Role, money_text, org_text

#: Column widths in millimetres; the sum is the landscape A4 text width (297 − 2 × 15).
COLUMN_WIDTHS_MM = (18.0, 20.0, 36.0, 20.0, 22.0, 20.0, 30.0, 26.0, 18.0, 28.0, 15.0, 14.0)
COLUMN_COUNT = len(COLUMN_WIDTHS_MM)
CAUSE_SEPARATOR = "、"
ENTRY_FROM = 4  #: columns from E (1–m月实际完成值) to K (备注) are the unit's entries


def _label(key: MonitoringField, period: str = "") -> str:
    return monitoring_spec(key).printed(period)


@dataclass(frozen=True, slots=True)
class MonitoringDocument:
    """One 监控表 laid out: title lines, the grid and the footnote."""

    title: str
    year_line: str
    cells: tuple[Cell, ...]
    row_count: int
    header_row: int  #: the indicator table's header row
    table_end: int  #: the first row after the last indicator row
    project_name: str
    footnote: str = MonitoringText.FOOTNOTE.value
    lights: Mapping[tuple[int, int], Light] = field(default_factory=dict)  #: (row, col) → light
    inputs: frozenset[tuple[int, int]] = frozenset()  #: (row, col) of the cells a unit fills

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        """The cells starting in each row, row by row, left to right."""
        by_row: list[list[Cell]] = [[] for _ in range(self.row_count)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for cells in by_row:
            yield tuple(sorted(cells, key=lambda c: c.col))


class _Grid:
    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.lights: dict[tuple[int, int], Light] = {}
        self.inputs: set[tuple[int, int]] = set()
        self.row = 0

    def add(
        self, col: int, text: str, role: Role, span: int = 1, rows: int = 1, entry: bool = False
    ) -> None:
        self.cells.append(Cell(self.row, col, text, role, rows, span))
        if entry:
            self.inputs.add((self.row, col))

    def money(self, col: int, amount: Decimal | None, span: int, entry: bool = False) -> None:
        self.cells.append(Cell(self.row, col, money_text(amount), Role.MONEY, 1, span, amount))
        if entry:
            self.inputs.add((self.row, col))

    def light(self, col: int, light: Light, span: int = 1) -> None:
        self.lights[(self.row, col)] = light
        self.add(col, light.value, Role.TARGET, span)

    def next(self) -> None:
        self.row += 1


def _pair(grid: _Grid, left: str, left_value: str, right: str, right_value: str) -> None:
    grid.add(0, left, Role.LABEL, 2)
    grid.add(2, left_value, Role.VALUE, 4)
    grid.add(6, right, Role.LABEL, 2)
    grid.add(8, right_value, Role.VALUE, 4)
    grid.next()


def _header(grid: _Grid, report: MonitoringReport) -> None:
    _pair(
        grid,
        _label(MonitoringField.PROJECT),
        report.project_name,
        _label(MonitoringField.REFERENCE),
        report.declaration_ref,
    )
    dept, impl = org_text(report.department), org_text(report.implementer)
    _pair(grid, _label(MonitoringField.DEPARTMENT), dept, _label(MonitoringField.IMPLEMENTER), impl)


def _rate(value: Decimal | None) -> str:
    return "" if value is None else num(value)


def _money(grid: _Grid, report: MonitoringReport, lights: ReportLights | None) -> None:
    period = report.period
    heads = [
        (3, MoneyColumn.BUDGET, 2),
        (5, MoneyColumn.EXECUTED, 2),
        (7, MoneyColumn.RATE, 1),
    ]
    heads += [(8, MoneyColumn.FORECAST, 2), (10, MoneyColumn.PROGRESS, 1)]
    heads += [(11, MoneyColumn.LIGHT, 1)]
    grid.add(0, _label(MonitoringField.MONEY_BLOCK), Role.LABEL, 3)
    for col, head, span in heads:
        grid.add(col, head.header(period), Role.HEADER, span)
    grid.next()
    for n, line in enumerate(report.budget):
        _money_row(grid, report, line, lights.budget.light if lights and n == 0 else None)
    grid.add(0, _label(MonitoringField.BUDGET_CAUSE), Role.LABEL, 3)
    grid.add(3, report.budget_cause, Role.TEXT, 9, entry=True)
    grid.next()


def _money_row(
    grid: _Grid, report: MonitoringReport, line: BudgetLine, light: Light | None
) -> None:
    grid.add(0, line.source.value, Role.LABEL, 3)
    grid.money(3, line.budget, 2)
    grid.money(5, line.executed, 2, entry=True)
    grid.add(7, _rate(line.execution_rate), Role.TARGET)
    grid.money(8, line.forecast, 2, entry=True)
    grid.add(10, num(report.time_progress), Role.TARGET)
    _light_cell(grid, light)
    grid.next()


def _light_cell(grid: _Grid, light: Light | None) -> None:
    """The light column: the light, or an empty cell (template, or a money row below the total)."""
    if light is not None:
        grid.light(11, light)
    else:
        grid.add(11, "", Role.VALUE)


def _goal(grid: _Grid, report: MonitoringReport) -> None:
    grid.add(0, _label(MonitoringField.GOAL_BLOCK), Role.LABEL, 3, 2)
    grid.add(3, _label(MonitoringField.GOAL_PLANNED), Role.HEADER, 4)
    grid.add(7, _label(MonitoringField.GOAL_ACTUAL, report.period), Role.HEADER, 5)
    grid.next()
    grid.add(3, report.annual_goal, Role.TEXT, 4)
    grid.add(7, report.goal_progress, Role.TEXT, 5, entry=True)
    grid.next()


def _runs(rows: tuple[MonitoringRow, ...], key: str) -> list[int]:
    """Lengths of runs of equal ``key`` (level1 or level2 + level1) in order."""
    runs: list[int] = []
    last: object = None
    for row in rows:
        value = (row.level1, row.level2) if key == "level2" else row.level1
        if runs and value == last:
            runs[-1] += 1
        else:
            runs.append(1)
        last = value
    return runs


def _row_cells(row: MonitoringRow) -> list[tuple[str, Role]]:
    causes = CAUSE_SEPARATOR.join(c.value for c in row.causes)
    likelihood = row.likelihood.value if row.likelihood else ""
    return [
        (row.name, Role.NAME),
        (row.target_text, Role.TARGET),
        (row.actual_text, Role.TARGET),
        (row.forecast_text, Role.TARGET),
        (causes, Role.VALUE),
        (row.cause_text, Role.VALUE),
        (likelihood, Role.TARGET),
        (row.measures, Role.VALUE),
        (row.remark, Role.VALUE),
    ]


def _indicators(grid: _Grid, report: MonitoringReport, lights: ReportLights | None) -> int:
    header_row = grid.row
    for col, column in enumerate(MonitoringColumn):
        grid.add(col, column.header(report.period), Role.HEADER)
    grid.next()
    level1_starts = _starts(_runs(report.rows, "level1"))
    level2_starts = _starts(_runs(report.rows, "level2"))
    for n, row in enumerate(report.rows):
        if n in level1_starts:
            grid.add(0, row.level1.value, Role.LEVEL1, 1, level1_starts[n])
        if n in level2_starts:
            grid.add(1, row.level2.value, Role.LEVEL2, 1, level2_starts[n])
        for col, (text, role) in enumerate(_row_cells(row), 2):
            grid.add(col, text, role, entry=col >= ENTRY_FROM)
        _light_cell(grid, lights.rows[n].light if lights else None)
        grid.next()
    return header_row


def _starts(runs: list[int]) -> dict[int, int]:
    starts, at = {}, 0
    for length in runs:
        starts[at] = length
        at += length
    return starts


def _lights(grid: _Grid, report: MonitoringReport, lights: ReportLights) -> None:
    parts = (lights.overall.value, lights.target.value, lights.budget.light.value)
    summary = "{}（指标：{}；预算执行：{}）".format(*parts)
    grid.add(0, _label(MonitoringField.PROJECT_LIGHT), Role.LABEL, 3)
    grid.lights[(grid.row, 3)] = lights.overall
    grid.add(3, summary, Role.VALUE, 9)
    grid.next()
    notes = [f"预算执行：{lights.budget.explanation}"]
    notes += [
        f"{r.name}：{lit.explanation}" for r, lit in zip(report.rows, lights.rows, strict=True)
    ]
    grid.add(0, _label(MonitoringField.EXPLANATIONS), Role.LABEL, 3)
    grid.add(3, "\n".join(notes), Role.TEXT, 9)
    grid.next()


def build_monitoring_document(
    report: MonitoringReport, lights: ReportLights | None = None
) -> MonitoringDocument:
    """Lay out one report; ``lights`` (from :func:`report_lights`) adds the warning lights."""
    grid = _Grid()
    _header(grid, report)
    _money(grid, report, lights)
    _goal(grid, report)
    header_row = _indicators(grid, report, lights)
    table_end = grid.row
    if lights:
        _lights(grid, report, lights)
    return MonitoringDocument(
        title=MonitoringText.TITLE.value,
        year_line=monitoring_year_line(report.year, report.period),
        cells=tuple(grid.cells),
        row_count=grid.row,
        header_row=header_row,
        table_end=table_end,
        project_name=report.project_name,
        lights=grid.lights,
        inputs=frozenset(grid.inputs),
    )


__all__ = ["COLUMN_COUNT", "COLUMN_WIDTHS_MM", "MonitoringDocument", "build_monitoring_document"]
