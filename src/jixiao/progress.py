"""The progress bar of every long command: tqdm on stderr, shown only on a terminal.

stdout stays exactly what it was (tests and scripts read it); when stderr is not a TTY
(a pipe, a log file, CI) the bar is off and nothing extra is written; tqdm is then not
even imported (it costs the CLI's start-up a tenth of its time).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import TextIO, TypeVar, overload

T = TypeVar("T")


def progress(
    items: Iterable[T], desc: str, unit: str = "个文件", stream: TextIO | None = None
) -> Iterator[T]:
    """``items`` with a bar labelled ``desc`` on ``stream`` (stderr) when it is a terminal."""
    out = stream or sys.stderr
    enabled = len(items) > 1 if isinstance(items, Sized) else True
    if not (enabled and out.isatty()):
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, file=out, leave=False)


class _Shown(Sequence[T]):
    """A list whose first pass shows a bar: for a renderer that walks its forms once."""

    def __init__(self, items: list[T], desc: str, unit: str) -> None:
        self._items, self._desc, self._unit, self._shown = items, desc, unit, False

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        if self._shown:
            return iter(self._items)
        self._shown = True
        return progress(self._items, self._desc, self._unit)


def progress_list(items: list[T], desc: str, unit: str = "份") -> Sequence[T]:
    """``items`` as a sequence that shows a bar the first time it is walked through."""
    return _Shown(items, desc, unit)
