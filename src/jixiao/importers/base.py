"""What every importer shares: import issues, the result, the failure, text decoding.

An importer has two methods (the beangulp contract): ``identify(data, name)`` says
whether it can read the bytes, ``extract(data, name)`` returns an :class:`ImportResult`.
Doubtful places are :class:`ImportIssue` rows with their location; judging the content
is the review's job, not the importer's.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from jixiao.model import Declaration, SourceLocation


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A doubtful place the importer met: where, and what it did about it (Chinese)."""

    location: SourceLocation
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The declarations read from one input and the issues met on the way."""

    declarations: tuple[Declaration, ...]
    issues: tuple[ImportIssue, ...] = ()


#: One form read from a stream, with its import issues; None where a stretch of the input
#: held no form (the issues say so).
FormRead = tuple[Declaration | None, list[ImportIssue]]


def collect(forms: Iterator[FormRead], filename: str) -> ImportResult:
    """Every form of the stream; :class:`ImportFailure` when none has content."""
    declarations: list[Declaration] = []
    issues: list[ImportIssue] = []
    for decl, found in forms:
        if decl is not None:
            declarations.append(decl)
        issues.extend(found)
    if not declarations:
        raise ImportFailure(f"{filename}：没有找到申报表内容（项目名称、项目资金或绩效指标）")
    return ImportResult(tuple(declarations), tuple(issues))


class ImportFailure(Exception):
    """The input cannot be read at all (missing, empty, binary, no form in it).

    The message is Chinese and names the file; nothing is half-imported.
    """


class Importer(Protocol):
    """The two-method importer contract."""

    name: str

    def identify(self, data: bytes, filename: str) -> bool: ...

    def extract(self, data: bytes, filename: str) -> ImportResult: ...


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes (outside UTF-16) or many control bytes."""
    if any(data.startswith(bom) for bom, enc in _BOMS if enc.startswith("utf-16")):
        return False
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 20


#: Control bytes that text never holds (tab, line feed, vertical tab, form feed and
#: carriage return are text).
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def decode_text(data: bytes, filename: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Raises :class:`ImportFailure` for empty or binary input.
    """
    if not data.strip():
        raise ImportFailure(f"{filename}：文件为空")
    if looks_binary(data):
        raise ImportFailure(
            f"{filename}：不是文本文件（含二进制内容），请提供文本、PDF、Excel 或 Word 文件"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "gb18030", filename)


def _decode(data: bytes, encoding: str, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFailure(
            f"{filename}：无法识别文件编码（支持 UTF-8、UTF-16 和 GB18030/GBK）"
        ) from None
