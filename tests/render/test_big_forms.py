"""Big forms: every row of a several-hundred-row form reaches the PDF and the workbook."""

from __future__ import annotations

import dataclasses
import io

import openpyxl

from jixiao.importers.detect import import_bytes
from jixiao.model import Declaration
from jixiao.render.document import build_document
from jixiao.render.pdf import layout_form, render_pdf
from jixiao.render.pdflayout import cells_on_pages
from jixiao.render.xlsx import render_xlsx
from tests.importers_docs.forms import seed_declarations

ROWS = 600


def _big(rows: int) -> Declaration:
    form = seed_declarations()[0]
    group = next(g for g in form.groups if g.indicators)
    made = tuple(
        dataclasses.replace(group.indicators[0], name=f"大表指标{n:04d}") for n in range(rows)
    )
    groups = tuple(
        dataclasses.replace(g, indicators=made) if g is group else g for g in form.groups
    )
    return dataclasses.replace(form, groups=groups)


def test_it_draws_each_cell_on_exactly_the_pages_whose_rows_it_spans() -> None:
    lay = layout_form(build_document(_big(ROWS)))
    shown = cells_on_pages(lay.doc, lay.pages)
    assert len(lay.pages) > 10
    for page, cells in zip(lay.pages, shown, strict=True):
        expected = []
        for cell in lay.doc.cells:
            slots = [s for s in page.slots if cell.row <= s.row <= cell.last_row]
            if slots:
                expected.append((cell, slots))
        assert cells == expected


def test_it_prints_every_row_of_a_big_form_in_the_pdf() -> None:
    form = _big(ROWS)
    back = import_bytes(render_pdf([form]), "大表.pdf").declarations[0]
    names = [i.name for i in back.indicators if i.name.startswith("大表指标")]
    assert names == [f"大表指标{n:04d}" for n in range(ROWS)]


def test_it_writes_every_row_of_a_big_form_to_the_workbook_with_its_merges() -> None:
    form = _big(ROWS)
    data = render_xlsx([form])
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    names = [c.value for c in ws["D"] if str(c.value or "").startswith("大表指标")]
    assert names == [f"大表指标{n:04d}" for n in range(ROWS)]
    tall = max(r.max_row - r.min_row + 1 for r in ws.merged_cells.ranges)
    assert tall > ROWS  # the vertical 绩效指标 label spans the whole indicator table
    back = import_bytes(data, "大表.xlsx").declarations[0]
    assert len([i for i in back.indicators if i.name.startswith("大表指标")]) == ROWS
