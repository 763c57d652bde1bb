"""Reading monitoring reports from files, by content: canonical JSON, XLSX, DOCX, PDF, text.

XLSX, DOCX and PDF go through the importers' cell readers (sheet rows, body rows, ruled PDF
cells) and :mod:`jixiao.monitoring.reader`; published text tables (corpus 019) go through the
importers' text cell reader and :mod:`jixiao.monitoring.published`. Every error is a
:class:`MonitoringInputError` in Chinese. PDF rows are read without the declarations'
carry-over of split labels (it would fill the empty cells at a page foot with the next
page's repeated header).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from jixiao.importers.base import ImportFailure, decode_text, looks_binary
from jixiao.importers.grid import BOUNDARY, GridRow
from jixiao.importers.pdf import pdf_rows
from jixiao.importers.xlsx import is_ooxml, sheet_rows
from jixiao.monitoring.canonical import SCHEMA_ID, MonitoringFormatError, loads
from jixiao.monitoring.entry import MonitoringInputError
from jixiao.monitoring.model import MonitoringReport
from jixiao.monitoring.published import read_published
from jixiao.monitoring.reader import read_monitoring_rows

MAX_BYTES = 50 * 1024 * 1024


def _xlsx_rows(data: bytes, filename: str) -> list[GridRow]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise MonitoringInputError(
            f"{filename}：不是有效的 Excel（.xlsx）文件，或文件已损坏"
        ) from None
    rows: list[GridRow] = []
    for ws in workbook.worksheets:
        rows.extend(sheet_rows(ws, filename))
        rows.append(BOUNDARY)
    return rows


def _docx_rows(data: bytes, filename: str) -> list[GridRow]:
    from docx import Document

    from jixiao.importers.docx import body_rows

    try:
        document = Document(io.BytesIO(data))
    except Exception:
        raise MonitoringInputError(
            f"{filename}：不是有效的 Word（.docx）文件，或文件已损坏"
        ) from None
    return list(body_rows(document, filename))


def _pdf_rows(data: bytes, filename: str) -> list[GridRow]:
    try:
        return pdf_rows(data, filename, carry_labels=False)
    except ImportFailure as exc:
        raise MonitoringInputError(str(exc)) from None


def read_bytes(data: bytes, filename: str) -> list[MonitoringReport]:
    """Every monitoring report in ``data``, read by its content."""
    if is_ooxml(data, "xl/workbook.xml"):
        reports = read_monitoring_rows(_xlsx_rows(data, filename), filename)
    elif is_ooxml(data, "word/document.xml"):
        reports = read_monitoring_rows(_docx_rows(data, filename), filename)
    elif b"%PDF-" in data[:1024]:
        reports = read_monitoring_rows(_pdf_rows(data, filename), filename)
    elif looks_binary(data):
        raise MonitoringInputError(
            f"{filename}：无法识别的文件格式（应为 JSON、Excel、Word、PDF 或文本）"
        )
    else:
        reports = _read_text(data, filename)
    if not reports:
        raise MonitoringInputError(
            f"{filename}：没有找到监控表（应有“项目支出绩效目标执行监控表”或“绩效监控表”）"
        )
    return reports


def _read_text(data: bytes, filename: str) -> list[MonitoringReport]:
    try:
        text = decode_text(data, filename)
    except ImportFailure as exc:
        raise MonitoringInputError(str(exc)) from None
    if text.lstrip().startswith(("{", "[")) and SCHEMA_ID in text[:4096]:
        try:
            return loads(text)
        except MonitoringFormatError as exc:
            raise MonitoringInputError(f"{filename}：{exc}") from None
    return read_published(text, filename)


def read_file(path: str | Path) -> list[MonitoringReport]:
    """Every report in one file; :class:`MonitoringInputError` with a Chinese message."""
    path = Path(path)
    if not path.is_file():
        raise MonitoringInputError(f"{path}：文件不存在或不是文件")
    if path.stat().st_size > MAX_BYTES:
        raise MonitoringInputError(f"{path}：文件超过 {MAX_BYTES // 1024 // 1024} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MonitoringInputError(f"{path}：无法读取（{exc.strerror}）") from None
    return read_bytes(data, str(path))


def read_files(paths: Iterable[str | Path]) -> list[MonitoringReport]:
    """Every report of several files, in order; fails on the first bad file."""
    return [report for path in paths for report in read_file(path)]


__all__ = ["read_bytes", "read_file", "read_files"]
