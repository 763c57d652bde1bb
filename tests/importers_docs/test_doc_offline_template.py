"""A department fills the blank template the way people do, and it imports exactly."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl

from jixiao.importers.detect import import_bytes
from jixiao.model import (
    Declaration,
    Funding,
    IndicatorGroup,
    Organisation,
    Requirement,
)
from jixiao.render.docx import render_docx
from jixiao.render.template import YINCHUAN_2025, blank_declaration, render_template
from jixiao.render.xlsx import render_xlsx
from tests.importers_docs.forms import assert_same, ind


def expected() -> Declaration:
    blank = blank_declaration(YINCHUAN_2025, 2026)
    rows = {
        0: (ind("助餐服务人次", "12000"), ind("服务网点", "≥35个")),
        1: (ind("服务合格率", "95%"),),
        3: (ind("助餐补贴", "≤53.15万元"),),
        4: (ind("无", "无"),),
        8: (ind("老人满意度", "≥90%"),),
    }
    groups = tuple(
        IndicatorGroup(g.level1, g.level2, g.requirement, rows.get(n, ()))
        for n, g in enumerate(blank.groups)
    )
    return Declaration(
        year=2026,
        project_name="社区养老服务补贴",
        title=blank.title,
        attachment=blank.attachment,
        department=Organisation("银川市民政局", "640100"),
        implementer=Organisation("银川市养老服务中心"),
        attribute="新增项目",
        period="2026年",
        funding=Funding(Decimal("53.15"), Decimal("50.15"), Decimal("3")),
        annual_goal="为全市老人提供助餐服务。",
        groups=groups,
        footnote=blank.footnote,
    )


def fill_xlsx(data: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.worksheets[0]
    ws["A3"] = "（2026年度）"
    ws["C4"], ws["C5"], ws["F5"] = (
        "社区养老服务补贴",
        "银川市民政局（640100）",
        "银川市养老服务中心",
    )
    ws["C6"], ws["F6"] = "新增项目", "2026年"
    ws["D7"] = 53.15  # a float, as Excel stores what people type
    ws["D8"] = "50.15"  # a number stored as text
    ws["D9"] = 3
    ws["C10"] = "为全市老人提供助餐服务。"
    ws.unmerge_cells("C12:C14")  # a group label unmerged by hand: rows below are blank
    ws["D12"], ws["F12"] = "助餐服务人次", 12000.0
    ws["D13"], ws["F13"] = "服务网点", "≥35个"
    ws["D15"], ws["F15"] = "服务合格率", 0.95
    ws["F15"].number_format = "0%"
    ws["D21"], ws["F21"] = "助餐补贴", "≤53.15万元"
    ws["D24"], ws["F24"] = "无", "无"
    ws["D36"], ws["F36"] = "老人满意度", "≥90%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_excel_template_imports_exactly() -> None:
    template = render_template(render_xlsx, YINCHUAN_2025.key)
    result = import_bytes(fill_xlsx(template), "填好的模板.xlsx")
    assert result.issues == ()
    assert_same(expected(), result.declarations[0])


def test_an_empty_template_reads_as_the_blank_declaration() -> None:
    template = render_template(render_xlsx, YINCHUAN_2025.key, 2026)
    decl = import_bytes(template, "模板.xlsx").declarations[0]
    assert_same(blank_declaration(YINCHUAN_2025, 2026), decl)
    assert [g.requirement for g in decl.groups][:2] == [Requirement.QUANTIFIED] * 2


def fill_docx(data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(data))
    year = next(p for p in document.paragraphs if p.text.startswith("（"))
    year.runs[0].text = "（2026年度）"
    table = document.tables[0]
    values = {
        (0, 2): "社区养老服务补贴",
        (1, 2): "银川市民政局（640100）",
        (1, 5): "银川市养老服务中心",
        (2, 2): "新增项目",
        (2, 5): "2026年",
        (3, 3): "53.15",
        (4, 3): "50.15万元",
        (5, 3): "3",
        (6, 2): "为全市老人提供助餐服务。",
    }
    rows = {
        8: ("助餐服务人次", "12000"),
        9: ("服务网点", "≥35个"),
        11: ("服务合格率", "95%"),
        17: ("助餐补贴", "≤53.15万元"),
        20: ("无", "无"),
        32: ("老人满意度", "≥90%"),
    }
    for (r, c), text in values.items():
        table.cell(r, c).text = text
    for r, (name, value) in rows.items():
        table.cell(r, 3).text, table.cell(r, 5).text = name, value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_filled_word_template_imports_exactly() -> None:
    template = render_template(render_docx, YINCHUAN_2025.key)
    result = import_bytes(fill_docx(template), "填好的模板.docx")
    assert_same(expected(), result.declarations[0])
