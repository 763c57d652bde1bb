"""Choose the importer by the file's content, not its name.

PDF by its ``%PDF-`` header, XLSX and DOCX by the parts inside the ZIP package, canonical
JSON by its first character and schema, anything else decodable as text by the text
importer. The file name is used only in messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.importers.base import (
    FormRead,
    Importer,
    ImportFailure,
    ImportResult,
    decode_text,
    looks_binary,
)
from jixiao.importers.docx import DocxImporter
from jixiao.importers.pdf import PdfImporter
from jixiao.importers.text import TextImporter
from jixiao.importers.xlsx import XlsxImporter
from jixiao.model import CanonicalFormatError, loads

#: A JSON document's start: an object, or a list of objects/strings (not 「[预算绩效]…」).
_JSON_START = re.compile(r'^\s*(?:\{|\[\s*(?:[{"\]]|$))')


class JsonImporter:
    """Canonical JSON (``jixiao.declaration/1``): one declaration or a list."""

    name = "json"

    def identify(self, data: bytes, filename: str) -> bool:
        if looks_binary(data):
            return False
        try:
            head = decode_text(data, filename)[:64]
        except ImportFailure:
            return False
        return _JSON_START.match(head) is not None

    def extract(self, data: bytes, filename: str) -> ImportResult:
        try:
            declarations = loads(decode_text(data, filename))
        except CanonicalFormatError as exc:
            raise ImportFailure(f"{filename}：{exc}") from None
        return ImportResult(tuple(declarations))


#: In the order they are asked; the text importer comes last as it accepts any text.
IMPORTERS = (PdfImporter(), XlsxImporter(), DocxImporter(), JsonImporter(), TextImporter())


def import_bytes(data: bytes, filename: str) -> ImportResult:
    """Read every declaration in ``data``; raises :class:`ImportFailure` (Chinese)."""
    return _importer_for(data, filename).extract(data, filename)


def iter_import(data: bytes, filename: str) -> Iterator[FormRead]:
    """The declarations of ``data`` one at a time, each with its import issues: text is
    read form by form; the other formats are read whole and handed out in order."""
    importer = _importer_for(data, filename)
    if isinstance(importer, TextImporter):
        yield from importer.forms(data, filename)
        return
    result = importer.extract(data, filename)
    for n, decl in enumerate(result.declarations):
        yield decl, list(result.issues) if n == 0 else []


def _importer_for(data: bytes, filename: str) -> Importer:
    if not data.strip():
        raise ImportFailure(f"{filename}：文件为空")
    for importer in IMPORTERS:
        if importer.identify(data, filename):
            return importer
    if data.startswith(b"PK\x03\x04"):
        raise ImportFailure(f"{filename}：是压缩包，但不是 Excel（.xlsx）或 Word（.docx）文件")
    raise ImportFailure(
        f"{filename}：无法识别的文件，请提供 PDF、Excel（.xlsx）、Word（.docx）、JSON 或文本文件"
    )
