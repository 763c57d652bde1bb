"""Declaration → PDF / XLSX / DOCX → import → the same declaration, field for field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.data import seed_bytes
from jixiao.importers.detect import import_bytes
from jixiao.model import Declaration, dumps
from jixiao.render.bundle import render_bundle
from jixiao.render.command import RENDERERS
from tests.importers_docs.forms import all_declarations, assert_same, seed_declarations

FORMATS = ("pdf", "xlsx", "docx")
CASES = all_declarations()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "decl"), CASES, ids=[n for n, _ in CASES])
def test_it_reads_back_every_field(fmt: str, name: str, decl: Declaration) -> None:
    result = import_bytes(RENDERERS[fmt]([decl], 1), f"{name}.{fmt}")
    assert len(result.declarations) == 1
    assert_same(decl, result.declarations[0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_reads_many_forms_from_one_file_in_order(fmt: str) -> None:
    seed = seed_declarations()
    result = import_bytes(RENDERERS[fmt](seed, 1), f"seed.{fmt}")
    assert len(result.declarations) == len(seed) == 7
    for expected, actual in zip(seed, result.declarations, strict=True):
        assert_same(expected, actual)


def test_it_reads_the_bundle_past_its_contents_page() -> None:
    seed = seed_declarations()
    result = import_bytes(render_bundle(seed), "公开.pdf")
    for expected, actual in zip(seed, result.declarations, strict=True):
        assert_same(expected, actual)
    assert len(result.declarations) == 7


def test_it_sets_locations_to_page_and_cell() -> None:
    decl = seed_declarations()[0]
    pdf = import_bytes(RENDERERS["pdf"]([decl], 1), "a.pdf").declarations[0]
    xlsx = import_bytes(RENDERERS["xlsx"]([decl], 1), "a.xlsx").declarations[0]
    assert pdf.indicators[0].location.page == 1
    assert xlsx.indicators[0].location.cell is not None
    assert xlsx.indicators[0].location.cell == "政府聘用人员经费!D12"


def test_money_comes_back_as_the_exact_decimal() -> None:
    decl = dict(CASES)["v2021"]
    for fmt in FORMATS:
        back = import_bytes(RENDERERS[fmt]([decl], 1), f"a.{fmt}").declarations[0]
        assert str(back.funding.annual_total) == "1234.5678"
        assert back.funding.other is None


def test_it_chooses_the_importer_by_content_not_name() -> None:
    seed = seed_declarations()
    for fmt in FORMATS:
        result = import_bytes(RENDERERS[fmt](seed[:1], 1), "没有扩展名")
        assert_same(seed[0], result.declarations[0])
    assert len(import_bytes(dumps(seed).encode(), "x.bin").declarations) == 7
    assert len(import_bytes(seed_bytes(), "seed.pdf").declarations) == 7


def test_characters_missing_from_the_font_are_never_lost() -> None:
    decl = replace(seed_declarations()[0], project_name="𠀀𪚥项目䶮", attachment="附件𠀀")
    for fmt in FORMATS:
        back = import_bytes(RENDERERS[fmt]([decl], 1), f"rare.{fmt}").declarations[0]
        assert back.project_name == "𠀀𪚥项目䶮"
