"""Serialised writes: one transaction at a time on SQLite, with a bounded retry.

SQLite allows one writer. The settings open every transaction with ``BEGIN IMMEDIATE`` (the
write lock is taken at the start, so two transactions never deadlock upgrading a read lock)
and wait up to 20 s for it; :func:`serialised` retries a write a few more times when the lock
still could not be had, so two reviewers acting at the same moment both get an answer.
PostgreSQL needs none of this (row locks); the decorator then runs the function once.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection

P = ParamSpec("P")
R = TypeVar("R")

#: Attempts in all, and the pause before each retry (seconds, doubled every time).
ATTEMPTS = 4
PAUSE = 0.05


class Busy(Exception):
    """The database stayed locked through every attempt; nothing was written."""


def _locked(exc: OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def serialised(write: Callable[P, R]) -> Callable[P, R]:
    """Run ``write`` (itself atomic), retrying when SQLite reports the database locked."""

    @functools.wraps(write)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if connection.in_atomic_block:  # an outer transaction owns the retry
            return write(*args, **kwargs)
        for attempt in range(ATTEMPTS):
            try:
                return write(*args, **kwargs)
            except OperationalError as exc:
                if not _locked(exc):
                    raise
                time.sleep(PAUSE * 2**attempt)
        raise Busy("系统繁忙：数据库正被其他操作占用，您的操作没有生效，请稍后重试")

    return run
