"""Amounts of money as typed or sent: the one parser of a 万元 figure, with its limits.

Every amount the system accepts from a person or a client goes through :func:`parse_amount`
(text) or :func:`check_amount` (a ``Decimal`` already read, e.g. from canonical JSON):
finite, not negative, at most 6 decimals of 万元 (1 分), and at most :data:`MAX_WAN`.
``150万`` and ``150万元`` are both 万元; ``1,500,000元`` is converted.

>>> parse_amount("150万")
Decimal('150')
>>> parse_amount(" 1,285,430.50元 ")
Decimal('128.54305')
>>> parse_amount("")
>>> parse_amount("-5", "年度资金总额")
Traceback (most recent call last):
...
jixiao.values.money.MoneyError: 年度资金总额“-5”不能为负数
>>> parse_amount("1e9999")
Traceback (most recent call last):
...
jixiao.values.money.MoneyError: 金额“1e9999”超过上限 10000000 万元（1000 亿元）
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

#: The largest amount accepted, in 万元 (1000 亿元: above any single project of a city budget).
MAX_WAN: Final = Decimal(10_000_000)
#: The smallest step, in 万元: 1 分.
STEP_WAN: Final = Decimal("0.000001")

_YUAN_PER_WAN: Final = Decimal(10_000)
_SHAPE: Final = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(万元|万|元)?$")


class MoneyError(ValueError):
    """An amount that cannot be accepted; the message is Chinese and says why."""


def parse_amount(text: str, label: str = "金额", unit: str = "万元") -> Decimal | None:
    """A 万元 amount typed as text: blank → None; separators and a 万元 / 万 / 元 unit allowed.

    ``unit`` is the unit of a bare number (a form whose header says 单位：元 passes "元").

    >>> parse_amount("531,500", unit="元")
    Decimal('53.15')
    """
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    if not cleaned:
        return None
    match = _SHAPE.match(cleaned)
    if match is None:
        raise MoneyError(f"{label}“{text}”不是数字（单位：万元，如 150 或 150万元）")
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise MoneyError(f"{label}“{text}”不是数字") from None
    if (match.group(2) or unit) == "元":
        value = value / _YUAN_PER_WAN
    return check_amount(value, label, text)


def check_amount(value: Decimal, label: str = "金额", text: str | None = None) -> Decimal:
    """``value`` (万元) if it is finite, ≥ 0, ≤ :data:`MAX_WAN` and exact to 1 分.

    >>> check_amount(Decimal("0.0000001"))
    Traceback (most recent call last):
    ...
    jixiao.values.money.MoneyError: 金额“0.0000001”精确到分以下（最多 6 位小数，单位：万元）
    """
    shown = text if text is not None else _shown(value)
    if not value.is_finite():
        raise MoneyError(f"{label}“{shown}”不是有限数值")
    if value < 0:
        raise MoneyError(f"{label}“{shown}”不能为负数")
    if value > MAX_WAN:
        raise MoneyError(f"{label}“{shown}”超过上限 {MAX_WAN} 万元（1000 亿元）")
    if value % STEP_WAN != 0:
        raise MoneyError(f"{label}“{shown}”精确到分以下（最多 6 位小数，单位：万元）")
    return value


def _shown(value: Decimal) -> str:
    """``value`` in plain notation unless that would be absurdly long."""
    return format(value, "f") if value.is_finite() and -20 < value.adjusted() < 20 else str(value)


__all__ = ["MAX_WAN", "STEP_WAN", "MoneyError", "check_amount", "parse_amount"]
