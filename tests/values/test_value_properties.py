"""Hypothesis properties of the 指标值 grammar."""

from __future__ import annotations

import calendar
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from jixiao.values import (
    KNOWN_UNITS,
    MONTH_UNITS,
    QUALITATIVE_TERMS,
    IndicatorValue,
    Operator,
    Scale,
    ValueGrammarError,
    ValueKind,
    format_value,
    parse_value,
    parse_value_strict,
    value_from_json,
    value_to_json,
)

#: Units the grammar can produce: a unit starting with 万/亿 is always read as a scale.
UNITS = [*sorted(u for u in KNOWN_UNITS if u[0] not in "万亿"), ""]
SINGLE_OPERATORS = [op for op in Operator if op is not Operator.RANGE]

decimals = st.integers(min_value=0, max_value=4).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=10**9, places=places, allow_nan=False, allow_infinity=False
    )
)
scales = st.sampled_from([None, *Scale])
units = st.sampled_from(UNITS)


@st.composite
def single_values(draw: st.DrawFn) -> IndicatorValue:
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        operator=draw(st.sampled_from([None, *SINGLE_OPERATORS])),
        number=draw(decimals),
        scale=draw(scales),
        unit=draw(units),
    )


@st.composite
def range_values(draw: st.DrawFn) -> IndicatorValue:
    low, high = draw(decimals), draw(decimals)
    if low == high:
        high = low + 1
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        operator=Operator.RANGE,
        number=min(low, high),
        upper=max(low, high),
        scale=draw(scales),
        unit=draw(units),
    )


years = st.none() | st.integers(min_value=1900, max_value=2100)
months = st.integers(min_value=1, max_value=12)


@st.composite
def date_values(draw: st.DrawFn) -> IndicatorValue:
    """12月31日前, 2025年11月前, 2025年6月底: the month with unit 月, a year and/or a day."""
    year, month = draw(years), draw(months)
    if draw(st.booleans()):
        last = calendar.monthrange(2024 if year is None else year, month)[1]
        day: int | None = draw(st.integers(min_value=1, max_value=last))
        unit = "月"
    else:
        day, unit = None, draw(st.sampled_from(sorted(MONTH_UNITS)))
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        operator=draw(st.sampled_from([None, *SINGLE_OPERATORS])),
        number=Decimal(month),
        unit=unit,
        year=year,
        day=day,
    )


@st.composite
def year_range_values(draw: st.DrawFn) -> IndicatorValue:
    """2025年1-12月: a year before a range of months."""
    low, high = sorted(draw(st.lists(months, min_size=2, max_size=2, unique=True)))
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        operator=Operator.RANGE,
        number=Decimal(low),
        upper=Decimal(high),
        unit=draw(st.sampled_from(sorted(MONTH_UNITS))),
        year=draw(st.integers(min_value=1900, max_value=2100)),
    )


qualitative_values = st.sampled_from(sorted(QUALITATIVE_TERMS)).map(
    lambda term: IndicatorValue(kind=ValueKind.QUALITATIVE, term=term)
)
none_values = st.just(IndicatorValue(kind=ValueKind.NONE))
free_values = st.text(max_size=30).map(parse_value).filter(lambda v: v.kind is ValueKind.FREE_TEXT)

#: Every kind of value the grammar can produce.
values = st.one_of(
    single_values(),
    range_values(),
    date_values(),
    year_range_values(),
    qualitative_values,
    none_values,
    free_values,
)


@given(values)
@example(IndicatorValue(kind=ValueKind.QUANTITATIVE, number=Decimal("100.00"), unit="%"))
def test_format_then_parse_is_identity(value: IndicatorValue) -> None:
    assert parse_value(format_value(value)) == value


@given(values)
def test_json_round_trip(value: IndicatorValue) -> None:
    back = value_from_json(value_to_json(value))
    assert back == value
    assert back.notes == value.notes
    assert value_to_json(back) == value_to_json(value)


@given(st.one_of(date_values(), year_range_values()))
def test_dates_format_then_parse_is_identity(value: IndicatorValue) -> None:
    back = parse_value(format_value(value))
    assert back == value
    assert (back.year, back.day) == (value.year, value.day)


@given(values)
def test_json_keeps_decimal_digits(value: IndicatorValue) -> None:
    data = value_to_json(value)
    assert data["number"] == (None if value.number is None else str(value.number))


@given(st.text())
def test_parse_value_never_raises(text: str) -> None:
    assert isinstance(parse_value(text), IndicatorValue)


SOUP = "≥≤<>=＜＞≧≦%％()（）0123456789.,-~至万亿个月日号年底每内前以上下不少于晚一二十百千两〇完成 "


@given(st.text(alphabet=SOUP))
def test_parse_value_never_raises_on_grammar_soup(text: str) -> None:
    value = parse_value(text)
    assert isinstance(value, IndicatorValue)
    assert parse_value(format_value(value)) == value


@given(st.text())
def test_reparsing_the_canonical_text_is_stable(text: str) -> None:
    value = parse_value(text)
    assert parse_value(format_value(value)) == value
    assert format_value(parse_value(format_value(value))) == format_value(value)


@given(st.text())
def test_parse_value_strict_raises_only_grammar_errors(text: str) -> None:
    try:
        value = parse_value_strict(text)
    except ValueGrammarError as error:
        assert "应为" in str(error)
    else:
        assert value.kind is not ValueKind.FREE_TEXT


@given(st.text())
def test_free_text_keeps_stripped_original(text: str) -> None:
    value = parse_value(text)
    if value.kind is ValueKind.FREE_TEXT:
        assert value.term == text.strip()
        assert value.reason
