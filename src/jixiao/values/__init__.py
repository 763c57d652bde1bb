"""The 指标值 grammar: parse, format, explain and serialise indicator values.

>>> from jixiao.values import parse_value, format_value
>>> format_value(parse_value("不少于35个"))
'≥35个'
"""

from jixiao.values.combine import combine_value
from jixiao.values.dates import MONTH_UNITS
from jixiao.values.formatting import (
    VALUE_JSON_SCHEMA,
    explain,
    format_value,
    value_from_json,
    value_to_json,
)
from jixiao.values.grammar import (
    ACCEPTED_SHAPES,
    normalize,
    parse_value,
    parse_value_strict,
    split_unit,
)
from jixiao.values.types import (
    Direction,
    IndicatorValue,
    Operator,
    Scale,
    ValueGrammarError,
    ValueKind,
)
from jixiao.values.vocab import KNOWN_UNITS, NONE_TOKENS, QUALITATIVE_TERMS

__all__ = [
    "ACCEPTED_SHAPES",
    "KNOWN_UNITS",
    "MONTH_UNITS",
    "NONE_TOKENS",
    "QUALITATIVE_TERMS",
    "VALUE_JSON_SCHEMA",
    "Direction",
    "IndicatorValue",
    "Operator",
    "Scale",
    "ValueGrammarError",
    "ValueKind",
    "combine_value",
    "explain",
    "format_value",
    "normalize",
    "parse_value",
    "parse_value_strict",
    "split_unit",
    "value_from_json",
    "value_to_json",
]
