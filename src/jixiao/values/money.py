"""Amounts of money as typed or sent: the one parser of a 万元 figure, with its limits.

Every amount the system accepts from a person or a client goes through :func:`parse_amount`
(text) or :func:`check_amount` (a ``Decimal`` already read, e.g. from canonical JSON):
finite, not negative, at most 6 decimals of 万元 (1 分), and at most :data:`MAX_WAN`.
``150万`` and ``150万元`` are both 万元; ``1,500,000元`` and ``1.2亿`` are converted.

The importers read what a form prints, which may be wrong: :func:`printed_amount` turns a
printed amount into exact 万元 without judging it (a negative or huge figure is kept as
printed; judging it is the review's job) and :func:`to_wan` converts a number and its unit
found by a larger pattern (:data:`NUMBER` and :data:`UNIT` are its pieces).

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

#: A number as printed, thousands separators allowed (for use inside a larger pattern).
NUMBER: Final = r"[0-9][0-9,，]*(?:\.[0-9]+)?"
#: The units an amount may carry, longest first.
UNIT: Final = r"亿元|亿|万元|万|元"

_TEN_THOUSAND: Final = Decimal(10_000)  # 元 per 万元, and 万元 per 亿元
_SHAPE: Final = re.compile(
    r"^([+-]?(?:[0-9][0-9,，]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(" + UNIT + ")?$"
)


class MoneyError(ValueError):
    """An amount that cannot be accepted; the message is Chinese and says why."""


def parse_amount(text: str, label: str = "金额", unit: str = "万元") -> Decimal | None:
    """A 万元 amount typed as text: blank → None; separators and a 万元 / 万 / 元 / 亿 unit allowed.

    ``unit`` is the unit of a bare number (a form whose header says 单位：元 passes "元").

    >>> parse_amount("531,500", unit="元")
    Decimal('53.15')
    >>> parse_amount("1.2亿")
    Decimal('12000.0')
    """
    if not text.strip():
        return None
    value = printed_amount(text, unit)
    if value is None:
        raise MoneyError(f"{label}“{text}”不是数字（单位：万元，如 150 或 150万元）")
    return check_amount(value, label, text)


def printed_amount(text: str, unit: str = "万元") -> Decimal | None:
    """An amount as printed → exact 万元, not judged; None when ``text`` is not an amount.

    Spaces and thousands separators are ignored; ``unit`` is the unit of a bare number.

    >>> printed_amount(" 1,681,680 元"), printed_amount("-5", "元"), printed_amount("约5万")
    (Decimal('168.168'), Decimal('-0.0005'), None)
    """
    match = _SHAPE.match("".join(text.split()))
    if match is None:
        return None
    return to_wan(match.group(1), match.group(2) or unit)


def to_wan(number: str, unit: str) -> Decimal:
    """``number`` (separators allowed) in ``unit`` (元 / 万元 / 万 / 亿元 / 亿) → exact 万元.

    Raises :class:`MoneyError` when ``number`` is not a number or ``unit`` not a unit.

    >>> to_wan("1,285,430.50", "元"), to_wan("3", "亿")
    (Decimal('128.54305'), Decimal('30000'))
    """
    try:
        value = Decimal(number.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise MoneyError(f"金额“{number}”不是数字") from None
    if unit == "元":
        return value / _TEN_THOUSAND
    if unit in ("亿元", "亿"):
        return value * _TEN_THOUSAND
    if unit in ("万元", "万"):
        return value
    raise MoneyError(f"金额单位“{unit}”应为元、万元或亿元")


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


__all__ = [
    "MAX_WAN",
    "NUMBER",
    "STEP_WAN",
    "UNIT",
    "MoneyError",
    "check_amount",
    "parse_amount",
    "printed_amount",
    "to_wan",
]
