"""Canonical text, Chinese reading and JSON form of an :class:`IndicatorValue`.

JSON shape (``value_to_json``; every key present except ``year`` and ``day``, which appear
only on calendar dates; ``direction`` is derived)::

    {
      "kind": "定量" | "定性" | "无" | "文本",
      "operator": "≥" | ">" | "≤" | "<" | "=" | "~" | null,
      "number": "100.00" | null,      # str(Decimal), digits exactly as printed
      "upper": "12" | null,           # end of a range (operator "~")
      "scale": "万" | "亿" | null,
      "unit": "个",                   # "" when none
      "year": 2025,                   # only on a date: 2025年11月前 (number 11, unit 月)
      "day": 31,                      # only on a date: 12月31日前 (number 12, unit 月)
      "term": "合格",                 # qualitative word, or the FREE_TEXT text
      "reason": "",                   # why FREE_TEXT could not be read
      "notes": ["…"],                 # remarks of the grammar
      "direction": "正向" | "反向" | "等于" | "定性"
    }

``value_from_json`` accepts the same object (``direction`` optional but checked, other
keys except ``kind`` optional, so documents written before ``year``/``day`` existed still
load) and raises :class:`ValueGrammarError` on bad data.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeVar

from jixiao.values.dates import MAX_YEAR, MIN_YEAR, MONTH_UNITS, date_problem, month_problem
from jixiao.values.types import (
    Direction,
    IndicatorValue,
    Operator,
    Scale,
    ValueGrammarError,
    ValueKind,
)

JsonValue = str | int | list[str] | None
_E = TypeVar("_E", ValueKind, Operator, Scale)

_DECIMAL_PATTERN: Final[str] = r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"

#: JSON Schema (draft 2020-12) fragment for the object ``value_to_json`` returns.
VALUE_JSON_SCHEMA: Final[dict[str, Any]] = {
    "title": "IndicatorValue",
    "description": "一个指标值（解析后）。Parsed 指标值; decimals are strings.",
    "type": "object",
    "properties": {
        "kind": {"enum": [k.value for k in ValueKind]},
        "operator": {"enum": [*(o.value for o in Operator), None]},
        "number": {"type": ["string", "null"], "pattern": _DECIMAL_PATTERN},
        "upper": {"type": ["string", "null"], "pattern": _DECIMAL_PATTERN},
        "scale": {"enum": [*(s.value for s in Scale), None]},
        "unit": {"type": "string"},
        "year": {"type": ["integer", "null"], "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        "day": {"type": ["integer", "null"], "minimum": 1, "maximum": 31},
        "term": {"type": "string"},
        "reason": {"type": "string"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "direction": {"enum": [d.value for d in Direction]},
    },
    "required": ["kind"],
    "additionalProperties": False,
}

_KEYS: Final[frozenset[str]] = frozenset(VALUE_JSON_SCHEMA["properties"])

# --- canonical text ----------------------------------------------------------------------


def format_value(v: IndicatorValue) -> str:
    """The canonical text of a value; ``parse_value(format_value(v)) == v``.

    >>> from jixiao.values.grammar import parse_value
    >>> format_value(parse_value("30日内"))
    '≤30日'
    >>> format_value(parse_value("＝100.00（%）"))
    '=100.00%'
    >>> format_value(parse_value("1～12月"))
    '1-12月'
    >>> format_value(parse_value("2025年12月31日之前"))
    '≤2025年12月31日'
    >>> format_value(parse_value("—"))
    '无'
    """
    if v.kind is ValueKind.NONE:
        return "无"
    if v.kind is not ValueKind.QUANTITATIVE:
        return v.term
    return _operator_text(v) + _amount(v)


def _operator_text(v: IndicatorValue) -> str:
    if v.operator is None or v.operator is Operator.RANGE:
        return ""
    return v.operator.value


def _amount(v: IndicatorValue, sep: str = "-") -> str:
    """Year, number (or range), scale, unit and day, without the operator."""
    text = ("" if v.year is None else f"{v.year}年") + _num(v.number)
    if v.operator is Operator.RANGE:
        text += sep + _num(v.upper)
    text += (v.scale.value if v.scale else "") + v.unit
    return text + ("" if v.day is None else f"{v.day}日")


def _num(d: Decimal | None) -> str:
    return "" if d is None else f"{d:f}"


# --- Chinese reading ---------------------------------------------------------------------

_PERCENT_UNITS: Final[frozenset[str]] = frozenset({"%", "‰", "分", "个百分点", "百分点"})
_WORDS: Final[dict[Operator, tuple[str, str]]] = {
    # operator: (word for counts and amounts, word for rates)
    Operator.GE: ("不少于", "不低于"),
    Operator.GT: ("多于", "高于"),
    Operator.LE: ("不超过", "不超过"),
    Operator.LT: ("少于", "低于"),
    Operator.EQ: ("等于", "等于"),
}
#: Words for a month of the year or a date (11月前, 2025年12月31日前): 不晚于, not 不超过.
_DATE_WORDS: Final[dict[Operator, str]] = {
    Operator.GE: "不早于",
    Operator.GT: "晚于",
    Operator.LE: "不晚于",
    Operator.LT: "早于",
    Operator.EQ: "等于",
}


def explain(v: IndicatorValue) -> str:
    """A Chinese reading of a value, for reviewers and the public page.

    >>> from jixiao.values.grammar import parse_value
    >>> explain(parse_value("≥35个"))
    '不少于35个'
    >>> explain(parse_value("＜1%"))
    '低于1%'
    >>> explain(parse_value("1-12月"))
    '1至12月'
    >>> explain(parse_value("2025年12月31日前"))
    '不晚于2025年12月31日'
    >>> explain(parse_value("合格"))
    '定性：合格'
    >>> explain(parse_value("无"))
    '无此项指标'
    """
    if v.kind is ValueKind.NONE:
        return "无此项指标"
    if v.kind is ValueKind.QUALITATIVE:
        return f"定性：{v.term}"
    if v.kind is ValueKind.FREE_TEXT:
        return f"无法识别：{v.term}"
    if v.operator is None or v.operator is Operator.RANGE:
        return _amount(v, sep="至")
    if v.is_date or v.unit in MONTH_UNITS:
        return _DATE_WORDS[v.operator] + _amount(v)
    words = _WORDS[v.operator]
    return words[v.unit in _PERCENT_UNITS] + _amount(v)


# --- JSON --------------------------------------------------------------------------------


def value_to_json(v: IndicatorValue) -> dict[str, JsonValue]:
    """The JSON object of a value (see the module docstring for its shape).

    ``year`` and ``day`` are written only when set, so the JSON of every value that is
    not a calendar date is unchanged from documents written before they existed.

    >>> from jixiao.values.grammar import parse_value
    >>> d = value_to_json(parse_value("12月31日前"))
    >>> d["operator"] == "≤", d["number"], d["unit"], d["day"], "year" in d
    (True, '12', '月', 31, False)
    """
    data: dict[str, JsonValue] = {  # StrEnum members are their printed strings
        "kind": v.kind,
        "operator": v.operator,
        "number": None if v.number is None else str(v.number),
        "upper": None if v.upper is None else str(v.upper),
        "scale": v.scale,
        "unit": v.unit,
    }
    if v.year is not None:
        data["year"] = v.year
    if v.day is not None:
        data["day"] = v.day
    data.update(term=v.term, reason=v.reason, notes=list(v.notes), direction=v.direction)
    return data


def value_from_json(data: object) -> IndicatorValue:
    """Inverse of :func:`value_to_json`; raise :class:`ValueGrammarError` on bad data."""
    if not isinstance(data, dict):
        raise _bad("指标值必须是 JSON 对象")
    unknown = set(data) - _KEYS
    if unknown:
        raise _bad(f"未知字段 {sorted(map(str, unknown))}")
    value = IndicatorValue(
        kind=_kind(data.get("kind")),
        operator=_enum(Operator, data.get("operator"), "operator"),
        number=_decimal(data.get("number"), "number"),
        upper=_decimal(data.get("upper"), "upper"),
        scale=_enum(Scale, data.get("scale"), "scale"),
        unit=_text(data.get("unit", ""), "unit"),
        year=_int(data.get("year"), "year"),
        day=_int(data.get("day"), "day"),
        term=_text(data.get("term", ""), "term"),
        reason=_text(data.get("reason", ""), "reason"),
        notes=_notes(data.get("notes", [])),
    )
    _check_consistent(value, data.get("direction"))
    return value


def _bad(message: str) -> ValueGrammarError:
    return ValueGrammarError(f"指标值 JSON 数据无效：{message}")


def _enum(cls: type[_E], raw: object, name: str) -> _E | None:
    if raw is None:
        return None
    try:
        if not isinstance(raw, str):
            raise ValueError(raw)
        return cls(raw)
    except ValueError:
        raise _bad(f"字段 {name} 的值 {raw!r} 不在 {[m.value for m in cls]} 之中") from None


def _kind(raw: object) -> ValueKind:
    kind = _enum(ValueKind, raw, "kind")
    if kind is None:
        raise _bad("缺少字段 kind")
    return kind


def _decimal(raw: object, name: str) -> Decimal | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise _bad(f'字段 {name} 必须是十进制数字字符串，例如 "100.00"')
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or raw.strip() != raw:
        raise _bad(f"字段 {name} 的值 {raw!r} 不是有限的十进制数")
    return number


def _int(raw: object, name: str) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise _bad(f"字段 {name} 必须是整数")
    return raw


def _text(raw: object, name: str) -> str:
    if not isinstance(raw, str):
        raise _bad(f"字段 {name} 必须是字符串")
    return raw


def _notes(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple) or not all(isinstance(n, str) for n in raw):
        raise _bad("字段 notes 必须是字符串列表")
    return tuple(raw)


def _check_consistent(v: IndicatorValue, direction: object) -> None:
    """The fields a kind needs, and nothing a kind forbids."""
    quantitative = v.kind is ValueKind.QUANTITATIVE
    if quantitative and v.number is None:
        raise _bad("定量指标值必须有 number")
    if not quantitative and (v.operator or v.number is not None or v.scale or v.unit):
        raise _bad(f"{v.kind.value}指标值不能有 operator/number/scale/unit")
    if (v.operator is Operator.RANGE) != (v.upper is not None):
        raise _bad("区间（operator 为 ~）必须且只能由 upper 给出上限")
    if v.kind is ValueKind.QUALITATIVE and not v.term:
        raise _bad("定性指标值必须有 term")
    if v.is_date:
        _check_date(v)
    if direction is not None and direction != v.direction.value:
        raise _bad(f"direction {direction!r} 与运算符不符，应为 {v.direction.value!r}")


def _check_date(v: IndicatorValue) -> None:
    """year/day: only on a month of the year (unit 月 for a day), and a real date."""
    if v.kind is not ValueKind.QUANTITATIVE:
        raise _bad(f"{v.kind.value}指标值不能有 year/day")
    if v.scale or v.unit not in MONTH_UNITS:
        raise _bad(f"year/day 只能用于月份（单位为 {sorted(MONTH_UNITS)} 之一，无量级）")
    if v.day is not None and (v.unit != "月" or v.operator is Operator.RANGE):
        raise _bad("day 只能用于单位为“月”的单个日期")
    problem = date_problem(v.year, v.number, v.day)
    if not problem and v.upper is not None:
        problem = month_problem(v.upper)
    if problem:
        raise _bad(problem)
