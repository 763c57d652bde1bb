"""Calendar dates in 指标值: ``12月31日前``, ``2025年11月前``, ``2025年6月底前``.

A date is a QUANTITATIVE value whose ``number`` is the month (unit ``月``, or a month
unit such as ``月底``), with the optional ``year`` and ``day`` of
:class:`~jixiao.values.types.IndicatorValue`. This module holds the checks shared by the
grammar and ``value_from_json``.

>>> date_problem(2025, Decimal(2), 29)
'日期“2025年2月29日”不存在（2025年2月只有28天）'
>>> date_problem(None, Decimal(2), 29)
''
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Final

#: Units of a month of the year (not a number of months, 个月): 10月, 6月底, 6月中旬.
MONTH_UNITS: Final[frozenset[str]] = frozenset(
    {"月", "月底", "月末", "月初", "月上旬", "月中旬", "月下旬"}
)
MIN_YEAR: Final[int] = 1900
MAX_YEAR: Final[int] = 2100
_LEAP_YEAR: Final[int] = 2024  #: a year-less date may be 2月29日


def month_problem(month: Decimal | None) -> str:
    """Why ``month`` is not a month of the year ('' when it is)."""
    if month is None or month != month.to_integral_value() or not 1 <= month <= 12:
        return f"月份“{'' if month is None else f'{month:f}'}”不存在（应为1至12月）"
    return ""


def date_problem(year: int | None, month: Decimal | None, day: int | None) -> str:
    """Why year/month/day is not a real date ('' when it is); year and day are optional."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return f"年份“{year}”超出范围（应为{MIN_YEAR}至{MAX_YEAR}年）"
    problem = month_problem(month)
    if problem or day is None or month is None:
        return problem
    days = calendar.monthrange(_LEAP_YEAR if year is None else year, int(month))[1]
    if not 1 <= day <= days:
        prefix = "" if year is None else f"{year}年"
        text = f"{prefix}{int(month)}月{day}日"
        if not 1 <= day <= 31:
            return f"日期“{text}”不存在（应为1至31日）"
        return f"日期“{text}”不存在（{prefix}{int(month)}月只有{days}天）"
    return ""
