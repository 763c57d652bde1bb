"""The one money parser: accepted shapes, refusals with their Chinese reason, exact round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.values.money import (
    MAX_WAN,
    MoneyError,
    check_amount,
    parse_amount,
    printed_amount,
    to_wan,
)

ACCEPTED = [
    ("150", Decimal("150")),
    ("150万", Decimal("150")),
    ("150万元", Decimal("150")),
    ("150 万元", Decimal("150")),
    ("1,500,000元", Decimal("150")),
    ("1，500，000 元", Decimal("150")),
    ("0.000001", Decimal("0.000001")),
    ("0", Decimal("0")),
    ("+12.5", Decimal("12.5")),
    ("10000000", MAX_WAN),
    ("", None),
    ("   ", None),
]
REFUSED = [
    ("abc", "不是数字"),
    ("一百万", "不是数字"),
    ("150万美元", "不是数字"),
    ("1" * 40, "超过上限"),
    ("1e9999", "超过上限"),
    ("10000000.000001", "超过上限"),
    ("-5", "不能为负数"),
    ("-0.000001", "不能为负数"),
    ("53.1234567", "精确到分以下"),
    ("0.005元", "精确到分以下"),
    ("NaN", "不是数字"),
    ("Infinity", "不是数字"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_it_reads_the_accepted_shapes(text: str, expected: Decimal | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_it_refuses_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(MoneyError, match=reason) as caught:
        parse_amount(text, "年度资金总额")
    assert str(caught.value).startswith("年度资金总额“")


def test_it_refuses_non_finite_decimals_read_elsewhere() -> None:
    with pytest.raises(MoneyError, match="不是有限数值"):
        check_amount(Decimal("NaN"), "其他资金")


AMOUNTS = st.decimals(min_value=0, max_value=MAX_WAN, places=6, allow_nan=False)


@given(AMOUNTS)
def test_it_round_trips_every_amount_it_accepts(value: Decimal) -> None:
    assert parse_amount(str(value)) == value
    assert parse_amount(f"{value}万元") == value
    assert parse_amount(f"{value * 10000:f}元") == value


PRINTED = [
    ("1,681,680 元", "万元", Decimal("168.168")),
    ("1681680", "元", Decimal("168.168")),
    ("250万", "元", Decimal("250")),
    ("1.2亿元", "万元", Decimal("12000")),
    ("-5", "万元", Decimal("-5")),  # kept as printed: judging it is the review's job
    ("1" * 12, "万元", Decimal("1" * 12)),
    ("约5万", "万元", None),
    ("", "万元", None),
    ("—", "万元", None),
]


@pytest.mark.parametrize(("text", "unit", "expected"), PRINTED)
def test_it_reads_a_printed_amount_without_judging_it(
    text: str, unit: str, expected: Decimal | None
) -> None:
    assert printed_amount(text, unit) == expected


def test_it_converts_a_number_and_its_unit_found_by_a_pattern() -> None:
    assert to_wan("1,285,430.50", "元") == Decimal("128.54305")
    with pytest.raises(MoneyError, match="不是数字"):
        to_wan("1..2", "万元")
    with pytest.raises(MoneyError, match="单位“美元”"):
        to_wan("5", "美元")
