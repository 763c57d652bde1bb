"""Read our 自评表 back from XLSX, DOCX or PDF: bytes → rows of cells → SelfEvaluation.

The rows come from the importers' readers (:func:`~jixiao.importers.xlsx.sheet_rows`,
:func:`~jixiao.importers.docx.body_rows`, :func:`~jixiao.importers.pdf.pdf_rows`), the ones
the declarations use, as ``{column: text}`` holding only the top-left cell of a merge. The
assembler finds the blocks by the label in the first column and the layout by the indicator
header (:mod:`jixiao.evaluation.labels`); Sichuan's 指标性质 | 指标值 | 度量单位 are joined by
the one :func:`~jixiao.values.combine.combine_value`. A number a unit typed into Excel is
read through ``Decimal(repr(x))`` at the boundary (the importers' ``exact_number``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.evaluation import labels as L
from jixiao.evaluation.formulas import parse_actual
from jixiao.evaluation.model import Budget, EvaluationRow, Grade, Layout, SelfEvaluation
from jixiao.importers.cells import GridRow
from jixiao.importers.docx import body_rows
from jixiao.importers.pdf import pdf_rows as pdf_grid_rows
from jixiao.importers.xlsx import sheet_rows
from jixiao.model import Level1, Level2, Organisation, SourceLocation
from jixiao.values import parse_value
from jixiao.values.combine import combine_value
from jixiao.values.money import MoneyError, parse_amount

Row = dict[int, str]
_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度\s*[)）]")
_MONEY = {
    **dict.fromkeys(("年初预算数", "年初预算"), "initial"),
    **dict.fromkeys(("全年预算数", "调整后预算数", "全年预算"), "annual"),
    **dict.fromkeys(("全年执行数", "预算执行数", "全年执行"), "executed"),
    **dict.fromkeys(("分值", "权重"), "weight"),
    **dict.fromkeys(("执行率", "预算执行率"), "rate_text"),
    "得分": "printed_score",
    "原因": "reason",
}
_LAYOUTS = {
    L.NATIONAL_COLUMNS: Layout.NATIONAL,
    L.SICHUAN_COLUMNS: Layout.SICHUAN,
    L.ANHUI_COLUMNS: Layout.ANHUI,
}
_TEXTS = {L.CONCLUSION[0]: "conclusion", L.PROBLEMS[0]: "problems", L.MEASURES[0]: "measures"}


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
    columns: dict[int, str] = field(default_factory=dict)
    layout: Layout = Layout.NATIONAL
    rows: list[EvaluationRow] = field(default_factory=list)
    level1: Level1 = Level1.OUTPUT
    level2: Level2 = Level2.QUANTITY

    @property
    def layout_columns(self) -> tuple[str, ...]:
        return next(cols for cols, layout in _LAYOUTS.items() if layout is self.layout)


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
    if label == L.PROJECT_NAME[0]:
        form.values["project_name"] = row.get(2, "")
    elif label == L.DEPARTMENT[0]:
        form.values["department"] = Organisation(row.get(2, ""))
        at = next((c for c, t in row.items() if t == L.IMPLEMENTER[0]), None)
        form.values["implementer"] = Organisation(row.get(at + 1, "") if at is not None else "")
    elif label == L.REASON[0]:
        form.money["reason"] = row.get(2, "")
    elif label == L.GRADE[0] and row.get(2):
        form.values["printed_grade"] = Grade(row[2])
    elif label in _TEXTS:
        form.values[_TEXTS[label]] = row.get(2, "")


def _indicator(row: Row, form: _Form, line: int) -> None:
    cells = {form.columns[c]: t for c, t in row.items() if c in form.columns}
    form.level1 = Level1(cells["一级指标"]) if "一级指标" in cells else form.level1
    form.level2 = Level2(cells["二级指标"]) if "二级指标" in cells else form.level2
    if form.layout is Layout.SICHUAN:
        parts = (cells.get("指标性质", ""), cells.get("指标值", ""), cells.get("度量单位", ""))
        target = (
            cells.get("指标值", "")
            if parts[0] in ("", L.QUALITATIVE_NATURE)
            else combine_value(*parts)
        )
        actual, weight, deviation = (
            cells.get("完成值", ""),
            cells.get("权重", ""),
            cells.get(L.SICHUAN_COLUMNS[-1], ""),
        )
    else:
        target, actual = cells.get(form.layout_columns[3], ""), cells.get("实际完成值", "")
        weight, deviation = cells.get("分值", ""), cells.get(form.layout_columns[-1], "")
    form.rows.append(
        EvaluationRow(
            level1=form.level1,
            level2=form.level2,
            name=cells.get("三级指标", ""),
            target_text=target,
            target=parse_value(target),
            actual_text=actual,
            actual=parse_actual(actual),
            weight=_decimal(weight),
            printed_score=_decimal(cells.get("得分", "")),
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
    return len(row) == 1 and 0 in row and row[0].endswith("自评表")


def split_forms(rows: Sequence[Row]) -> list[list[Row]]:
    """Rows per form: a new form starts at each title line."""
    forms: list[list[Row]] = []
    for row in rows:
        if _is_title(row) or not forms:
            forms.append([])
        forms[-1].append(row)
    return [f for f in forms if any(r.get(0) == L.NATIONAL_COLUMNS[0] for r in f)]


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
        elif label == L.MONEY_BLOCK[0] and n + 1 < len(rows):
            _money_row(row, _below(rows, n), form)
        elif label == L.GOAL_BLOCK[0] and n + 1 < len(rows):
            _goal_row(row, _below(rows, n), form)
        elif label == L.NATIONAL_COLUMNS[0]:
            heads = tuple(row.get(c, "") for c in range(len(row)))
            if heads not in _LAYOUTS:
                raise GridFormatError(
                    f"第{n + 1}行：指标表头“{'、'.join(heads)}”不是已知的自评表表式"
                )
            form.layout, form.columns, in_table = _LAYOUTS[heads], dict(enumerate(heads)), True
        elif label == L.TOTAL[0]:
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
        title=title if title != L.TITLE else "",
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
