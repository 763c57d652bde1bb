"""Reading forms from files: the one entry every command uses.

Every file is read by its content (:func:`jixiao.importers.detect.import_bytes`), and all
files are read before anything is returned, so a bad file leaves no half output.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.importers.base import ImportFailure, ImportIssue, ImportResult
from jixiao.importers.detect import import_bytes
from jixiao.model import Declaration


def read_file(path: str | Path) -> ImportResult:
    """Every form in one file; raises :class:`ImportFailure` with a Chinese message."""
    path = Path(path)
    if not path.exists():
        raise ImportFailure(f"{path}：文件不存在")
    if not path.is_file():
        raise ImportFailure(f"{path}：不是文件")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}：无法读取（{exc.strerror}）") from None
    result = import_bytes(data, str(path))
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
