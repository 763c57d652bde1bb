"""Declarations ↔ stored text, and 万元 ↔ integer 分, both exact."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from jixiao.model import Declaration, from_json_object, to_json_object
from jixiao.model.catalogue import FieldKey, spec
from jixiao.values.money import MoneyError, check_amount, parse_amount

#: 1 万元 = 10 000 元 = 1 000 000 分.
FEN_PER_WAN = Decimal(1_000_000)


def parse_wan(text: str, label: str) -> Decimal | None:
    """A 万元 amount typed into a field (the core's one money parser): blank → None."""
    return parse_amount(text, label)


def to_fen(value: Decimal | None, label: str = "金额") -> int | None:
    """万元 → integer 分; refuses what :func:`check_amount` refuses (finer than 1 分 too)."""
    if value is None:
        return None
    return int(check_amount(value, label) * FEN_PER_WAN)


def from_fen(fen: int | None) -> Decimal | None:
    """Integer 分 → 万元, exact."""
    return None if fen is None else Decimal(fen) / FEN_PER_WAN


def to_text(decl: Declaration) -> str:
    """The stored form: canonical JSON of one declaration."""
    return json.dumps(to_json_object(decl), ensure_ascii=False, sort_keys=True)


#: Keys that say where a form was read, not what it says.
_WHERE_KEYS = frozenset({"location", "field_locations"})


def _without_locations(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_locations(v) for k, v in value.items() if k not in _WHERE_KEYS}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    return value


def identity_digest(decl: Declaration) -> str:
    """A digest of what ``decl`` says, not where it was read from (file, page, line)."""
    text = json.dumps(_without_locations(to_json_object(decl)), ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def from_text(text: str) -> Declaration:
    return from_json_object(json.loads(text))


def money_columns(decl: Declaration) -> dict[str, int | None]:
    """The exact money columns of a row for ``decl``."""
    f = decl.funding
    return {
        "annual_total_fen": to_fen(f.annual_total, spec(FieldKey.ANNUAL_TOTAL).name),
        "fiscal_fen": to_fen(f.fiscal, spec(FieldKey.FISCAL).name),
        "other_fen": to_fen(f.other, spec(FieldKey.OTHER).name),
    }


__all__ = [
    "MoneyError",
    "from_fen",
    "from_text",
    "identity_digest",
    "indicator_text",
    "money_columns",
    "parse_wan",
    "to_fen",
    "to_text",
]


#: Longest 三级指标 search text kept per form (a 10 000-row form is cut, never refused).
INDICATOR_TEXT_LIMIT = 20_000


def indicator_text(decl: Declaration) -> str:
    """The real 三级指标 of ``decl`` as 「名称 指标值」 lines: what the list searches."""
    lines = (f"{ind.name} {ind.display_value}" for g in decl.groups for ind in g.real_indicators)
    return "\n".join(lines)[:INDICATOR_TEXT_LIMIT]
