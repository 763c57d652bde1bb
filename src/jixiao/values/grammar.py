"""The 指标值 grammar: read one printed indicator value into an :class:`IndicatorValue`.

Shapes (see docs/value-grammar.md): ``[operator] number [scale] [unit] [operator word]``,
``number-number [scale] unit`` (a range), ``百分之N``, a calendar date
(``[operator] [年份年] 月份月 [日期日] [operator word]``), a qualitative term, a placeholder
(无, —, /), or anything else as FREE_TEXT with a Chinese reason.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

from jixiao.values.dates import MONTH_UNITS, date_problem, month_problem
from jixiao.values.numerals import CHINESE_NUMERAL, chinese_to_decimal
from jixiao.values.types import IndicatorValue, Operator, Scale, ValueGrammarError, ValueKind
from jixiao.values.vocab import (
    KNOWN_UNITS,
    NONE_TOKENS,
    PREFIX_WORDS,
    QUALITATIVE_TERMS,
    SUFFIX_WORDS,
    SYMBOL_OPERATORS,
)

#: The accepted shapes, named in every FREE_TEXT reason and strict-mode error.
ACCEPTED_SHAPES: Final[str] = (
    "应为“≥35个”“≤1.1万册”“100%”“1-12月”“30日内”等数值形式，或“合格”“有效”“全年”等定性词，或“无”"
)
REASON_UNREADABLE: Final[str] = "无法识别的指标值：" + ACCEPTED_SHAPES
REASON_EMPTY: Final[str] = "指标值为空：" + ACCEPTED_SHAPES
MAX_UNIT_LEN: Final[int] = 6

# --- normalization -----------------------------------------------------------------------

_FULLWIDTH: Final[dict[int, int]] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TRANSLATE: Final[dict[int, str | int]] = {
    **_FULLWIDTH,
    0x3000: " ",
    ord("≧"): "≥",
    ord("⩾"): "≥",
    ord("≦"): "≤",
    ord("⩽"): "≤",
    ord("═"): "=",
    ord("﹦"): "=",
    ord("﹤"): "<",
    ord("﹥"): ">",
    ord("﹪"): "%",
    ord("〜"): "~",
    ord("㎡"): "m²",
    ord("㎥"): "m³",
    ord("㎞"): "km",
    ord("㎏"): "kg",
}
_DIGRAPHS: Final[tuple[tuple[str, str], ...]] = (
    (">=", "≥"),
    ("=>", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
)
_TRAILING_PUNCT: Final[str] = "。.，,；;、"


def normalize(text: str) -> str:
    """Full-width → half-width, ≧/>= → ≥, ≦/<= → ≤, ＜ → <, no whitespace at all.

    >>> normalize(" ＞＝９０．５％ ")
    '≥90.5%'
    """
    s = "".join(text.translate(_TRANSLATE).split())
    if "=" in s:
        for old, new in _DIGRAPHS:
            s = s.replace(old, new)
    return s


# --- regexes -------------------------------------------------------------------------------

_ARABIC: Final[str] = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMBER: Final[str] = f"(?:{_ARABIC}|{CHINESE_NUMERAL})"
_BODY_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?P<n1>{_NUMBER})(?P<s1>[万亿])?"
    rf"(?:(?P<u1>[^0-9]{{0,6}}?)(?P<sep>[-~—–至到])(?P<n2>{_NUMBER})(?P<s2>[万亿])?)?"
    r"(?P<unit>.*)",
    re.DOTALL,
)
_PERCENT_RE: Final[re.Pattern[str]] = re.compile(rf"百分之(?P<n>{_NUMBER})")
_ARABIC_RE: Final[re.Pattern[str]] = re.compile(_ARABIC)
_PREFIX_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(sorted(map(re.escape, [*SYMBOL_OPERATORS, *PREFIX_WORDS]), key=len, reverse=True))
)
_SUFFIX_RE: Final[re.Pattern[str]] = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, SUFFIX_WORDS), key=len, reverse=True)) + ")$"
)
_INCLUSIVE_RE: Final[re.Pattern[str]] = re.compile(r"\(含(?:本数)?\)$")
_UNIT_RE: Final[re.Pattern[str]] = re.compile(r"(?:[^\W\d_]|[%‰/·℃°])*")
_PERCENT_SIGN_RE: Final[re.Pattern[str]] = re.compile("[%‰]")
_DIGIT_RE: Final[re.Pattern[str]] = re.compile(r"\d")
_PAREN_RE: Final[re.Pattern[str]] = re.compile(r"\((.*)\)", re.DOTALL)
_YEAR: Final[str] = f"(?:[0-9]{{4}}|{CHINESE_NUMERAL})"
_MONTH_OR_DAY: Final[str] = f"(?:[0-9]{{1,2}}|{CHINESE_NUMERAL})"
_DATE_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:(?P<year>{_YEAR})年)?(?P<month>{_MONTH_OR_DAY})月"
    r"(?:(?P<day>" + _MONTH_OR_DAY + r")[日号]|(?P<part>底|末|初|上旬|中旬|下旬))?"
)
_YEAR_PREFIX_RE: Final[re.Pattern[str]] = re.compile(rf"(?P<year>{_YEAR})年(?P<rest>.+)", re.DOTALL)
_EVERY_YEAR: Final[str] = "每年"

# --- public API --------------------------------------------------------------------------


def parse_value(text: str) -> IndicatorValue:
    """Read one 指标值; never raises. Unreadable text is FREE_TEXT with a reason.

    >>> v = parse_value("≤1.1万册")
    >>> v.operator, v.number, v.scale, v.unit
    (<Operator.LE: '≤'>, Decimal('1.1'), <Scale.TEN_THOUSAND: '万'>, '册')
    >>> parse_value("30日内").operator
    <Operator.LE: '≤'>
    >>> parse_value("1-12月").upper
    Decimal('12')
    >>> v = parse_value("2025年12月31日前")
    >>> v.operator, v.year, v.number, v.unit, v.day
    (<Operator.LE: '≤'>, 2025, Decimal('12'), '月', 31)
    >>> parse_value("2月30日前").reason.split("：")[0]
    '日期“2月30日”不存在（2月只有29天）'
    >>> parse_value("合格").kind
    <ValueKind.QUALITATIVE: '定性'>
    >>> parse_value("促进落实。").kind
    <ValueKind.FREE_TEXT: '文本'>
    """
    if not isinstance(text, str):  # defensive: the importer may hand us None
        return _free("", REASON_EMPTY)
    return _parse_cached(text)


def parse_value_strict(text: str) -> IndicatorValue:
    """Like :func:`parse_value` but raise :class:`ValueGrammarError` for FREE_TEXT.

    >>> parse_value_strict("≥35个").number
    Decimal('35')
    """
    value = parse_value(text)
    if value.kind is ValueKind.FREE_TEXT:
        raise ValueGrammarError(f"“{value.term}”：{value.reason}")
    return value


def split_unit(unit: str) -> tuple[Scale | None, str]:
    """Split a lone unit cell into scale and unit: 万元 → (万, 元), 个 → (None, 个).

    >>> split_unit("万元")
    (<Scale.TEN_THOUSAND: '万'>, '元')
    """
    s = normalize(unit)
    if len(s) > 1 and s[0] in "万亿":
        return Scale(s[0]), s[1:]
    return None, s


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> IndicatorValue:
    s = normalize(text).rstrip(_TRAILING_PUNCT)
    if not s:
        return _free(text.strip(), REASON_EMPTY)
    if s in NONE_TOKENS:
        return IndicatorValue(kind=ValueKind.NONE)
    if s in QUALITATIVE_TERMS:
        return IndicatorValue(kind=ValueKind.QUALITATIVE, term=s)
    result = _parse_quantity(s)
    if isinstance(result, str):
        return _free(text.strip(), result)
    return result


def _free(term: str, reason: str) -> IndicatorValue:
    return IndicatorValue(kind=ValueKind.FREE_TEXT, term=term, reason=reason)


# --- quantities --------------------------------------------------------------------------


def _parse_quantity(s: str) -> IndicatorValue | str:
    """A QUANTITATIVE value, or the reason why ``s`` is not one."""
    prefix, body = _take_prefix(s)
    suffix, body = _take_suffix(body)
    date = _parse_date(body)
    m = _PERCENT_RE.fullmatch(body)
    if date is not None:
        if isinstance(date, str):
            return date
        value = date
    elif m:
        number = _to_decimal(m["n"])
        if number is None:
            return REASON_UNREADABLE
        value = IndicatorValue(kind=ValueKind.QUANTITATIVE, number=number, unit="%")
    else:
        built = _build_body(body)
        if isinstance(built, str):
            return built
        value = built
    return _with_operator(value, prefix, suffix)


def _take_prefix(s: str) -> tuple[str, str]:
    m = _PREFIX_RE.match(s)
    return (m[0], s[m.end() :]) if m else ("", s)


def _take_suffix(body: str) -> tuple[str, str]:
    body = _INCLUSIVE_RE.sub("", body)
    m = _SUFFIX_RE.search(body)
    if not m or m.start() == 0:
        return "", body
    return m[0], _INCLUSIVE_RE.sub("", body[: m.start()])


def _build_body(body: str) -> IndicatorValue | str:
    m = _BODY_RE.fullmatch(body)
    if not m:
        return REASON_UNREADABLE
    unit = _clean_unit(m["unit"])
    problem = _unit_problem(unit, chinese=_is_chinese(m["n1"]) or _is_chinese(m["n2"]))
    if problem or (m["sep"] and _range_mismatch(m, unit)):
        return problem or REASON_UNREADABLE
    number, upper = _to_decimal(m["n1"]), _to_decimal(m["n2"]) if m["n2"] else None
    if number is None or (m["n2"] and upper is None):
        return REASON_UNREADABLE
    scale_text = (m["s2"] or m["s1"]) if m["sep"] else m["s1"]
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        operator=Operator.RANGE if m["sep"] else None,
        number=number,
        upper=upper,
        scale=Scale(scale_text) if scale_text else None,
        unit=unit,
    )


# --- calendar dates ----------------------------------------------------------------------


def _parse_date(body: str) -> IndicatorValue | str | None:
    """A calendar date, the reason why a date-shaped ``body`` is no real date, or None.

    Only text with a year or a day is a date here (2025年11月, 12月31日, 2025年1-12月);
    a bare month (10月, 6月底) is left to the ordinary number + unit reading. ``每年``
    before a month without a year (每年11月底) is read as that month, with a note.
    """
    if body.startswith(_EVERY_YEAR):
        m = _DATE_RE.fullmatch(body, len(_EVERY_YEAR))
        if not m or m["year"]:
            return None
        found = _date_from_match(m)
        note = f"“{_EVERY_YEAR}”表示每年重复，按当年的期限读取"
        if isinstance(found, IndicatorValue):
            return dataclasses.replace(found, notes=(*found.notes, note))
        return found
    m = _DATE_RE.fullmatch(body)
    if m and (m["year"] or m["day"]):
        return _date_from_match(m)
    m = _YEAR_PREFIX_RE.fullmatch(body)
    if m:
        return _year_of_months(m["year"], m["rest"])
    return None


def _date_from_match(m: re.Match[str]) -> IndicatorValue | str | None:
    year = _to_int(m["year"]) if m["year"] else None
    month = _to_decimal(m["month"])
    day = _to_int(m["day"]) if m["day"] else None
    if month is None or (m["year"] and year is None) or (m["day"] and day is None):
        return None  # a malformed Chinese numeral (三五月): not a date
    problem = date_problem(year, month, day)
    if problem:
        return f"{problem}：{ACCEPTED_SHAPES}"
    return IndicatorValue(
        kind=ValueKind.QUANTITATIVE,
        number=month,
        unit="月" + (m["part"] or ""),
        year=year,
        day=day,
    )


def _year_of_months(year_text: str, rest: str) -> IndicatorValue | str | None:
    """2025年1-12月: a year before a range of months (other text after 年 is no date)."""
    year = _to_int(year_text)
    months = _build_body(rest)
    if (
        year is None
        or isinstance(months, str)
        or months.operator is not Operator.RANGE
        or months.unit not in MONTH_UNITS
        or months.scale is not None
    ):
        return None
    problem = date_problem(year, months.number, None) or month_problem(months.upper)
    if problem:
        return f"{problem}：{ACCEPTED_SHAPES}"
    return dataclasses.replace(months, year=year)


def _to_int(number: str) -> int | None:
    value = _to_decimal(number)
    return None if value is None else int(value)


def _range_mismatch(m: re.Match[str], unit: str) -> bool:
    """1月-12日 or 1万-2元: the two ends of a range disagree."""
    return m["u1"] not in ("", unit) or bool(m["s1"] and m["s1"] != m["s2"])


def _clean_unit(unit: str) -> str:
    """(%) → %: a unit printed in brackets is the unit."""
    m = _PAREN_RE.fullmatch(unit)
    return m[1] if m else unit


def _unit_problem(unit: str, *, chinese: bool) -> str:
    """Why ``unit`` cannot be a unit ('' when it can)."""
    if _DIGIT_RE.search(unit):
        return f"单位“{unit}”中含有数字，疑为文字说明：{ACCEPTED_SHAPES}"
    if len(unit) > MAX_UNIT_LEN:
        return f"单位“{unit}”过长（超过{MAX_UNIT_LEN}个字），疑为文字说明：{ACCEPTED_SHAPES}"
    if not _UNIT_RE.fullmatch(unit) or (len(unit) > 1 and _PERCENT_SIGN_RE.search(unit)):
        return f"单位“{unit}”含有标点或符号：{ACCEPTED_SHAPES}"
    if _SUFFIX_RE.search(unit):
        return f"单位“{unit}”以运算词结尾，运算词重复：{ACCEPTED_SHAPES}"
    if chinese and unit and unit not in KNOWN_UNITS:
        return f"中文数字后的“{unit}”不是常用单位，疑为文字说明：{ACCEPTED_SHAPES}"
    return ""


def _is_chinese(number: str | None) -> bool:
    return bool(number) and not _ARABIC_RE.fullmatch(number or "")


def _to_decimal(number: str) -> Decimal | None:
    if _ARABIC_RE.fullmatch(number):
        try:
            return Decimal(number.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return None
    return chinese_to_decimal(number)


# --- operators ---------------------------------------------------------------------------


def _operator_of(word: str) -> Operator | None:
    return SYMBOL_OPERATORS.get(word) or PREFIX_WORDS.get(word) or SUFFIX_WORDS.get(word)


def _with_operator(value: IndicatorValue, prefix: str, suffix: str) -> IndicatorValue:
    """Attach the operator: an explicit prefix wins over a contradicting suffix word."""
    before, after = _operator_of(prefix), _operator_of(suffix)
    notes: list[str] = []
    if value.operator is Operator.RANGE:
        if before or after:
            notes.append(f"区间值忽略了运算符“{prefix or suffix}”")
        if value.upper is not None and value.number is not None and value.upper < value.number:
            notes.append("区间下限大于上限")
        return _replace(value, value.operator, notes)
    if before and after and before is not after:
        kind = "符号" if prefix in SYMBOL_OPERATORS else "前置词"
        notes.append(
            f"“{suffix}”（{after.value}）与“{prefix}”（{before.value}）矛盾，以{kind}“{prefix}”为准"
        )
    return _replace(value, before or after, notes)


def _replace(value: IndicatorValue, op: Operator | None, notes: list[str]) -> IndicatorValue:
    return dataclasses.replace(value, operator=op, notes=(*value.notes, *notes))
