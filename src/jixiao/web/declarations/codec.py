"""Declarations ↔ stored text, and 万元 ↔ integer 分, both exact."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from jixiao.model import Declaration, from_json_object, to_json_object

#: 1 万元 = 10 000 元 = 1 000 000 分.
FEN_PER_WAN = Decimal(1_000_000)


class MoneyError(ValueError):
    """An amount that cannot be stored exactly; the message is Chinese."""


def parse_wan(text: str, label: str) -> Decimal | None:
    """A 万元 amount typed into a field: blank → None; commas and a 万元 suffix allowed."""
    cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("万元").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError(f"{label}“{text}”不是数字（单位：万元）") from None
    if not value.is_finite():
        raise MoneyError(f"{label}“{text}”不是有限数值")
    to_fen(value, label)
    return value


def to_fen(value: Decimal | None, label: str = "金额") -> int | None:
    """万元 → integer 分; refuses amounts finer than 1 分 (0.000001 万元)."""
    if value is None:
        return None
    fen = value * FEN_PER_WAN
    if fen != fen.to_integral_value():
        raise MoneyError(f"{label} {value} 万元精确到分以下（最小单位 0.000001 万元），无法记账")
    return int(fen)


def from_fen(fen: int | None) -> Decimal | None:
    """Integer 分 → 万元, exact."""
    return None if fen is None else Decimal(fen) / FEN_PER_WAN


def to_text(decl: Declaration) -> str:
    """The stored form: canonical JSON of one declaration."""
    return json.dumps(to_json_object(decl), ensure_ascii=False, sort_keys=True)


def from_text(text: str) -> Declaration:
    return from_json_object(json.loads(text))


def money_columns(decl: Declaration) -> dict[str, int | None]:
    """The exact money columns of a row for ``decl``."""
    f = decl.funding
    return {
        "annual_total_fen": to_fen(f.annual_total, "年度资金总额"),
        "fiscal_fen": to_fen(f.fiscal, "财政拨款"),
        "other_fen": to_fen(f.other, "其他资金"),
    }
