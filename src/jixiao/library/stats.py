"""Value distributions of a library entry: count, median, quartiles and the typical operator.

Only quantitative values with one number count (a range such as 1-12月 and a calendar date
do not); numbers are grouped by their printed unit with the scale folded in (``1.1万册`` is
1.1 in 万册), so a distribution never mixes 元 and 万元. Quartiles are the inclusive method
of :func:`statistics.quantiles`, in exact ``Decimal``.

>>> from jixiao.values import parse_value
>>> [s.describe() for s in value_stats([parse_value(t) for t in ("≥85%", "≥90%", "≥95%", "95%")])]
['≥88.75–95%（4个取值，中位数92.5%）']
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from jixiao.library.model import ValueStats
from jixiao.values import IndicatorValue, Operator, ValueKind


def unit_of(value: IndicatorValue) -> str:
    """The unit a number is counted in, scale included (万元, 万册, %)."""
    return (value.scale.value if value.scale else "") + value.unit


def countable(value: IndicatorValue) -> bool:
    """A quantitative value with one number (no range, no calendar date)."""
    return (
        value.kind is ValueKind.QUANTITATIVE
        and value.number is not None
        and value.operator is not Operator.RANGE
        and not value.is_date
    )


def value_stats(values: Iterable[IndicatorValue]) -> tuple[ValueStats, ...]:
    """One distribution per unit, the unit with the most values first."""
    by_unit: dict[str, list[IndicatorValue]] = defaultdict(list)
    for value in values:
        if countable(value):
            by_unit[unit_of(value)].append(value)
    found = [_one(unit, vs) for unit, vs in by_unit.items()]
    return tuple(sorted(found, key=lambda s: (-s.count, s.unit)))


def _one(unit: str, values: list[IndicatorValue]) -> ValueStats:
    numbers = sorted(v.number for v in values if v.number is not None)
    if len(numbers) > 1:
        low, median, high = statistics.quantiles(numbers, n=4, method="inclusive")
    else:
        low = median = high = numbers[0]
    ops = Counter(v.operator for v in values).most_common()
    operator = min(ops, key=lambda pair: (-pair[1], str(pair[0])))[0]
    return ValueStats(
        unit=unit,
        count=len(numbers),
        median=_exact(median),
        low=_exact(low),
        high=_exact(high),
        minimum=numbers[0],
        maximum=numbers[-1],
        operator=operator,
    )


def _exact(number: Decimal) -> Decimal:
    """Quantiles of Decimals are Decimals; drop the trailing zeros they gain."""
    return Decimal(int(number)) if number == number.to_integral_value() else number.normalize()


def qualitative_counts(values: Iterable[IndicatorValue]) -> tuple[tuple[str, int], ...]:
    """Qualitative and free-text values with how often each was declared, commonest first."""
    counts = Counter(v.term for v in values if v.kind is not ValueKind.QUANTITATIVE and v.term)
    return tuple(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


def is_outlier(stats: ValueStats, number: Decimal, fence: Decimal) -> bool:
    """Outside the Tukey fences [Q1 − k·IQR, Q3 + k·IQR] of the distribution."""
    spread = (stats.high - stats.low) * fence
    return number < stats.low - spread or number > stats.high + spread
