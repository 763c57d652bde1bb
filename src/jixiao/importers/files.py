"""Reading forms from files: the one entry every command uses.

Every file is read by its content (:func:`jixiao.importers.detect.import_bytes`), and all
files are read before anything is returned, so a bad file leaves no half output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from jixiao.importers.base import FormRead, ImportFailure, ImportIssue, ImportResult
from jixiao.importers.detect import import_bytes, iter_import
from jixiao.model import Declaration


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ImportFailure(f"{path}：文件不存在")
    if not path.is_file():
        raise ImportFailure(f"{path}：不是文件")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}：无法读取（{exc.strerror}）") from None


def iter_file(path: str | Path) -> Iterator[FormRead]:
    """The forms of one file one at a time (see :func:`iter_import`), each with its
    import issues; raises :class:`ImportFailure` when the file holds none."""
    path = Path(path)
    found = False
    for decl, issues in iter_import(_read_bytes(path), str(path)):
        found = found or decl is not None
        yield decl, issues
    if not found:
        raise ImportFailure(f"{path}：没有找到申报表")


def read_file(path: str | Path) -> ImportResult:
    """Every form in one file; raises :class:`ImportFailure` with a Chinese message."""
    path = Path(path)
    result = import_bytes(_read_bytes(path), str(path))
    if not result.declarations:
        raise ImportFailure(f"{path}：没有找到申报表")
    return result


def read_files(paths: Iterable[str | Path]) -> tuple[list[Declaration], list[ImportIssue]]:
    """Every form and import issue of several files, in order; fails on the first bad file."""
    decls: list[Declaration] = []
    issues: list[ImportIssue] = []
    for path in paths:
        result = read_file(path)
        decls.extend(result.declarations)
        issues.extend(result.issues)
    return decls, issues
