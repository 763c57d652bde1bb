"""What each format must look like: PDF (font, text, pages), XLSX (merges, print
setup, exact money), DOCX (table, fonts), HTML (escaping, spans)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from jixiao.render.bundle import render_bundle
from jixiao.render.docx import render_docx
from jixiao.render.html import render_html
from jixiao.render.pdf import render_pdf
from jixiao.render.xlsx import money_format, render_xlsx
from tests.importers_docs.forms import made_declarations, seed_declarations


def test_pdf_is_a4_with_the_chinese_font_embedded() -> None:
    data = render_pdf(seed_declarations()[:1])
    assert b"/FontFile2" in data and b"WenQuanYiMicroHei" in data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        assert "银川市本级部门项目支出年度预算绩效目标申报表" in page.extract_text()


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext 未安装：apt-get install poppler-utils"
)
def test_pdftotext_finds_every_indicator_name_and_value(tmp_path: Path) -> None:
    seed = seed_declarations()
    path = tmp_path / "seed.pdf"
    path.write_bytes(render_pdf(seed))
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    for ind in (i for d in seed for i in d.indicators):
        assert "".join(ind.name.split()) in flat
        assert "".join(ind.value_text.split()) in flat


def test_long_forms_break_with_the_header_and_labels_repeated() -> None:
    data = render_pdf([seed_declarations()[4]])  # 34 indicators: two pages
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:  # nothing drawn outside the page
            assert all(
                c["x0"] >= 0 and c["x1"] <= page.width and c["bottom"] <= page.height
                for c in page.chars
            )
        later = [p.extract_text() or "" for p in pdf.pages[1:]]
    assert all("一级指标" in text and "三级指标" in text for text in later)
    # 产出指标 / 成本指标 were cut by the break: both labels are printed again on page 2
    assert "产出指标" in later[0] and "成本指标" in later[0]


def test_a_goal_longer_than_a_page_is_never_clipped() -> None:
    decl = dict(made_declarations())["long-goal"]
    with pdfplumber.open(io.BytesIO(render_pdf([decl]))) as pdf:
        text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
        assert len(pdf.pages) >= 3
    text = re.sub(r"年度总体目标|第\d+页", "", text)  # the label repeated beside each part
    for paragraph in decl.annual_goal.split("\n"):
        assert paragraph in text


def test_bundle_has_a_contents_page_in_the_given_order() -> None:
    seed = list(reversed(seed_declarations()))
    with pdfplumber.open(io.BytesIO(render_bundle(seed))) as pdf:
        contents = "".join((pdf.pages[0].extract_text() or "").split())
        assert "目录" in contents
        positions = [contents.index(d.project_name.replace(" ", "")) for d in seed]
        assert positions == sorted(positions)
        assert "项目名称" in (pdf.pages[1].extract_text() or "")


def test_xlsx_has_merges_print_setup_and_exact_money() -> None:
    decl = replace(seed_declarations()[0])
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx([decl])))
    ws = book.worksheets[0]
    assert ws.title == "政府聘用人员经费"
    assert "C4:F4" in [str(r) for r in ws.merged_cells.ranges]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.fitToWidth == 1
    assert ws["D7"].value == 53.15 and ws["D7"].number_format == "0.00"
    assert ws["C4"].font.name == "宋体"
    assert money_format(Decimal("15514.5")) == "0.0" and money_format(Decimal("12")) == "0"


def test_xlsx_writes_operator_values_as_text_not_formulas() -> None:
    decl = dict(made_declarations())["v2021"]
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx([decl]))).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=100.00(%)"]
    assert cells and cells[0].data_type == "s"


def test_docx_has_one_table_per_form_with_song_typeface() -> None:
    document = docx.Document(io.BytesIO(render_docx(seed_declarations()[:2])))
    assert len(document.tables) == 2
    assert document.tables[0].cell(0, 0).text == "项目名称"
    style = document.styles["Normal"].element.rPr.rFonts
    assert (
        style.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "宋体"
    )


def test_html_escapes_text_and_spans_merged_cells() -> None:
    decl = replace(seed_declarations()[0], project_name="<script>alert(1)</script>")
    page = render_html([decl]).decode("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'rowspan="11"' in page and "django" not in page.lower()
    assert page.count('<section class="jixiao-form">') == 1
