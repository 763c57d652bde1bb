"""Chinese numerals (中文数字) as printed in 指标值: 三次, 十二个月, 一千二百人, 两万.

A numeral that ends in 万 or 亿 is *not* read here: that trailing magnitude is a
:class:`~jixiao.values.types.Scale`, exactly as for arabic digits (两万 → 2, 万). A 万/亿
followed by more numeral characters (一万二千) is part of the number (12000).

>>> chinese_to_decimal("一千二百")
Decimal('1200')
>>> chinese_to_decimal("十二")
Decimal('12')
>>> chinese_to_decimal("二〇二五")
Decimal('2025')
>>> chinese_to_decimal("一万二千")
Decimal('12000')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

_DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
_BIG: Final[dict[str, int]] = {"万": 10_000, "亿": 100_000_000}

_DIGIT_CHARS: Final[str] = "".join(_DIGITS)
_INNER_CHARS: Final[str] = _DIGIT_CHARS + "十百千"

#: Regex source for a Chinese numeral: it starts with a digit or 十 (not 百/千, which
#: alone are more often prose), and may contain 万/亿 only when more numeral follows.
CHINESE_NUMERAL: Final[str] = f"[{_DIGIT_CHARS}十][{_INNER_CHARS}]*(?:[万亿][{_INNER_CHARS}]+)*"

#: Longest numeral accepted; longer runs are prose or nonsense.
_MAX_LEN: Final[int] = 24


def chinese_to_decimal(text: str) -> Decimal | None:
    """The value of a Chinese numeral, or None if it is malformed (e.g. 三五)."""
    if not text or len(text) > _MAX_LEN:
        return None
    if all(c in _DIGITS for c in text):
        return _digit_string(text)
    return _positional(text)


def _digit_string(text: str) -> Decimal | None:
    """二〇二五 → 2025 (a digit run needs 〇/零 to be read so: 三五 is "3 to 5"); 三 → 3."""
    if len(text) > 1 and not ("〇" in text or "零" in text):
        return None
    return Decimal("".join(str(_DIGITS[c]) for c in text))


def _positional(text: str) -> Decimal | None:
    """十二 → 12, 一千零五 → 1005, 一万二千 → 12000; None when two digits touch."""
    above_yi = above_wan = section = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            if digit not in (None, 0) and _DIGITS[char] != 0:
                return None
            digit = _DIGITS[char]
        elif char in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[char]
            digit = None
        elif char == "万":
            above_wan = (section + (digit or 0)) * _BIG[char]
            section, digit = 0, None
        else:
            above_yi = (above_yi + above_wan + section + (digit or 0)) * _BIG[char]
            above_wan = section = 0
            digit = None
    return Decimal(above_yi + above_wan + section + (digit or 0))
