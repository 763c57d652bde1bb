"""Published 自评表 text → a stream of tokens: labels, values and text.

Published self-evaluations reach us as pipe rows, one cell per paragraph, space-separated
PDF/XLSX text in scrambled order, or DOCX/OCR text run together with no separator at all.
This module turns any of them into one stream: labels (levels, column headers, block
labels — matched with any whitespace between their characters), values (a number with an
optional operator and unit, or a qualitative term next to another value) and text. A run of
values inside text is a value only when the row needs that many values; shorter runs
(「5000吨稻谷」) stay part of the name. The assembler (:mod:`jixiao.evaluation.reader`)
builds rows from the stream. The cells come from the importers' cell reader
(:mod:`jixiao.importers.cells`), the one the declarations and monitoring tables use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from jixiao.importers.cells import Layout, detect_layout, layout_rows
from jixiao.model import Level1, Level2
from jixiao.model.catalogue_evaluation import SICHUAN_LABELS, EvaluationColumn
from jixiao.model.catalogue_evaluation import EvaluationField as E
from jixiao.model.catalogue_evaluation import evaluation_spec as ev
from jixiao.values import KNOWN_UNITS, NONE_TOKENS, QUALITATIVE_TERMS


class Kind(StrEnum):
    LEVEL1 = "一级"
    LEVEL2 = "二级"
    COLUMN = "栏目"  #: a column header: its text is the column role
    BLOCK = "区块"  #: a block or row label (项目资金, 年度总体目标, 总分 …)
    VALUE = "值"
    TEXT = "文字"
    BREAK = "分隔"  #: a cell boundary


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    line: int


class Column(StrEnum):
    TARGET = "年度指标值"
    ACTUAL = "实际完成值"
    WEIGHT = "分值"
    SCORE = "得分"
    DEVIATION = "偏差原因"
    NATURE = "指标性质"
    UNIT = "度量单位"


def _spaced(label: str) -> str:
    return r"\s*".join(re.escape(c) for c in label)


_POINTS = r"(?:\s*[（(]\s*\d+\s*分\s*[)）])?"
_LEVEL1_WORDS = {
    Level1.OUTPUT: ("产出指标", "项目完成指标"),
    Level1.BENEFIT: ("效益指标", "效果指标"),
    Level1.SATISFACTION: ("满意度指标",),
}
_LEVEL2_WORDS = {
    **{m: (m.value,) for m in Level2},
    Level2.SERVICE_SATISFACTION: (
        "服务对象满意度指标",
        "服务对象满意度",
        "社会公众或服务对象满意度指标",
    ),
}
_COLUMNS = {
    Column.TARGET: ev(E.TARGET).labels,
    Column.ACTUAL: ev(E.ACTUAL).labels,
    Column.WEIGHT: ev(E.WEIGHT).labels,
    Column.SCORE: ev(E.SCORE).labels,
    Column.DEVIATION: ev(E.DEVIATION).labels,
    Column.NATURE: ev(E.NATURE).labels,
    Column.UNIT: ev(E.UNIT).labels,
}
#: Block labels: text → the block it opens.
BLOCKS = {
    "money": (*ev(E.MONEY_BLOCK).labels, *ev(E.MONEY_BLOCK).bare),
    "goal_block": ev(E.GOAL_BLOCK).labels,
    "goal": ev(E.GOAL).labels,
    "goal_actual": ev(E.GOAL_ACTUAL).labels,
    "total": ev(E.TOTAL).labels,
    "indicators": tuple(ev(k).label for k in (E.INDICATORS, E.LEVEL1, E.LEVEL2, E.NAME)),
    "end": (
        "说明",
        "注:",
        "注：",
        ev(E.CONCLUSION).label,
        ev(E.PROBLEMS).label,
        "项目负责人",
        "资金管理情况",
    ),
    "row_total": tuple(
        label
        for k in (E.TOTAL_ROW, E.FISCAL_ROW, E.CARRIED_ROW, E.OTHER_ROW)
        for label in ev(k).labels
    ),
    "noise": (SICHUAN_LABELS.header(EvaluationColumn.TARGET),),  #: 指标值 as a sub-header
}


def _label_table() -> list[tuple[str, Kind, str]]:
    table: list[tuple[str, Kind, str]] = []
    for l1, words in _LEVEL1_WORDS.items():
        table += [(w, Kind.LEVEL1, l1.value) for w in words]
    for l2, words in _LEVEL2_WORDS.items():
        table += [(w, Kind.LEVEL2, l2.value) for w in words]
    for col, words in _COLUMNS.items():
        table += [(w, Kind.COLUMN, col.value) for w in words]
    for block, words in BLOCKS.items():
        table += [(w, Kind.BLOCK, block) for w in words]
    return sorted(table, key=lambda t: len(t[0]), reverse=True)


_TABLE = _label_table()
_LABEL_RE = re.compile(
    "|".join(
        f"(?P<L{i}>{_spaced(w)}{_POINTS if k in (Kind.LEVEL1, Kind.LEVEL2) else ''})"
        for i, (w, k, _) in enumerate(_TABLE)
    )
)
_UNITS = sorted(
    {*KNOWN_UNITS, "%", "‰", "万粒", "粒", "起", "户", "所", "座", "条", "项", "次", "个", "万册"},
    key=len,
    reverse=True,
)
_OP = r"(?:>=|<=|≥|≤|=|＝|>|<|＞|＜|≧|≦|不低于|不少于|不高于|不超过|大于|小于)"
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE_RE = re.compile(
    rf"(?:{_OP}\s*)?{_NUMBER}(?:[万亿](?!元))?(?:{'|'.join(map(re.escape, _UNITS))})?"
)
_TERMS = sorted(
    {*QUALITATIVE_TERMS, *NONE_TOKENS, "基本达到", "达到", "达成", "已完成"}, key=len, reverse=True
)
_TERM_RE = re.compile("|".join(map(re.escape, _TERMS)))
_OUTCOMES = frozenset({"基本达到", "达到", "达成", "已完成", "完成", "部分完成", "基本完成"})
_ALT = "|".join(map(re.escape, _TERMS))
_PAIR_RE = re.compile(f"({_ALT})({_ALT})$")
_PREFIX_RE = re.compile(r"指标\s*[1-9](?:\d(?!\d))?\s*[:：]?")
_CHUNK_RE = re.compile(r"(?m)^\s*\d{1,2}、")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def cells(text: str) -> list[tuple[str, int]]:
    """The text's non-empty cells with their line, from the importers' cell reader
    (:func:`jixiao.importers.cells.text_rows`, which tells the layout from the content).

    A line of the text-lines layout (run-on DOCX/OCR/PDF text) is one cell here, as printed:
    its spaces are mostly wraps inside a label or name (管理制 度, 绩 效 指 标), and the
    tokeniser finds labels and values across them itself — the cuts the declaration reader
    makes inside its indicator table (:mod:`jixiao.importers.fused`) would only split names.
    """
    lines = list(enumerate(_CHUNK_RE.sub("", text).splitlines(), 1))
    layout = detect_layout(lines)
    if layout is Layout.TEXT_LINES:
        return [(" ".join(t.split()), n) for n, t in lines if t.strip()]
    rows = layout_rows(layout, lines, "")
    return [(c.text.strip(), c.location.line or 0) for r in rows for c in r.cells if c.text.strip()]


_LEADING_NUMBER = re.compile(r"^\d{1,2}[:：]?(?=[\u4e00-\u9fff])")


def _values_in(segment: str, line: int) -> list[Token]:
    """Split a piece of text between labels into TEXT and VALUE tokens."""
    tokens: list[Token] = []
    pos = 0
    for m in _VALUE_RE.finditer(segment):
        if m.start() > pos:
            tokens += _terms_in(segment[pos : m.start()], line)
        tokens.append(Token(Kind.VALUE, m.group(), line))
        pos = m.end()
    if pos < len(segment):
        tokens += _terms_in(segment[pos:], line)
    return tokens


def _terms_in(text: str, line: int) -> list[Token]:
    """Text, with qualitative terms split out as candidate values (TEXT with a marker)."""
    text = _PREFIX_RE.sub("", text).strip(" :：,，;；")
    if not text:
        return []
    m = _TERM_RE.fullmatch(text)
    if m:
        return [Token(Kind.VALUE, text, line)]
    # paired terms fused onto a name: …质量等合格合格, 高高, 是基本达到
    pair = _PAIR_RE.search(text)
    if pair and (pair.group(1) == pair.group(2) or pair.group(2) in _OUTCOMES):
        head = [Token(Kind.TEXT, text[: pair.start()], line)] if pair.start() else []
        return [
            *head,
            Token(Kind.VALUE, pair.group(1), line),
            Token(Kind.VALUE, pair.group(2), line),
        ]
    return [Token(Kind.TEXT, text, line)]


def split_term(text: str) -> tuple[str, str] | None:
    """A qualitative term at the start of a text and the rest: 无没有轮换 → (无, 没有轮换)."""
    m = _TERM_RE.match(text)
    return (m.group(), text[m.end() :]) if m and m.end() < len(text) else None


def _segment(text: str, line: int, after_level: bool) -> list[Token]:
    """The text between two labels: whitespace-separated pieces, each scanned for values."""
    text = _PREFIX_RE.sub(" ", text)
    if after_level:
        text = _LEADING_NUMBER.sub("", text.lstrip())
    out: list[Token] = []
    for piece in text.split():
        out += _values_in(piece, line)
        out.append(Token(Kind.BREAK, " ", line))
    return out


def tokenize(text: str) -> list[Token]:
    """The token stream of a published self-evaluation."""
    tokens: list[Token] = []
    for cell, line in cells(text):
        pos = 0
        for m in _LABEL_RE.finditer(cell):
            after = bool(tokens) and tokens[-1].kind in (Kind.LEVEL1, Kind.LEVEL2)
            tokens += _segment(cell[pos : m.start()], line, after)
            _, kind, role = _TABLE[int((m.lastgroup or "L0")[1:])]
            tokens.append(Token(kind, role, line))
            pos = m.end()
        after = bool(tokens) and tokens[-1].kind in (Kind.LEVEL1, Kind.LEVEL2)
        tokens += _segment(cell[pos:], line, after)
        tokens.append(Token(Kind.BREAK, "", line))
    return tokens


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
