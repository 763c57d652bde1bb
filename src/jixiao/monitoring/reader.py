"""Read our 监控表 back from rows of cells (XLSX, DOCX, PDF through the importers' readers).

The importers turn each format into :class:`~jixiao.importers.grid.GridRow` rows (cells with
their column and span, merged cells once). This assembler finds the blocks by their labels
(the form catalogue, :mod:`jixiao.model.catalogue_monitoring`), the indicator columns by the
header row, carries merged 一级/二级 labels down, and reads every entry through
:mod:`jixiao.monitoring.entry`, so a filled template with a wrong unit fails with the cell
named.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.importers.grid import GridCell, GridRow
from jixiao.model import Level1, Level2, Organisation, SourceLocation
from jixiao.model.catalogue import is_cost_label, level1_for_label, level2_for_label
from jixiao.model.catalogue_monitoring import (
    MoneyColumn,
    MonitoringColumn,
    MonitoringField,
    MonitoringText,
    monitoring_column,
    monitoring_field,
)
from jixiao.model.catalogue_text import label_key
from jixiao.monitoring.build import FORECAST_LABEL, actual_label
from jixiao.monitoring.entry import (
    MonitoringInputError,
    read_causes,
    read_likelihood,
    read_value,
)
from jixiao.monitoring.model import BudgetLine, FundSource, MonitoringReport, MonitoringRow
from jixiao.values import parse_value
from jixiao.values.money import MoneyError, parse_amount

_YEAR_LINE = re.compile(r"[（(]\s*(\d{4})?\s*年度\s*1(?:\s*[–\-~至]\s*(\d{1,2}))?\s*月\s*[)）]")
_PERIOD = re.compile(r"1(?:[–\-~至]\d{1,2})?月")
_ORG = re.compile(r"^(.*?)[（(]([0-9A-Za-z\-]+)[)）]$")
_CAUSES = re.compile(r"[、,，;；\s]+")
_F = MonitoringField
_FUNDS = {
    _F.FUND_TOTAL: FundSource.TOTAL,
    _F.FUND_FISCAL: FundSource.FISCAL,
    _F.FUND_OTHER: FundSource.OTHER,
}
_STOP = {_F.PROJECT_LIGHT, _F.EXPLANATIONS}
_TITLE_KEY = label_key(MonitoringText.TITLE)
_LEVEL1 = {m.value: m for m in Level1}
_LEVEL2 = {m.value: m for m in Level2}
_FIELD_KEYS = {_F.PROJECT, _F.REFERENCE, _F.DEPARTMENT, _F.IMPLEMENTER, _F.BUDGET_CAUSE}


@dataclass(slots=True)
class _Form:
    filename: str
    fields: dict[MonitoringField, str] = field(default_factory=dict)
    year: int | None = None
    month: int = 6
    budget: list[BudgetLine] = field(default_factory=list)
    money_cols: dict[int, MoneyColumn] = field(default_factory=dict)
    columns: dict[int, MonitoringColumn] = field(default_factory=dict)
    rows: list[MonitoringRow] = field(default_factory=list)
    goal_cols: list[int] = field(default_factory=list)
    level1: Level1 = Level1.OUTPUT
    level2: Level2 = Level2.QUANTITY
    state: str = "header"


def split_forms(rows: Sequence[GridRow]) -> list[list[GridRow]]:
    """Rows per form: each form starts at a row holding the title."""
    forms: list[list[GridRow]] = []
    for row in rows:
        if any(label_key(c.text) == _TITLE_KEY for c in row.cells):
            forms.append([])
        elif forms:
            forms[-1].append(row)
    return forms


def read_monitoring_rows(rows: Sequence[GridRow], filename: str) -> list[MonitoringReport]:
    """Every 监控表 in ``rows``; raises :class:`MonitoringInputError` naming the cell."""
    return [_read_form(form, filename) for form in split_forms(rows)]


def _read_form(rows: list[GridRow], filename: str) -> MonitoringReport:
    form = _Form(filename)
    for row in rows:
        if row.boundary or not row.cells:
            continue
        _read_row(form, row)
    return _report(form)


def _read_row(form: _Form, row: GridRow) -> None:
    found = monitoring_field(row.cells[0].text)
    first = found.key if found else None
    m = _YEAR_LINE.search(row.cells[0].text)
    if form.state == "header" and m and len(row.cells) == 1:
        form.year = int(m[1]) if m[1] else None
        form.month = int(m[2] or 1)
    elif first in _STOP or row.cells[0].text.startswith("注"):
        form.state = "done"
    elif form.state == "indicators":
        _indicator(form, row)
    elif first is _F.MONEY_BLOCK:
        form.money_cols = {c.col: h for c in row.cells[1:] if (h := _money_header(c.text))}
    elif first in _FUNDS:
        form.budget.append(_budget_line(form, row, _FUNDS[first]))
    elif first is _F.GOAL_BLOCK:
        form.state = "goal"
        form.goal_cols = [c.col for c in row.cells[1:]]
    elif form.state == "goal" and len(form.fields) and not _header_columns(row):
        _goal(form, row)
    elif len(cols := _header_columns(row)) >= 6:
        form.columns, form.state = cols, "indicators"
    else:
        _fields(form, row)


def _fields(form: _Form, row: GridRow) -> None:
    for label, value in itertools.pairwise(row.cells):
        found = monitoring_field(label.text)
        if found is not None and found.key in _FIELD_KEYS:
            form.fields[found.key] = value.text.strip()


def _goal(form: _Form, row: GridRow) -> None:
    by_col = {c.col: c.text.strip() for c in row.cells}
    planned, actual = [*form.goal_cols, -1, -1][:2]
    form.fields[_F.GOAL_PLANNED] = by_col.get(planned, "")
    form.fields[_F.GOAL_ACTUAL] = by_col.get(actual, "")
    form.state = "money"


def _money_header(text: str) -> MoneyColumn | None:
    key = label_key(text)
    for column in MoneyColumn:
        plain = label_key(column.header(""))
        if key == plain or (
            key.endswith(plain) and "月" in key and plain != key[-len(plain) :][:0]
        ):
            return column
    return None


def _header_columns(row: GridRow) -> dict[int, MonitoringColumn]:
    return {c.col: col for c in row.cells if (col := monitoring_column(c.text)) is not None}


def _amount(cell: GridCell | None) -> Decimal | None:
    """The unit's amount in 万元, read as every amount the system accepts."""
    if cell is None:
        return None
    try:
        return parse_amount(cell.text)
    except MoneyError as exc:
        raise MonitoringInputError(f"{cell.location}：{exc}") from None


def _budget_line(form: _Form, row: GridRow, source: FundSource) -> BudgetLine:
    cells = {form.money_cols.get(c.col): c for c in row.cells[1:]}
    return BudgetLine(
        source,
        _amount(cells.get(MoneyColumn.BUDGET)),
        _amount(cells.get(MoneyColumn.EXECUTED)),
        _amount(cells.get(MoneyColumn.FORECAST)),
        row.location,
    )


def _level(form: _Form, cell: GridCell, column: MonitoringColumn) -> None:
    text = "".join(cell.text.split())
    if column is MonitoringColumn.LEVEL1:
        form.level1 = _LEVEL1.get(text) or level1_for_label(text) or form.level1
    else:
        found = _LEVEL2.get(text) or level2_for_label(text)
        form.level2 = found or (Level2.COST if is_cost_label(text) else form.level2)


def _indicator(form: _Form, row: GridRow) -> None:
    if len(_header_columns(row)) >= 6:  # the header repeated after a page break
        return
    cells: dict[MonitoringColumn, GridCell] = {}
    for cell in row.cells:
        column = form.columns.get(cell.col)
        if column is MonitoringColumn.LEVEL1 or column is MonitoringColumn.LEVEL2:
            _level(form, cell, column)
        elif column is not None:
            cells[column] = cell
    if MonitoringColumn.NAME not in cells and MonitoringColumn.TARGET not in cells:
        return
    try:
        form.rows.append(_indicator_row(form, cells, row.location))
    except MonitoringInputError as exc:
        raise MonitoringInputError(f"{row.location}：{exc}") from None


def _indicator_row(
    form: _Form, cells: dict[MonitoringColumn, GridCell], where: SourceLocation
) -> MonitoringRow:
    def text(column: MonitoringColumn) -> str:
        cell = cells.get(column)
        return "" if cell is None else cell.text.strip()

    name, target_text = text(MonitoringColumn.NAME), text(MonitoringColumn.TARGET)
    target = parse_value(target_text)
    actual, forecast = text(MonitoringColumn.ACTUAL), text(MonitoringColumn.FORECAST)
    return MonitoringRow(
        level1=form.level1,
        level2=form.level2,
        name=name,
        target_text=target_text,
        target=target,
        actual_text=actual,
        actual=read_value(target, actual, actual_label(form.month), name),
        forecast_text=forecast,
        forecast=read_value(target, forecast, FORECAST_LABEL, name),
        causes=read_causes(_CAUSES.split(text(MonitoringColumn.CAUSES)), f"指标“{name}”的偏差原因"),
        cause_text=text(MonitoringColumn.CAUSE_TEXT),
        likelihood=read_likelihood(
            text(MonitoringColumn.LIKELIHOOD), f"指标“{name}”的完成目标可能性"
        ),
        measures=text(MonitoringColumn.MEASURES),
        remark=text(MonitoringColumn.REMARK),
        location=where,
    )


def _org(text: str) -> Organisation:
    m = _ORG.match(text.strip())
    return Organisation(m[1], m[2]) if m else Organisation(text.strip())


def _report(form: _Form) -> MonitoringReport:
    f = form.fields
    return MonitoringReport(
        year=form.year,
        project_name=f.get(_F.PROJECT, ""),
        month=form.month,
        department=_org(f.get(_F.DEPARTMENT, "")),
        implementer=_org(f.get(_F.IMPLEMENTER, "")),
        declaration_ref=f.get(_F.REFERENCE, ""),
        annual_goal=f.get(_F.GOAL_PLANNED, ""),
        goal_progress=f.get(_F.GOAL_ACTUAL, ""),
        budget=tuple(form.budget),
        budget_cause=f.get(_F.BUDGET_CAUSE, ""),
        rows=tuple(form.rows),
        location=SourceLocation(form.filename),
    )


def without_locations(report: MonitoringReport) -> MonitoringReport:
    """``report`` with every source location cleared (for comparing round trips)."""
    rows = tuple(dataclasses.replace(r, location=SourceLocation()) for r in report.rows)
    budget = tuple(dataclasses.replace(b, location=SourceLocation()) for b in report.budget)
    return dataclasses.replace(report, rows=rows, budget=budget, location=SourceLocation())


__all__ = ["read_monitoring_rows", "split_forms", "without_locations"]
