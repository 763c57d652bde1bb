"""Bad input: each a clear Chinese error naming the file, nothing half-imported."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from reportlab.pdfgen.canvas import Canvas

from jixiao.importers.base import ImportFailure
from jixiao.importers.detect import import_bytes
from jixiao.render.pdf import render_pdf
from jixiao.render.pdflayout import FONT_NAME, register_font
from tests.importers_docs.forms import seed_declarations


def _pdf(text: str, **options: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, **options)
    canvas.setFont(register_font(), 12)
    canvas.drawString(72, 720, text)
    canvas.save()
    return out.getvalue()


def _fails(data: bytes, name: str, words: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        import_bytes(data, name)
    assert name in str(caught.value)
    assert words in str(caught.value)


def test_a_pdf_that_is_not_a_form() -> None:
    _fails(_pdf("会议纪要：今天讨论了预算。"), "纪要.pdf", "没有找到申报表")


def test_an_encrypted_pdf() -> None:
    _fails(_pdf("申报表", encrypt="secret"), "加密.pdf", "已加密")


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_a_truncated_pdf(keep: float) -> None:
    data = render_pdf(seed_declarations()[:1])
    _fails(data[: int(len(data) * keep)], "截断.pdf", "损坏或不完整")


def test_an_xlsx_without_the_form_sheet() -> None:
    book = openpyxl.Workbook()
    book.active.title = "汇总"
    book.active["A1"] = "部门预算汇总"
    out = io.BytesIO()
    book.save(out)
    _fails(
        out.getvalue(),
        "汇总.xlsx",
        "工作簿中没有申报表（没有工作表含“项目名称”栏；现有工作表：汇总）",
    )


def test_a_docx_without_a_table() -> None:
    document = docx.Document()
    document.add_paragraph("项目名称：没有表格")
    out = io.BytesIO()
    document.save(out)
    _fails(out.getvalue(), "无表格.docx", "Word 文件中没有表格")


def test_a_legacy_or_encrypted_office_file() -> None:
    _fails(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "旧版.xls", "旧版")


def test_unknown_binary() -> None:
    _fails(b"\x00\x01\x02" * 100, "x.bin", "无法识别")


def test_the_font_is_the_embedded_one() -> None:
    assert register_font() == FONT_NAME
