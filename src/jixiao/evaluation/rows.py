"""Indicator rows from the token stream of a published 自评表.

Rows are ``name, values…, deviation``: a name is text followed by values; text after a
row's values is its 偏差原因 unless values follow it (then it names the next row). Where a
layout prints the values before the names (PDF text layers, flattened XLSX), value rows
wait in a queue and are paired in order with the names printed later. Fused digits
(「2020」 for 分值 20 and 得分 20, 「8550万粒」 for 8 and 550万粒) are split where the row
needs more values, preferring a split that makes the target equal the actual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.evaluation.tokens import Column, Kind, Token, split_term
from jixiao.model import Level1, Level2
from jixiao.values import parse_value
from jixiao.values.combine import NATURE_OPERATORS

VALUE_COLUMNS = (
    Column.NATURE,
    Column.TARGET,
    Column.UNIT,
    Column.ACTUAL,
    Column.WEIGHT,
    Column.SCORE,
)
DEFAULT_COLUMNS = (Column.TARGET, Column.ACTUAL, Column.WEIGHT, Column.SCORE, Column.DEVIATION)
#: 指标性质 cells: an operator on its own, or a word (正向, 反向, 定性 …).
NATURES = frozenset(
    {"≥", "≤", "=", "＝", ">", "<", "＞", "＜", ">=", "<=", "≧", "≦", *NATURE_OPERATORS}
)
_UNIT_CELL = re.compile(r"^(?:[万亿千百]?[^\W\d_]{1,4}(?:/[^\W\d_]{1,3})?|%|‰|/|-|—)$")
_STOP = frozenset(
    {"年度", "实际", "全年", "指标", "(", ")", "（", "）", "一级", "二级", "三级", "绩效"}
)
_ORG = re.compile(
    r"^[\u4e00-\u9fff]{2,}[省市县区][\u4e00-\u9fff]*(?:中心|局|委员会|办公室|站|所|院|团)$"
)
_POINTS = re.compile(r"^\d+分$")
_LABEL_WORDS = tuple(m.value for m in (*Level1, *Level2))
_DIGITS = re.compile(r"^\d+")
FRAGMENT = 2  #: texts this short (in characters) are wrapped pieces of a name


@dataclass(slots=True)
class RawRow:
    """A row as read: levels, name, the value texts by column, the deviation, the line."""

    level1: Level1 | None
    level2: Level2 | None
    name: str
    values: list[str] = field(default_factory=list)
    deviation: str = ""
    line: int = 0
    same_cell: bool = True  #: name and values came in one cell (run-on text)

    def cell(self, columns: Sequence[Column], col: Column) -> str:
        wanted = [c for c in columns if c in VALUE_COLUMNS]
        return (
            self.values[wanted.index(col)]
            if col in wanted and wanted.index(col) < len(self.values)
            else ""
        )


def columns_of(tokens: Sequence[Token]) -> tuple[Column, ...]:
    """The column order the header prints (after 三级指标, before the first level)."""
    found: list[Column] = []
    for t in tokens:
        if t.kind in (Kind.LEVEL1, Kind.LEVEL2) and found:
            break
        if t.kind is Kind.COLUMN and Column(t.text) not in found:
            found.append(Column(t.text))
    return tuple(found) or DEFAULT_COLUMNS


def is_noise(text: str, names: frozenset[str]) -> bool:
    """Header fragments, organisation names and level-label pieces that land in the table."""
    if text in _STOP or text in names or _ORG.match(text):
        return True
    return len(text) >= 3 and any(_label_piece(text, w) for w in _LABEL_WORDS)


def _label_piece(text: str, label: str) -> bool:
    """A level label cut mid-word by a merged cell: 服务对象满 | 意度指标 (but not 满意度)."""
    if text == label:
        return False
    if label.startswith(text):
        return not label[len(text) :].startswith("指标")
    return label.endswith(text) and text.endswith("指标")


def _split_number(text: str) -> list[tuple[str, str]]:
    """Every way to cut a token after a leading digit: '2020' → ('2','020'), ('20','20') …"""
    m = _DIGITS.match(text)
    if not m:
        return []
    return [(text[:k], text[k:]) for k in range(1, m.end()) if text[k] != "0" or k == m.end() - 1]


def _plausible(parts: Sequence[str], cols: Sequence[Column]) -> bool:
    nums = dict(zip(cols, parts, strict=False))
    for col in (Column.WEIGHT, Column.SCORE):
        if col in nums and not (
            nums[col].replace(".", "", 1).isdigit() and Decimal(nums[col]) <= 100
        ):
            return False
    if Column.WEIGHT in nums and Column.SCORE in nums:
        return Decimal(nums[Column.SCORE]) <= Decimal(nums[Column.WEIGHT])
    return all(parse_value(p).is_quantitative or not p[:1].isdigit() for p in parts)


def unfuse(values: list[str], columns: Sequence[Column]) -> list[str]:
    """Split fused digits until the row has a value for every value column."""
    cols = [c for c in columns if c in VALUE_COLUMNS]
    while len(values) < len(cols):
        best: tuple[int, list[str]] | None = None
        for i, v in enumerate(values):
            for left, right in _split_number(v):
                candidate = [*values[:i], left, right, *values[i + 1 :]]
                if not _plausible(candidate, cols):
                    continue
                named = dict(zip(cols, candidate, strict=False))
                rank = 0 if named.get(Column.TARGET) == named.get(Column.ACTUAL) else 1
                rank += 0 if left == right else 1
                if best is None or rank < best[0]:
                    best = (rank, candidate)
        if best is None:
            return values
        values = best[1]
    return values


class RowBuilder:
    """Walks the indicator block's tokens and collects rows (see the module docstring)."""

    def __init__(self, columns: Sequence[Column], names: frozenset[str]) -> None:
        self.columns = columns
        self.value_columns = [c for c in columns if c in VALUE_COLUMNS]
        self.needed = len(self.value_columns)
        self.has_deviation = Column.DEVIATION in columns
        self.names = names
        self.level1: Level1 | None = None
        self.level2: Level2 | None = None
        self.rows: list[RawRow] = []
        self.current: RawRow | None = None
        self.queue: list[list[str]] = []  #: value rows waiting for their names
        self.loose: list[tuple[str, Level1 | None, Level2 | None, int, int]] = []
        self.group = 0  #: increases at every level label (names in one group may join)
        self.broke = False  #: a cell boundary since the last token

    # -- feeding
    def level(self, token: Token) -> None:
        self._close_if_valued()
        if token.kind is Kind.LEVEL1:
            self.level1, self.level2 = Level1(token.text), None
        else:
            self.level2 = Level2(token.text)
        self.group += 1

    def text(self, token: Token, following: Token | None) -> None:
        text = token.text
        if is_noise(text, self.names):
            return
        row = self.current
        if row is None:
            if self.queue:
                self.loose.append((text, self.level1, self.level2, self.group, token.line))
            else:
                self.current = RawRow(self.level1, self.level2, text, line=token.line)
            return
        if self._split_cell(row, text):
            return
        if not row.values:
            row.name += text
            return
        if len(row.values) < self.needed:
            self._text_inside(row, text, token)
            return
        if row.deviation and not self.broke:
            row.deviation += text
        elif following is not None and following.kind is Kind.VALUE and "。" not in text:
            self._close()
            self.current = RawRow(self.level1, self.level2, text, line=token.line)
        elif len(text) <= FRAGMENT:
            row.name += text
        elif self.has_deviation:
            row.deviation += text
        else:
            self._close()
            self.current = RawRow(self.level1, self.level2, text, line=token.line)

    def _expected(self, row: RawRow) -> Column | None:
        at = len(row.values)
        return self.value_columns[at] if at < len(self.value_columns) else None

    def _split_cell(self, row: RawRow, text: str) -> bool:
        """A 指标性质 or 度量单位 cell of a layout that prints the value split (Sichuan)."""
        expected = self._expected(row)
        if expected is Column.NATURE and text in NATURES and not row.values:
            row.values.append(text)
            row.same_cell = False
            return True
        if expected is Column.UNIT and _UNIT_CELL.match(text):
            row.values.append(text)
            return True
        return False

    def _text_inside(self, row: RawRow, text: str, token: Token) -> None:
        if text == row.name:
            return
        term = split_term(text)
        if term is not None:
            row.values.append(term[0])
            if len(row.values) >= self.needed and self.has_deviation:
                row.deviation += term[1]
                return
            text = term[1]
        fused = unfuse(row.values, self.columns) if row.same_cell else row.values
        if row.same_cell and len(row.values) > 1 and len(fused) >= self.needed:
            row.values = fused
            self._close()
            self.current = RawRow(self.level1, self.level2, text, line=token.line)
            return
        if row.same_cell and not self.broke:
            row.name += "".join(row.values) + text  # 「5000吨稻谷」: the numbers were the name's
            row.values.clear()
            return
        if self.has_deviation:
            row.deviation += text
        else:
            self._close()
            self.current = RawRow(self.level1, self.level2, text, line=token.line)

    def value(self, token: Token, previous: Token | None, glued_text: bool) -> None:
        if _POINTS.match(token.text) and previous is not None and previous.text in "(（":
            return
        row = self.current
        if row is not None and row.deviation and not self.broke:
            row.deviation += token.text
            return
        if row is None and glued_text and not self.queue:
            self.current = RawRow(self.level1, self.level2, token.text, line=token.line)
            return
        if row is None:
            self._queue(token.text)
            return
        if len(row.values) >= self.needed:
            self._close()
            self._queue(token.text)
            return
        if not row.values:
            row.same_cell = not self.broke and Column.NATURE not in self.value_columns
        while self._expected(row) in (Column.NATURE, Column.UNIT):
            row.values.append("")  # a blank 指标性质 / 度量单位 cell
        row.values.append(token.text)

    def _queue(self, text: str) -> None:
        if self.queue and len(self.queue[-1]) < self.needed:
            self.queue[-1].append(text)
        else:
            self.queue.append([text])

    # -- closing
    def _close_if_valued(self) -> None:
        if self.current is not None and self.current.values:
            self._close()

    def _close(self) -> None:
        row = self.current
        if row is not None:
            if row.same_cell:
                row.values = unfuse(row.values, self.columns)
            self.rows.append(row)
        self.current = None

    def finish(self) -> tuple[list[RawRow], list[str]]:
        """The rows, and the value groups left over (a printed total such as 「100 94」)."""
        self._close()
        complete = [q for q in self.queue if len(q) >= self.needed]
        leftover = [v for q in self.queue if q not in complete for v in q]
        names = self._joined_names(len(complete))
        for values, (name, l1, l2, _, line) in zip(complete, names, strict=False):
            self.rows.append(RawRow(l1, l2, name, values, line=line, same_cell=False))
        return self.rows, leftover

    def _joined_names(
        self, wanted: int
    ) -> list[tuple[str, Level1 | None, Level2 | None, int, int]]:
        names = list(self.loose)
        named = [r for r in self.rows if r.values]
        while names and len(names[0][0]) <= FRAGMENT and named:
            named[-1].name += names.pop(0)[0]  # a wrap piece of the last row read in order
        while len(names) > wanted:
            pairs = [i for i in range(1, len(names)) if names[i][3] == names[i - 1][3]]
            if not pairs:
                break
            i = min(pairs, key=lambda k: len(names[k][0]))
            prev = names[i - 1]
            names[i - 1 : i + 1] = [(prev[0] + names[i][0], *prev[1:])]
        return names
