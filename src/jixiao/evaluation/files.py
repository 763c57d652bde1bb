"""Reading self-evaluations from files, by content: canonical JSON, the offline Excel
自评表, or the text of a published 自评表. All files are read before anything is returned."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.evaluation.canonical import is_evaluation_json, loads
from jixiao.evaluation.grid import GridFormatError, read_document
from jixiao.evaluation.model import SelfEvaluation
from jixiao.evaluation.reader import read_text
from jixiao.importers.base import ImportFailure
from jixiao.model import CanonicalFormatError

MAX_BYTES = 20 * 1024 * 1024
_ZIP = b"PK\x03\x04"


class EvaluationInputError(ValueError):
    """A file that cannot be read as a self-evaluation; the message is Chinese."""


def _bytes(path: Path) -> bytes:
    if not path.exists():
        raise EvaluationInputError(f"{path}：文件不存在")
    if not path.is_file():
        raise EvaluationInputError(f"{path}：不是文件")
    if path.stat().st_size > MAX_BYTES:
        raise EvaluationInputError(f"{path}：文件超过 {MAX_BYTES // 1024 // 1024} MB")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EvaluationInputError(f"{path}：无法读取（{exc.strerror}）") from None


def _text(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EvaluationInputError(f"{path}：无法识别的文字编码（应为 UTF-8 或 GB18030）")


def read_evaluation_file(path: str | Path) -> list[SelfEvaluation]:
    """Every self-evaluation in one file, or :class:`EvaluationInputError`."""
    path = Path(path)
    data = _bytes(path)
    if data.startswith((_ZIP, b"%PDF")):
        try:
            return read_document(data, str(path))
        except GridFormatError as exc:
            raise EvaluationInputError(f"{path}：{exc}") from None
        except ImportFailure as exc:  # the importers' reader: encrypted or damaged, said so
            raise EvaluationInputError(str(exc)) from None
        except Exception:  # a damaged file: the libraries raise their own types
            raise EvaluationInputError(
                f"{path}：文件已损坏或不是自评表（PDF、Excel、Word）"
            ) from None
    text = _text(data, path)
    if is_evaluation_json(text):
        try:
            return loads(text)
        except CanonicalFormatError as exc:
            raise EvaluationInputError(f"{path}：{exc}") from None
    found = read_text(text, str(path))
    if not found:
        raise EvaluationInputError(
            f"{path}：没有找到自评表（应含“绩效自评表”标题或“实际完成值”栏）"
        )
    return found


def read_evaluations(paths: Iterable[str | Path]) -> list[tuple[str, SelfEvaluation]]:
    """(file, self-evaluation) for every form of several files; fails on the first bad file."""
    return [(str(p), ev) for p in paths for ev in read_evaluation_file(p)]
