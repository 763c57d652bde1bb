"""Read our 自评表 back from XLSX, DOCX or PDF: bytes → rows of cells → SelfEvaluation.

The rows come from the importers' readers (:func:`~jixiao.importers.xlsx.sheet_rows`,
:func:`~jixiao.importers.docx.body_rows`, :func:`~jixiao.importers.pdf.pdf_rows`), the ones
the declarations use, as ``{column: text}`` holding only the top-left cell of a merge. The
assembler finds the blocks by the label in the first column and the layout by the indicator
header (the form catalogue, :mod:`jixiao.model.catalogue_evaluation`); Sichuan's 指标性质 |
指标值 | 度量单位 are joined by the one :func:`~jixiao.values.combine.combine_value`. A number
a unit typed into Excel is read through ``Decimal(repr(x))`` at the boundary (the importers'
``exact_number``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.evaluation.formulas import parse_actual
from jixiao.evaluation.model import Budget, EvaluationRow, Grade, Layout, SelfEvaluation
from jixiao.importers.cells import GridRow
from jixiao.importers.docx import body_rows
from jixiao.importers.pdf import pdf_rows as pdf_grid_rows
from jixiao.importers.xlsx import sheet_rows
from jixiao.model import Level1, Level2, Organisation, SourceLocation
from jixiao.model.catalogue_evaluation import (
    ANHUI_LABELS,
    NATIONAL_LABELS,
    SICHUAN_LABELS,
    EvaluationColumn,
    EvaluationLayoutLabels,
    EvaluationText,
)
from jixiao.model.catalogue_evaluation import EvaluationField as E
from jixiao.model.catalogue_evaluation import evaluation_spec as ev
from jixiao.values import parse_value
from jixiao.values.combine import combine_value
from jixiao.values.money import MoneyError, parse_amount

Row = dict[int, str]
_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度\s*[)）]")
#: Money headers (every layout's) → the budget slot they fill.
_MONEY = {
    label: slot
    for key, slot in (
        (E.INITIAL, "initial"),
        (E.ANNUAL, "annual"),
        (E.EXECUTED, "executed"),
        (E.WEIGHT, "weight"),
        (E.RATE, "rate_text"),
        (E.SCORE, "printed_score"),
    )
    for label in ev(key).labels
} | {ev(E.REASON).label: "reason"}
_LAYOUTS: dict[tuple[str, ...], tuple[Layout, EvaluationLayoutLabels]] = {
    labels.headers: (layout, labels)
    for layout, labels in (
        (Layout.NATIONAL, NATIONAL_LABELS),
        (Layout.SICHUAN, SICHUAN_LABELS),
        (Layout.ANHUI, ANHUI_LABELS),
    )
}
_TEXTS = {ev(k).label: k.value for k in (E.CONCLUSION, E.PROBLEMS, E.MEASURES)}


class GridFormatError(ValueError):
    """Not one of our 自评表 layouts; the message is Chinese."""


# --- formats → rows ----------------------------------------------------------------------


def _rows(rows: Iterable[GridRow]) -> list[Row]:
    """The importers' grid rows (page and sheet boundaries dropped) as column → text."""
    return [{c.col: c.text for c in r.cells if c.text} for r in rows if not r.boundary]


def xlsx_rows(data: bytes, file: str) -> list[Row]:
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    return _rows(row for ws in workbook.worksheets for row in sheet_rows(ws, file))


def docx_rows(data: bytes, file: str) -> list[Row]:
    return _rows(body_rows(Document(io.BytesIO(data)), file))


def pdf_rows(data: bytes, file: str) -> list[Row]:
    return _rows(pdf_grid_rows(data, file, carry_labels=False))


# --- rows → self-evaluation --------------------------------------------------------------


@dataclass(slots=True)
class _Form:
    file: str
    values: dict[str, object] = field(default_factory=dict)
    money: dict[str, str] = field(default_factory=dict)
    columns: dict[int, EvaluationColumn] = field(default_factory=dict)
    layout: Layout = Layout.NATIONAL
    rows: list[EvaluationRow] = field(default_factory=list)
    level1: Level1 = Level1.OUTPUT
    level2: Level2 = Level2.QUANTITY


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text.strip() else None
    except InvalidOperation:
        raise GridFormatError(f"“{text}”不是数字") from None


def _amount(text: str) -> Decimal | None:
    """The unit's amount in 万元, read as every amount the system accepts."""
    try:
        return parse_amount(text)
    except MoneyError as exc:
        raise GridFormatError(str(exc)) from None


def _header_cells(row: Row, form: _Form) -> None:
    label = row.get(0, "")
    if label == ev(E.PROJECT_NAME).label:
        form.values["project_name"] = row.get(2, "")
    elif label == ev(E.DEPARTMENT).label:
        form.values["department"] = Organisation(row.get(2, ""))
        at = next((c for c, t in row.items() if t == ev(E.IMPLEMENTER).label), None)
        form.values["implementer"] = Organisation(row.get(at + 1, "") if at is not None else "")
    elif label == ev(E.REASON).label:
        form.money["reason"] = row.get(2, "")
    elif label == ev(E.GRADE).label and row.get(2):
        form.values["printed_grade"] = Grade(row[2])
    elif label in _TEXTS:
        form.values[_TEXTS[label]] = row.get(2, "")


def _indicator(row: Row, form: _Form, line: int) -> None:
    cells = {form.columns[c]: t for c, t in row.items() if c in form.columns}
    c = EvaluationColumn
    form.level1 = Level1(cells[c.LEVEL1]) if c.LEVEL1 in cells else form.level1
    form.level2 = Level2(cells[c.LEVEL2]) if c.LEVEL2 in cells else form.level2
    target = cells.get(c.TARGET, "")
    if c.NATURE in cells and cells[c.NATURE] not in ("", EvaluationText.QUALITATIVE_NATURE):
        target = combine_value(cells[c.NATURE], target, cells.get(c.UNIT, ""))
    actual, weight, deviation = (
        cells.get(c.ACTUAL, ""),
        cells.get(c.WEIGHT, ""),
        cells.get(c.DEVIATION, ""),
    )
    form.rows.append(
        EvaluationRow(
            level1=form.level1,
            level2=form.level2,
            name=cells.get(c.NAME, ""),
            target_text=target,
            target=parse_value(target),
            actual_text=actual,
            actual=parse_actual(actual),
            weight=_decimal(weight),
            printed_score=_decimal(cells.get(c.SCORE, "")),
            deviation=deviation,
            location=SourceLocation(form.file, line),
        )
    )


def _money_row(header: Row, values: Row, form: _Form) -> None:
    for col, head in header.items():
        key = _MONEY.get(head)
        if key is not None and col in values:
            form.money[key] = values[col]


def _goal_row(header: Row, values: Row, form: _Form) -> None:
    goal_col = next((c for c, t in header.items() if c >= 2), 2)
    actual_col = next((c for c, t in header.items() if c > goal_col), goal_col + 1)
    form.values["goal"] = values.get(goal_col, "")
    form.values["goal_actual"] = values.get(actual_col, "")


def _budget(money: dict[str, str]) -> Budget:
    weight = _decimal(money.get("weight", ""))
    return Budget(
        initial=_amount(money.get("initial", "")),
        annual=_amount(money.get("annual", "")),
        executed=_amount(money.get("executed", "")),
        rate_text=money.get("rate_text", ""),
        weight=Decimal(10) if weight is None else weight,
        printed_score=_decimal(money.get("printed_score", "")),
        reason=money.get("reason", ""),
    )


def _is_title(row: Row) -> bool:
    return len(row) == 1 and 0 in row and row[0].endswith(EvaluationText.TITLE_END)


def split_forms(rows: Sequence[Row]) -> list[list[Row]]:
    """Rows per form: a new form starts at each title line."""
    forms: list[list[Row]] = []
    for row in rows:
        if _is_title(row) or not forms:
            forms.append([])
        forms[-1].append(row)
    return [f for f in forms if any(r.get(0) == ev(E.LEVEL1).label for r in f)]


def _below(rows: Sequence[Row], n: int) -> Row:
    """The values under a block's header row; the block label's merged cell covers their
    first column, so a row with a first cell is the next block (a sheet leaves an empty
    values row out)."""
    below = rows[n + 1]
    return {} if 0 in below else below


def read_form(rows: Sequence[Row], file: str) -> SelfEvaluation:
    """One form's rows → a self-evaluation; raises :class:`GridFormatError`."""
    form = _Form(file)
    title, year = "", None
    in_table = False
    for n, row in enumerate(rows):
        label = row.get(0, "")
        if _is_title(row) and not title:
            title = row[0]
        elif (m := _YEAR.fullmatch(label)) and len(row) == 1:
            year = int(m.group(1))
        elif label == ev(E.MONEY_BLOCK).label and n + 1 < len(rows):
            _money_row(row, _below(rows, n), form)
        elif label == ev(E.GOAL_BLOCK).label and n + 1 < len(rows):
            _goal_row(row, _below(rows, n), form)
        elif label == ev(E.LEVEL1).label:
            heads = tuple(row.get(c, "") for c in range(len(row)))
            if heads not in _LAYOUTS:
                raise GridFormatError(
                    f"第{n + 1}行：指标表头“{'、'.join(heads)}”不是已知的自评表表式"
                )
            form.layout, labels = _LAYOUTS[heads]
            form.columns, in_table = dict(enumerate(labels.roles)), True
        elif label == ev(E.TOTAL).label:
            in_table = False
            form.values["printed_total"] = _decimal(row.get(len(form.columns) - 2, ""))
        elif in_table and row:
            _indicator(row, form, n + 1)
        else:
            _header_cells(row, form)
    if not form.columns:
        raise GridFormatError("没有找到绩效指标表（表头应以“一级指标”开始）")
    return SelfEvaluation(
        year=year,
        title=title if title != EvaluationText.TITLE else "",
        layout=form.layout,
        budget=_budget(form.money),
        rows=tuple(form.rows),
        location=SourceLocation(file, 1),
        **form.values,  # type: ignore[arg-type]
    )


def read_grid(rows: Sequence[Row], file: str) -> list[SelfEvaluation]:
    """Every self-evaluation in the rows of one file."""
    return [read_form(f, file) for f in split_forms(rows)]


def read_document(data: bytes, file: str) -> list[SelfEvaluation]:
    """Our 自评表 in XLSX, DOCX or PDF bytes (recognised by content)."""
    if data.startswith(b"%PDF"):
        rows = pdf_rows(data, file)
    elif b"word/document.xml" in data:
        rows = docx_rows(data, file)
    elif b"xl/workbook.xml" in data:
        rows = xlsx_rows(data, file)
    else:
        raise GridFormatError("不是 PDF、Excel 或 Word 文件")
    found = read_grid(rows, file)
    if not found:
        raise GridFormatError("没有找到自评表")
    return found
