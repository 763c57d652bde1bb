"""Run-on text of an indicator table: one token holding several cells, split into them.

PDF and OCR text often loses the gaps between a table's cells: ``数量指标培训人次≥200人次
质量指标培训合格率≥95%`` is four cells and a fifth starting. Inside the indicator table the
cell reader (:mod:`jixiao.importers.cells`) hands such a token here, and it is cut

- at the catalogue's table labels (一级指标, 三级指标, 指标值, 数量指标 …) where they start the
  token or follow a value just cut;
- at a 指标值 the value grammar reads (``≥95%``, ``200人次``, ``2025年12月底前``) after a name:
  a value with an operator anywhere, one without an operator only where a label, a percent
  sign or the token's end closes it (``建设2个乡镇`` stays one name);
- at a label after a qualitative value (``…合规性较高时效指标…``: 较高 | 时效指标).

Every cut is a guess: the cells it makes carry a note the assembler reports as an import
issue with the cell's line. A token that is one cell (a name, a value alone) is left as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from jixiao.model.catalogue import COLUMNS, ColumnRole
from jixiao.model.catalogue_levels import (
    COST_STEMS,
    LEVEL1_STEMS,
    LEVEL2_STEMS,
    MERGED_STEM_PATTERN,
)
from jixiao.values import ValueKind, parse_value
from jixiao.values.vocab import KNOWN_UNITS, PREFIX_WORDS, QUALITATIVE_TERMS, SUFFIX_WORDS

_R = ColumnRole
#: Column headers worth cutting at (short ones such as 单位, 指标 are words in names).
_HEADER_ROLES = (_R.LEVEL1, _R.LEVEL2, _R.NAME, _R.VALUE, _R.NATURE, _R.UNIT, _R.WEIGHT)
_GROUPS = ("年度", "中期", "长期", "全年")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _labels() -> set[str]:
    levels = {*LEVEL1_STEMS, *LEVEL2_STEMS, *COST_STEMS}
    out = {stem + "指标" for stem in levels}
    for spec in COLUMNS:
        if spec.role in _HEADER_ROLES:
            out.update(label for label in spec.labels if len(label) >= 3 or "值" in label)
    out.update(group + "指标值" for group in _GROUPS)
    return out


_ANNOTATION = r"(?:[(（][^()（）]{0,20}[)）])?"
#: A table label at a position (longest first), with its annotation (（必填）, (包含…)).
_LABEL = re.compile(f"(?:{MERGED_STEM_PATTERN}指标|{_alternation(_labels())}){_ANNOTATION}")
#: Where a value may start: an operator (symbol or word) and a digit.
_OPERATOR = _alternation({"≥", "≤", ">", "<", "=", "＞", "＜", "≧", "≦", "＝", *PREFIX_WORDS})
_VALUE_START = re.compile(f"(?P<op>{_OPERATOR})?\\s*(?P<n>\\d+(?:\\.\\d+)?)")
_DATE = re.compile(
    r"(?:年(?:\d{1,2}(?:[-~至]\d{1,2})?月)?|月)(?:\d{1,2}[日号])?(?:底|末|初|中旬|上旬|下旬)?"
)
_UNIT = re.compile(
    f"[(（]?(?:{_alternation({*KNOWN_UNITS, '%', '‰'})})[)）]?(?:/(?:{_alternation(KNOWN_UNITS)}))*"
)
_SUFFIX = re.compile(_alternation(SUFFIX_WORDS))
#: Qualitative values a label may follow (one-character words such as 高 are too common).
_TERM_BEFORE = re.compile(f"(?:{_alternation({t for t in QUALITATIVE_TERMS if len(t) > 1})})$")
_OPEN, _CLOSE = "(（[【《“", ")）]】》”"
_PREFIX_WORDS = tuple(PREFIX_WORDS)
_SYMBOLS = "≥≤><=＞＜≧≦＝"

Cell = tuple[str, str]  #: a cell's text and the note saying why it was cut ('' when not)


_TABLE_START = ("一级指标", "三级指标")


def table_start(token: str) -> int:
    """Where the indicator table's header starts in ``token`` (…一级指标二级指标…), or -1."""
    return min((i for i in map(token.find, _TABLE_START) if i >= 0), default=-1)


@lru_cache(maxsize=8192)
def split_fused(token: str) -> tuple[Cell, ...]:
    """The cells of a run-on token of the indicator table (see the module docstring); the
    first cell of a token that was cut carries the note.

    >>> [c for c, _ in split_fused("数量指标培训人次≥200人次质量指标合格率95%")]
    ['数量指标', '培训人次', '≥200人次', '质量指标', '合格率', '95%']
    >>> split_fused("建设2个乡镇"), split_fused("≥1次/年")
    ((('建设2个乡镇', ''),), (('≥1次/年', ''),))
    """
    if _reads_as_value(token, any_kind=True):
        return ((token, ""),)
    cells: list[str] = []
    named = False  #: a name was cut off a value, or a label off the rest
    pos, end = 0, len(token)
    while pos < end:
        label = _LABEL.match(token, pos)
        named = named or label is not None
        stop = label.end() if label is not None else _value_end(token, pos)
        if stop is not None:  # a label or a value where the token (or its rest) starts
            cells.append(token[pos:stop])
            pos = stop
            continue
        cut = _next_cut(token, pos)
        if cut is None:
            cells.append(token[pos:])
            break
        start, stop, kind = cut
        named = named or not _reads_as_value(token[pos:start], any_kind=True)
        if kind == "value":
            cells += [token[pos:start], token[start:stop]]
            pos = stop
        else:  # a qualitative value before a label: name | value, the label next round
            term = _TERM_BEFORE.search(token, pos, start)
            assert term is not None
            cells += [token[pos : term.start()], term.group()]
            pos = start
    if len(cells) <= 1 or not named:  # values run together (12月底前100%到位): one cell
        return ((token, ""),)
    shown = token if len(token) <= 30 else token[:30] + "…"
    note = f"连写的“{shown}”按栏目名与指标值拆为：{' | '.join(cells)}"
    return ((cells[0], note), *((cell, "") for cell in cells[1:]))


def _next_cut(token: str, pos: int) -> tuple[int, int, str] | None:
    """The first value after a name from ``pos`` (start, end, "value"), or a label that
    follows a qualitative value (label start, -, "term"); None when neither comes."""
    depth = 0
    for i in range(pos, len(token)):
        ch = token[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth or i == pos:
            continue
        if ch.isdigit() or ch in _SYMBOLS or token.startswith(_PREFIX_WORDS, i):
            stop = _value_end(token, i)
            if stop is not None:
                return i, stop, "value"
        elif (
            i - pos > 2
            and _LABEL.match(token, i) is not None
            and (term := _TERM_BEFORE.search(token, pos, i)) is not None
            and term.start() > pos
        ):
            return i, i, "term"
    return None


def _value_end(token: str, at: int) -> int | None:
    """Where a 指标值 starting at ``at`` ends, or None when none starts there."""
    if at and token[at - 1].isdigit():
        return None  # inside a number
    m = _VALUE_START.match(token, at)
    if m is None:
        return None
    stop = m.end()
    date = _DATE.match(token, stop)
    if date is not None and date.end() > stop and "月" in date.group():
        stop = date.end()
        unit = "月"
    elif (u := _UNIT.match(token, stop)) is not None:
        stop, unit = u.end(), u.group()
    else:
        unit = ""
    if (s := _SUFFIX.match(token, stop)) is not None:
        stop = s.end()
    if (not unit and token[stop : stop + 1].isdigit()) or not _reads_as_value(token[at:stop]):
        return None
    if m.group("op") or "%" in unit or "‰" in unit or "月" in unit:
        return stop
    closed = stop == len(token) or _LABEL.match(token, stop) is not None
    return stop if unit and closed else None


def _reads_as_value(text: str, *, any_kind: bool = False) -> bool:
    """A quantity (or, with ``any_kind``, any value the grammar reads but free text)."""
    kind = parse_value(text).kind
    return kind is ValueKind.QUANTITATIVE or (any_kind and kind is not ValueKind.FREE_TEXT)


__all__ = ["split_fused", "table_start"]
