"""PDFs from another producer: LibreOffice converts our DOCX and XLSX, we read them back.

Needs ``soffice`` (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui) and a Chinese
font for it to draw with (fonts-wqy-microhei); skipped with the reason where missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.importers.detect import import_bytes
from jixiao.render.docx import render_docx
from jixiao.render.xlsx import render_xlsx
from tests.importers_docs.forms import assert_same, seed_declarations

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice（soffice）未安装：apt-get install libreoffice-writer-nogui"
)


def _has_chinese_font() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    return bool(subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip())


def convert(data: bytes, suffix: str, tmp: Path) -> bytes:
    if not _has_chinese_font():
        pytest.skip("LibreOffice 没有可用的中文字体：apt-get install fonts-wqy-microhei")
    source = tmp / f"form{suffix}"
    source.write_bytes(data)
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return (tmp / "form.pdf").read_bytes()


def test_it_reads_libreoffice_pdfs_of_our_docx(tmp_path: Path) -> None:
    seed = seed_declarations()
    result = import_bytes(convert(render_docx(seed), ".docx", tmp_path), "lo.pdf")
    assert len(result.declarations) == 7
    for expected, actual in zip(seed, result.declarations, strict=True):
        assert_same(expected, actual)


def test_it_reads_libreoffice_pdfs_of_our_xlsx_for_one_page_forms(tmp_path: Path) -> None:
    # Calc draws a merged label cut by a page break without the rule between groups, so
    # only forms that fit one page are exact; see docs/rendering.md.
    seed = seed_declarations()[:3]
    result = import_bytes(convert(render_xlsx(seed), ".xlsx", tmp_path), "lo.pdf")
    for expected, actual in zip(seed, result.declarations, strict=True):
        assert_same(expected, actual)
