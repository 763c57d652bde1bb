"""Tables to XLSX, CSV and JSON bytes.

A table is a header and rows of text. XLSX is written with openpyxl in write-only mode, every
cell as text — tablib was tried and not used: its XLSX writer makes a formula of any text
starting with 「=」 (a real 指标值 such as ``=100%``) or, with ``escape=True``, drops the 「=」,
and either way the value is not read back as written. CSV is UTF-8 with a byte-order mark so
that Excel on a Chinese Windows desktop opens it without mojibake; JSON is an object of
tables, each a list of records. openpyxl is imported when a workbook is written, so the
commands that never write one (``jixiao check``) do not load it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

#: A cell: text, or an exact amount (written as a number in XLSX, as decimal text elsewhere).
Cell = str | Decimal | int
Table = tuple[Sequence[str], Sequence[Sequence[Cell]]]


def to_xlsx(tables: Mapping[str, Table]) -> bytes:
    """One sheet per table, header first, frozen; every cell stored as text."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.freeze_panes = "A2"
        for row in (header, *rows):
            sheet.append([_text(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(sheet: object, value: Cell) -> Any:
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # 「=100%」 stays text, never a formula
    return cell


def to_csv(table: Table) -> bytes:
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_plain(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def to_json(tables: Mapping[str, Table]) -> bytes:
    data = {
        name: [dict(zip(header, row, strict=True)) for row in rows]
        for name, (header, rows) in tables.items()
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _plain(value: Cell) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)
