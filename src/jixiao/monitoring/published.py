"""Published monitoring tables as text (web pages flattened to pipe rows, corpus 019).

The rows of cells come from the importers' cell reader
(:func:`jixiao.importers.cells.text_rows`, the one the declarations use; it tells the
layout from the content), empty cells dropped: published rows are shifted and short.
Header fields are found by their labels; the money block by its column headers
(年初预算数 | 1-6月执行数 | 全年预计执行数), whose 1–m月 gives the cut-off; indicator rows
by their 一级/二级 labels, and the cells of a row are assigned by meaning, not position:
the cell that reads as a 完成目标可能性 answer is the likelihood, and the cells before it
are, by count, [actual], [name, actual], [name, target, actual] or
[name, target, actual, forecast].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.importers.cells import text_rows
from jixiao.model import Level1, Level2, Organisation, SourceLocation
from jixiao.model.catalogue import (
    FieldKey,
    is_cost_label,
    level1_for_label,
    level2_for_label,
    spec,
)
from jixiao.model.catalogue_monitoring import (
    MONEY_HEAD_WORDS,
    MoneyColumn,
    MonitoringColumn,
    MonitoringField,
    MonitoringText,
    monitoring_column,
    monitoring_field,
    monitoring_spec,
)
from jixiao.model.catalogue_text import label_key
from jixiao.monitoring.build import FORECAST_LABEL, actual_label
from jixiao.monitoring.entry import MonitoringInputError, read_likelihood, read_value
from jixiao.monitoring.model import BudgetLine, FundSource, MonitoringReport, MonitoringRow
from jixiao.monitoring.vocab import Likelihood
from jixiao.values import parse_value
from jixiao.values.money import printed_amount

_TITLE = re.compile(MonitoringText.TITLE_END)
_YEAR = re.compile(r"[（(]\s*((?:19|20)\d\d)\s*年度?\s*[)）]")
_PERIOD = re.compile(r"1\s*[-–~至]\s*(\d{1,2})\s*月")
_F = MonitoringField
_HEADER = (_F.PROJECT, _F.DEPARTMENT, _F.IMPLEMENTER)
#: A money row's label ends with one of these (其中：本年一般公共预算拨款 → 财政拨款).
_FUNDS = {
    label_key(label): source
    for key, source in (
        (_F.FUND_TOTAL, FundSource.TOTAL),
        (_F.FUND_FISCAL, FundSource.FISCAL),
        (_F.FUND_OTHER, FundSource.OTHER),
    )
    for label in monitoring_spec(key).labels
}
_EXECUTED = next(word for word, column in MONEY_HEAD_WORDS if column is MoneyColumn.EXECUTED)
_INDICATORS = label_key(spec(FieldKey.INDICATORS).label)
#: The closing texts, then the footnote: the table has ended.
_STOP = (
    label_key(monitoring_spec(_F.CAUSE_ANALYSIS).label),
    label_key(monitoring_spec(_F.SUGGESTIONS).label),
    "注:",
    "注：",
)


@dataclass(slots=True)
class _State:
    filename: str
    fields: dict[MonitoringField, str] = field(default_factory=dict)
    year: int | None = None
    month: int = 6
    money: list[MoneyColumn] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    rows: list[MonitoringRow] = field(default_factory=list)
    level1: Level1 | None = None
    level2: Level2 | None = None
    indicators: bool = False
    done: bool = False


def read_published(text: str, filename: str) -> list[MonitoringReport]:
    """The monitoring table in a published text, or [] when the text holds none.

    >>> text = "绩效监控表 |\\n项目名称 | 申遗经费 | |\\n主管部门 | 文旅局 | |"
    >>> (report,) = read_published(text, "x.txt")
    >>> report.project_name, report.department.name
    ('申遗经费', '文旅局')
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    start = next((i for i, (_, line) in enumerate(lines) if _TITLE.search(line)), None)
    if start is None:
        return []
    state = _State(filename)
    _, rows = text_rows(lines[start:], filename)
    for row in rows:
        cells = row.texts()
        if cells and not state.done:
            try:
                _line(state, cells, row.location)
            except MonitoringInputError as exc:
                raise MonitoringInputError(f"{filename}:{row.location.line}：{exc}") from None
    return [_report(state)]


def _line(state: _State, cells: list[str], where: SourceLocation) -> None:
    keys = [label_key(c) for c in cells]
    year = _YEAR.search(cells[0])
    if state.year is None and year:
        state.year = int(year[1])
    if any(k.startswith(_STOP) for k in keys[:1]):
        state.done = state.indicators
    elif state.indicators:
        _indicator(state, cells, where)
    elif any(_EXECUTED in k for k in keys):
        _money_header(state, cells)
    elif state.money and (source := _fund(keys[0])) is not None:
        state.budget.append(_budget(state, source, cells[1:], where))
    elif _INDICATORS in keys or (len(cells) > 1 and _names_column(cells)):
        state.indicators = True
    else:
        _fields(state, cells)


def _fields(state: _State, cells: list[str]) -> None:
    for n, cell in enumerate(cells[:-1]):
        found = monitoring_field(cell)
        if found is not None and found.key in _HEADER and found.key not in state.fields:
            state.fields[found.key] = cells[n + 1]


def _names_column(cells: list[str]) -> bool:
    """A header row of the indicator table: one cell names the 三级指标 column."""
    return any(monitoring_column(c) is MonitoringColumn.NAME for c in cells)


def _money_header(state: _State, cells: list[str]) -> None:
    period = next((m for c in cells if (m := _PERIOD.search(c))), None)
    if period:
        state.month = int(period[1])
    state.money = [
        next(column for word, column in MONEY_HEAD_WORDS if word in c)
        for c in cells
        if any(word in c for word, _ in MONEY_HEAD_WORDS)
    ]


def _fund(key: str) -> FundSource | None:
    key = key.rstrip(":：")
    return next((s for word, s in _FUNDS.items() if key.endswith(word)), None)


def _amount(text: str, where: SourceLocation) -> Decimal:
    """A printed amount in 万元, kept as printed (judging it is the checks' job)."""
    value = printed_amount(text)
    if value is None:
        raise MonitoringInputError(f"{where}：金额“{text}”不是数字")
    return value


def _budget(
    state: _State, source: FundSource, cells: list[str], where: SourceLocation
) -> BudgetLine:
    amounts = dict(zip(state.money, (_amount(c, where) for c in cells), strict=False))
    return BudgetLine(
        source,
        amounts.get(MoneyColumn.BUDGET),
        amounts.get(MoneyColumn.EXECUTED),
        amounts.get(MoneyColumn.FORECAST),
        where,
    )


def _indicator(state: _State, cells: list[str], where: SourceLocation) -> None:
    first = "".join(cells[0].split())
    level1 = level1_for_label(first)
    if level1 is not None and len(cells) == 1:
        state.level1 = level1
        return
    level2 = level2_for_label(first) or (Level2.COST if is_cost_label(first) else None)
    if level2 is None or len(cells) == 1:
        return
    state.level2 = level2
    _assign(state, cells[1:], where)


def _likelihood(text: str) -> Likelihood | None:
    try:
        return read_likelihood(text)
    except MonitoringInputError:
        return None


def _assign(state: _State, cells: list[str], where: SourceLocation) -> None:
    at = next((i for i in range(len(cells) - 1, -1, -1) if _likelihood(cells[i])), None)
    likelihood = _likelihood(cells[at]) if at is not None else None
    before = cells if at is None else cells[:at]
    after = [] if at is None else cells[at + 1 :]
    slots = {1: ("actual",), 2: ("name", "actual"), 3: ("name", "target", "actual")}
    names = slots.get(len(before), ("name", "target", "actual", "forecast"))
    values = dict(zip(names, before, strict=False))
    target_text = values.get("target", "")
    target = parse_value(target_text)
    name = values.get("name", "")
    level2 = state.level2 or Level2.QUANTITY
    state.rows.append(
        MonitoringRow(
            level1=state.level1 or Level1.OUTPUT,
            level2=level2,
            name=name,
            target_text=target_text,
            target=target,
            actual_text=values.get("actual", ""),
            actual=read_value(target, values.get("actual", ""), actual_label(state.month), name),
            forecast_text=values.get("forecast", ""),
            forecast=read_value(target, values.get("forecast", ""), FORECAST_LABEL, name),
            likelihood=likelihood,
            remark="；".join(after),
            location=where,
        )
    )


def _report(state: _State) -> MonitoringReport:
    return MonitoringReport(
        year=state.year,
        project_name=state.fields.get(_F.PROJECT, ""),
        month=state.month,
        department=Organisation(state.fields.get(_F.DEPARTMENT, "")),
        implementer=Organisation(state.fields.get(_F.IMPLEMENTER, "")),
        budget=tuple(state.budget),
        rows=tuple(state.rows),
        location=SourceLocation(state.filename),
    )


__all__ = ["read_published"]
