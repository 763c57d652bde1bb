"""One 指标值 text from the split columns 指标性质 | 指标值 | 度量单位.

Forms from the 预算管理一体化 systems print an indicator's value in up to three cells:
the nature (正向 / 反向 / 定性, or an operator such as ``=``, ``≥``), the number and the
unit. Every importer (text, XLSX, DOCX, PDF) joins them with :func:`combine_value`, so a
form reads the same whatever format it came in.

>>> combine_value("正向", "95", "%")
'≥95%'
>>> combine_value("正向", "95", "/")
'≥95'
"""

from __future__ import annotations

from typing import Final

from jixiao.values.grammar import normalize
from jixiao.values.vocab import PREFIX_WORDS, SYMBOL_OPERATORS

#: 指标性质 words → the operator printed before the number ("" for none).
NATURE_OPERATORS: Final[dict[str, str]] = {
    "正向": "≥",
    "正向指标": "≥",
    "反向": "≤",
    "反向指标": "≤",
    "定性": "",
    "定性指标": "",
    "定量": "",
    "定量指标": "",
}
#: 度量单位 cells that mean "no unit".
NO_UNIT: Final[frozenset[str]] = frozenset({"", "/", "／", "-", "--", "—", "——", "无"})


def _operator(nature: str) -> str:
    """The operator a 指标性质 cell asks for: a word, a symbol (full-width too) or ""."""
    if nature in NATURE_OPERATORS:
        return NATURE_OPERATORS[nature]
    symbol = normalize(nature)
    return symbol if symbol in SYMBOL_OPERATORS else ""


def _has_operator(value: str) -> bool:
    head = normalize(value)
    return head[:1] in SYMBOL_OPERATORS or head.startswith(tuple(PREFIX_WORDS)) or head[:1] in "±"


def combine_value(nature: str, value: str, unit: str) -> str:
    """指标性质, 指标值 and 度量单位 cells → one 指标值 text.

    Rules, in order: an empty 指标值 gives "" (a 定性 row left blank); 正向 → ``≥``,
    反向 → ``≤``, an operator (``=``, ``＝``, ``≥`` …) is kept in its half-width form,
    定性 / 定量 / unknown words add nothing; the operator goes only before a number, and
    not when the value already starts with an operator; the unit goes only after a number,
    and a unit of ``/``, ``-``, ``无`` or blank is dropped, as is one the value already
    ends with. A value in words (优良, 较好) is kept as printed.

    >>> combine_value("反向", "3", "日")
    '≤3日'
    >>> combine_value("＝", "3500", "米")
    '=3500米'
    >>> combine_value("定性", "优良", "")
    '优良'
    >>> combine_value("正向", "较好", "%")
    '较好'
    >>> combine_value("正向", "≥85", "%")
    '≥85%'
    >>> combine_value("定性", "", "")
    ''
    """
    nature, value, unit = nature.strip(), value.strip(), unit.strip()
    if not value:
        return ""
    digits = normalize(value)
    op = "" if _has_operator(value) or not digits[:1].isdigit() else _operator(nature)
    if unit in NO_UNIT or value.endswith(unit) or not digits[-1:].isdigit():
        unit = ""
    return f"{op}{value}{unit}"


__all__ = ["NATURE_OPERATORS", "NO_UNIT", "combine_value"]
