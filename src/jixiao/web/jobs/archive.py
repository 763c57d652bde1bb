"""The files of a bulk import: a ZIP (checked against zip bombs) or several uploaded files.

:func:`check_zip` reads only the ZIP's directory, at upload time, and refuses an archive with
too many files, too much uncompressed data or an implausible compression ratio (a zip bomb);
:func:`entries` then yields each file's bytes, reading at most the per-file limit whatever the
directory claims, and reports a file it will not read (too large, nested archive, unreadable)
as an :class:`Entry` with a reason instead of its data.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings

from jixiao.web.declarations.inputs import InputError
from jixiao.web.limits import TooLarge

#: Junk that archivers add and nobody wants imported.
_SKIPPED_PARTS = ("__MACOSX",)
_SKIPPED_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass(frozen=True, slots=True)
class Limits:
    files: int
    total_bytes: int
    file_bytes: int
    ratio: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            files=int(settings.JIXIAO_MAX_JOB_FILES),
            total_bytes=int(settings.JIXIAO_MAX_JOB_UNCOMPRESSED_BYTES),
            file_bytes=int(settings.JIXIAO_MAX_UPLOAD_BYTES),
            ratio=int(settings.JIXIAO_MAX_ZIP_RATIO),
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One file to import: its name and bytes, or the reason it is not read."""

    name: str
    data: bytes = b""
    error: str = ""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"


def _name(info: zipfile.ZipInfo) -> str:
    """The entry's name; Windows archivers write Chinese names in GBK without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _wanted(info: zipfile.ZipInfo) -> bool:
    path = PurePosixPath(info.filename)
    if info.is_dir() or any(part in _SKIPPED_PARTS for part in path.parts):
        return False
    return not path.name.startswith("._") and path.name not in _SKIPPED_NAMES


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"压缩包无法读取（{exc}），请检查文件是否完整") from None


def members(data: bytes) -> list[zipfile.ZipInfo]:
    with _open(data) as archive:
        return [info for info in archive.infolist() if _wanted(info)]


def check_zip(data: bytes, limits: Limits) -> int:
    """The number of files to import; :class:`TooLarge` (Chinese) for a refused archive."""
    infos = members(data)
    if not infos:
        raise InputError("压缩包中没有文件")
    if len(infos) > limits.files:
        raise TooLarge(
            f"压缩包含 {len(infos)} 个文件，一次最多 {limits.files} 个，请拆分后分批导入"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        raise TooLarge(
            f"压缩包解压后共 {_mb(total)}，超过 {_mb(limits.total_bytes)} 的上限，请拆分后分批导入"
        )
    packed = sum(info.compress_size for info in infos)
    if total > 1024 * 1024 and total > packed * limits.ratio:
        raise TooLarge(f"压缩包的压缩比超过 {limits.ratio}:1（疑似压缩炸弹），未处理")
    return len(infos)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Entry:
    name = _name(info)
    if info.file_size > limit:
        return Entry(name, error=f"文件超过 {_mb(limit)} 的上限，未导入")
    if info.flag_bits & 0x1:
        return Entry(name, error="文件已加密，无法读取")
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)  # the directory may lie: never read more
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return Entry(name, error=f"压缩包中此文件已损坏（{exc}）")
    if len(data) > limit:
        return Entry(name, error=f"文件超过 {_mb(limit)} 的上限，未导入")
    if is_zip(data) and not name.lower().endswith((".xlsx", ".docx")):
        return Entry(name, error="不支持压缩包中再嵌套压缩包，请解压后重新打包")
    return Entry(name, data)


def zip_entries(
    data: bytes, limits: Limits, before: int = 0, only: range | None = None
) -> Iterator[tuple[int, Entry]]:
    """(position, file) of every wanted member in directory order, positions after ``before``;
    with ``only``, just the members at those positions (the others are not read)."""
    position = before
    with _open(data) as archive:
        for info in archive.infolist():
            if _wanted(info):
                position += 1
                if only is None or position in only:
                    yield position, _read(archive, info, limits.file_bytes)
