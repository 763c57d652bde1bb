"""Types of the 指标值 grammar: what a parsed indicator value is.

A value is semantic: the raw text a form printed is kept beside it on the
indicator (``Indicator.value_text``), never inside it, so that
``parse_value(format_value(v)) == v`` holds for every value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class ValueKind(StrEnum):
    """What sort of 指标值 a text is."""

    QUANTITATIVE = "定量"  #: a number with optional operator, scale and unit
    QUALITATIVE = "定性"  #: a known qualitative term (合格, 有效, 全年 …)
    NONE = "无"  #: the placeholder 「无」 meaning "no indicator here"
    FREE_TEXT = "文本"  #: text the grammar could not read; kept verbatim with a reason


class Operator(StrEnum):
    """The comparison a target states; printed forms vary (≧, >=, 不少于, 以上 …)."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="
    RANGE = "~"  #: number .. upper, e.g. 1-12月


class Direction(StrEnum):
    """Scoring direction (domain §3): more is better, less is better, exact, or text."""

    POSITIVE = "正向"
    REVERSE = "反向"
    EXACT = "等于"
    QUALITATIVE = "定性"


class Scale(StrEnum):
    """A Chinese magnitude printed before the unit: 1.1万册, 180万件, 8.87万元."""

    TEN_THOUSAND = "万"
    HUNDRED_MILLION = "亿"

    @property
    def factor(self) -> Decimal:
        return Decimal(10000) if self is Scale.TEN_THOUSAND else Decimal(100000000)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One parsed 指标值.

    ``number`` is exactly as printed (``Decimal("1.1")`` for ``≤1.1万册``, with
    ``scale`` 万 and ``unit`` 册); ``upper`` is the end of a range. A calendar date keeps
    the month as ``number`` with unit 月 and adds ``year`` and/or ``day``: ``2025年12月31日前``
    is operator ≤, number 12, unit 月, year 2025, day 31. ``term`` holds the
    qualitative word, or for FREE_TEXT the whole text. ``reason`` says, in Chinese,
    why a FREE_TEXT value could not be read. ``notes`` are remarks of the grammar
    (e.g. a symbol contradicting a word) and do not take part in equality.
    """

    kind: ValueKind
    operator: Operator | None = None
    number: Decimal | None = None
    upper: Decimal | None = None
    scale: Scale | None = None
    unit: str = ""
    year: int | None = None  #: year of a calendar date (2025年11月前), else None
    day: int | None = None  #: day of the month of a calendar date (12月31日前), else None
    term: str = ""
    reason: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def direction(self) -> Direction:
        """Scoring direction derived from the operator (a bare number is EXACT)."""
        if self.kind is not ValueKind.QUANTITATIVE:
            return Direction.QUALITATIVE
        if self.operator in (Operator.GE, Operator.GT):
            return Direction.POSITIVE
        if self.operator in (Operator.LE, Operator.LT):
            return Direction.REVERSE
        return Direction.EXACT

    @property
    def is_quantitative(self) -> bool:
        return self.kind is ValueKind.QUANTITATIVE

    @property
    def is_date(self) -> bool:
        """A calendar date with a year or a day (2025年11月前, 12月31日前); 10月 is not."""
        return self.year is not None or self.day is not None


class ValueGrammarError(ValueError):
    """Raised by ``parse_value_strict`` (and ``value_from_json`` on bad data).

    The message, in Chinese, names the accepted shapes.
    """
