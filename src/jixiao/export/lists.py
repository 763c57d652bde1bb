"""A list of forms as a table: one row per form, labels from the form catalogue, a totals row.

The web lists and the 项目库 export the same columns with their own extra ones (status,
revision); :func:`form_list` is the one place that says how a declaration becomes a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.export.tabular import Cell, Table
from jixiao.model import Declaration
from jixiao.model.catalogue import FieldKey, FormText, spec

TOTAL_LABEL = "合计"
INDICATOR_COUNT = "三级指标数"

#: The fields of one row, in order; money columns are summed in the totals row.
LIST_FIELDS = (
    FieldKey.YEAR,
    FieldKey.PROJECT_NAME,
    FieldKey.DEPARTMENT,
    FieldKey.IMPLEMENTER,
    FieldKey.ATTRIBUTE,
    FieldKey.PERIOD,
    FieldKey.ANNUAL_TOTAL,
    FieldKey.FISCAL,
    FieldKey.OTHER,
    FieldKey.VERDICT,
)
MONEY_FIELDS = (FieldKey.ANNUAL_TOTAL, FieldKey.FISCAL, FieldKey.OTHER)


def list_header() -> list[str]:
    labels = [
        spec(k).name + (FormText.MONEY_UNIT_SUFFIX if k in MONEY_FIELDS else "")
        for k in LIST_FIELDS
    ]
    return [*labels, INDICATOR_COUNT]


def _amount(amount: Decimal | None) -> Cell:
    return "" if amount is None else amount


def form_row(decl: Declaration) -> list[Cell]:
    """One form: the list fields, then how many real 三级指标 it declares."""
    f = decl.funding
    values: dict[FieldKey, Cell] = {
        FieldKey.YEAR: str(decl.year or ""),
        FieldKey.PROJECT_NAME: decl.project_name,
        FieldKey.DEPARTMENT: decl.department.name,
        FieldKey.IMPLEMENTER: decl.implementer.name,
        FieldKey.ATTRIBUTE: decl.attribute,
        FieldKey.PERIOD: decl.period,
        FieldKey.ANNUAL_TOTAL: _amount(f.annual_total),
        FieldKey.FISCAL: _amount(f.fiscal),
        FieldKey.OTHER: _amount(f.other),
        FieldKey.VERDICT: str(decl.verdict or FormText.UNDECIDED),
    }
    count = sum(len(g.real_indicators) for g in decl.groups)
    return [*(values[k] for k in LIST_FIELDS), count]


def totals_row(rows: Sequence[Sequence[Cell]]) -> list[Cell]:
    """合计: the money columns and the indicator count summed exactly, and the form count."""
    summed = {LIST_FIELDS.index(k) for k in MONEY_FIELDS} | {len(LIST_FIELDS)}
    total: list[Cell] = [TOTAL_LABEL, f"{len(rows)}项"]
    for column in range(2, len(LIST_FIELDS) + 1):
        numbers = (r[column] for r in rows if not isinstance(r[column], str))
        total.append(sum(numbers, Decimal(0)) if column in summed else "")
    return total


def form_list(decls: Iterable[Declaration]) -> Table:
    rows = [form_row(d) for d in decls]
    return list_header(), [*rows, totals_row(rows)]
