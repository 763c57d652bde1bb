"""Typed parsing of every request field the pages and the API read: a Chinese error, never a 500.

Each parser returns the typed value or raises :class:`InputError` whose message names the
field and what is accepted; views answer it with 400. Money goes through the core's one
parser (:mod:`jixiao.values.money`); years must fall in the configured range
(``JIXIAO_YEAR_MIN`` / ``JIXIAO_YEAR_MAX``, docs/deployment.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings

from jixiao.model import Declaration, Level2, TreeVariant
from jixiao.model.catalogue import FieldKey, spec
from jixiao.values.money import MoneyError, check_amount

#: Longest digit string read as a number at all (a revision or a page number).
_MAX_DIGITS = 9


class InputError(ValueError):
    """A request field that cannot be read; the message is Chinese."""


def year_range() -> tuple[int, int]:
    """The 预算年度 accepted anywhere: (first, last), from the settings."""
    return settings.JIXIAO_YEAR_MIN, settings.JIXIAO_YEAR_MAX


def check_year(year: int | None, label: str = "年度") -> int | None:
    first, last = year_range()
    if year is not None and not first <= year <= last:
        raise InputError(f"{label}“{year}”不在允许范围 {first}–{last} 内")
    return year


def parse_year(text: str, label: str = "年度") -> int:
    """A four-digit year inside :func:`year_range`."""
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) == 4):
        raise InputError(f"{label}“{text[:20]}”应为四位数字年份")
    year = check_year(int(cleaned), label)
    assert year is not None
    return year


def parse_count(text: str, label: str, default: int = 0) -> int:
    """A non-negative whole number such as a revision (blank → ``default``)."""
    cleaned = text.strip()
    if not cleaned:
        return default
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= _MAX_DIGITS):
        raise InputError(f"{label}“{text[:20]}”应为不超过 {_MAX_DIGITS} 位的非负整数")
    return int(cleaned)


def parse_uuid(text: str, label: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise InputError(f"{label}“{text[:40]}”不是有效的标识") from None


def parse_tree(text: str, default: TreeVariant = TreeVariant.CLASSIC) -> TreeVariant:
    """指标体系: one of the known trees (blank → ``default``)."""
    if not text.strip():
        return default
    try:
        return TreeVariant(text.strip())
    except ValueError:
        known = "、".join(t.value for t in TreeVariant)
        raise InputError(f"指标体系“{text[:40]}”不是已知的体系（{known}）") from None


def parse_level2(text: str) -> Level2:
    """二级指标 of an indicator row: one of the known names."""
    try:
        return Level2(text.strip())
    except ValueError:
        raise InputError(f"二级指标“{text[:40]}”不是已知的二级指标") from None


def check_form(form: Declaration) -> Declaration:
    """A whole form sent as canonical JSON (the API): its year and amounts within limits."""
    check_year(form.year)
    f = form.funding
    keys = (FieldKey.ANNUAL_TOTAL, FieldKey.FISCAL, FieldKey.OTHER, FieldKey.PROJECT_TOTAL)
    for key in keys:
        value = getattr(f, key.value)
        if value is not None:
            try:
                check_amount(value, spec(key).name)
            except MoneyError as exc:
                raise InputError(str(exc)) from None
    return form
