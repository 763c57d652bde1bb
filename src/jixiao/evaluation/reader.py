"""Published 自评表 text → :class:`SelfEvaluation` (every layout the corpus shows).

The text is tokenised (:mod:`jixiao.evaluation.tokens`), the indicator rows are built by
:class:`~jixiao.evaluation.rows.RowBuilder`, and the header, money block, goal and total
are read around them. Nothing here knows a particular file: layouts are recognised by
their labels and column order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from jixiao.evaluation.formulas import parse_actual
from jixiao.evaluation.model import Budget, EvaluationRow, Layout, SelfEvaluation
from jixiao.evaluation.rows import RawRow, RowBuilder, columns_of, unfuse
from jixiao.evaluation.tokens import Column, Kind, Token, tokenize
from jixiao.model import Level1, Level2, Organisation, SourceLocation, TreeVariant, level1_of
from jixiao.model.catalogue_evaluation import EvaluationField as E
from jixiao.model.catalogue_evaluation import evaluation_spec as ev
from jixiao.values import parse_value
from jixiao.values.combine import combine_value
from jixiao.values.money import printed_amount

_YEAR = re.compile(r"(20\d\d)\s*年\s*度?|[（(]\s*(20\d\d)\s*[)）]")
_TITLE = re.compile(r"[^\s|]*绩效(?:目标)?自评表")


def _labels(key: E) -> tuple[str, ...]:
    return ev(key).labels


#: The money block's label with and without its unit (项目资金（万元） / 项目资金).
_MONEY_BLOCK_BARE = (*_labels(E.MONEY_BLOCK), *ev(E.MONEY_BLOCK).bare)
_AMOUNT = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?|—|-")
_MONEY_LABELS = (
    ("initial", _labels(E.INITIAL)),
    ("annual", _labels(E.ANNUAL)),
    ("executed", _labels(E.EXECUTED)),
    ("weight", _labels(E.WEIGHT)),
    ("rate", _labels(E.RATE)),
    ("score", _labels(E.SCORE)),
)
#: Where a header value ends: the next label, ours or one other forms print there.
_HEADER_STOPS = (
    *_labels(E.PROJECT_NAME),
    *_labels(E.DEPARTMENT),
    *_labels(E.IMPLEMENTER),
    *_labels(E.MONEY_BLOCK),
    "负责人及电话",
    "项目负责人",
    "中央主管部门",
    "自治区主管部门",
    "市县财政部门",
    "专项实施期",
    "项目基本情况",
    "项目资金",
    "资金情况",
    *_labels(E.GOAL),
    *_labels(E.GOAL_ACTUAL),
    "项目总得分",
    ev(E.INITIAL).label,
)
NO_NATURE = frozenset({"定性", "定性指标"})
_GOAL_STOPS = (
    ev(E.INDICATORS).label,
    ev(E.LEVEL1).label,
    "预算执行情况",
    "项目实施内容",
    *_labels(E.MONEY_BLOCK),
    *_labels(E.INITIAL),
)
_CODED_NAME = re.compile(r"^([0-9A-Z]{15,30})[-－—](.+)$")
#: A form starts at a 自评表 title followed closely by its 项目名称.
_FORM_START = re.compile(
    r"[^\s|]*绩效(?:目标)?自评表[^项]{0,40}?(?:项目名称|专项资金名称|转移支付)"
)
_COMMENTS = re.compile(r"\A(?:#[^\n]*\n)+")


def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(c) for c in word)


def _find(text: str, words: Sequence[str]) -> re.Match[str] | None:
    pattern = "|".join(_spaced(w) for w in sorted(words, key=len, reverse=True))
    return re.search(pattern, text)


def _field(text: str, words: Sequence[str]) -> str:
    """The text printed after a header label (the most specific label first), up to the
    next header label; 「名称/负责人」 pairs keep the name."""
    m = next((f for w in sorted(words, key=len, reverse=True) if (f := _find(text, [w]))), None)
    if not m:
        return ""
    rest = text[m.end() :]
    stop = _find(rest, [w for w in _HEADER_STOPS if w not in words])
    value = rest[: stop.start()] if stop else rest[:60]
    return "".join(value.replace("|", " ").split()).strip(":：").split("/")[0]


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def read_money(block: str) -> Budget:
    """The 预算执行 row: the header's label order, then the first row of amounts after it."""
    found = []
    for key, words in _MONEY_LABELS:
        m = _find(block, words)
        if m:
            found.append((m.start(), m.end(), key))
    order = [k for _, _, k in sorted(found)]
    start = max((end for _, end, _ in found), default=0)
    named = _align(order, _AMOUNT.findall(block[start:]))
    unit = "元" if re.search(r"[（(]\s*元\s*[)）]", block) else "万元"

    def money(key: str) -> Decimal | None:
        return printed_amount(named.get(key, ""), unit)

    rate = named.get("rate") or next((a for a in _AMOUNT.findall(block) if a.endswith("%")), "")
    return Budget(
        initial=money("initial"),
        annual=money("annual"),
        executed=money("executed"),
        rate_text=_unfuse_rate(rate),
        weight=_decimal(named.get("weight", "")) or Decimal(10),
        printed_score=_decimal(named.get("score", "")),
    )


def _unfuse_rate(rate: str) -> str:
    """A rate fused with the amounts before it (303010100% → 100%)."""
    digits = rate.rstrip("%")
    if rate.endswith("%") and "." not in digits and len(digits) > 3:
        return ("100" if digits.endswith("100") else digits[-2:]) + "%"
    return rate


def _align(order: list[str], amounts: list[str]) -> dict[str, str]:
    """Amounts to labels around the printed rate: the amounts before it end at the label
    before 执行率, those after it start at the label after; with no rate printed the
    labels take the amounts in order, skipping 执行率."""
    percent = next((i for i, a in enumerate(amounts[: len(order)]) if a.endswith("%")), None)
    if "rate" not in order or percent is None:
        keys = [k for k in order if k != "rate" or percent is not None]
        pairs = list(zip(keys, amounts, strict=False))
    else:
        r = order.index("rate")
        before = order[:r][::-1]
        after = amounts[percent + 1 :][: len(order) - r - 1]
        nxt = next((i for i, a in enumerate(after) if a.endswith("%")), len(after))
        pairs = [
            *zip(before, amounts[:percent][::-1], strict=False),
            ("rate", amounts[percent]),
            *zip(order[r + 1 :], after[:nxt], strict=False),
        ]
    return {k: a for k, a in pairs if a not in ("—", "-")}


def _level2_default(level1: Level1 | None) -> Level2:
    return {
        Level1.BENEFIT: Level2.SOCIAL_BENEFIT,
        Level1.SATISFACTION: Level2.SERVICE_SATISFACTION,
    }.get(level1 or Level1.OUTPUT, Level2.QUANTITY)


def _row(raw: RawRow, columns: Sequence[Column], file: str) -> EvaluationRow:
    level2 = raw.level2 or _level2_default(raw.level1)
    level1 = level1_of(level2, TreeVariant.CLASSIC) or raw.level1 or Level1.OUTPUT
    target = raw.cell(columns, Column.TARGET)
    if Column.NATURE in columns or Column.UNIT in columns:
        nature, unit = raw.cell(columns, Column.NATURE), raw.cell(columns, Column.UNIT)
        target = combine_value(nature, target, unit) if nature not in NO_NATURE else target
    actual = raw.cell(columns, Column.ACTUAL)
    return EvaluationRow(
        level1=level1,
        level2=level2,
        name=raw.name,
        target_text=target,
        target=parse_value(target),
        actual_text=actual,
        actual=parse_actual(actual),
        weight=_decimal(raw.cell(columns, Column.WEIGHT)),
        printed_score=_decimal(raw.cell(columns, Column.SCORE)),
        deviation=raw.deviation,
        location=SourceLocation(file, raw.line),
    )


def _total(tokens: Sequence[Token], leftover: list[str]) -> Decimal | None:
    """总分: printed after the table (or the 「100 98.62」 left over), else above it."""
    if len(leftover) >= 2 and leftover[0] == "100":
        return _decimal(leftover[1])
    head, _ = _block(tokens)
    marks = [i for i, t in enumerate(tokens) if t.kind is Kind.BLOCK and t.text == "total"]
    for i in sorted(marks, key=lambda i: i < head):
        values = _values_after(tokens, i + 1)
        if values:
            return _points_total(values)
    return _points_total(leftover) if leftover else None


def _values_after(tokens: Sequence[Token], start: int, limit: int = 3) -> list[str]:
    values: list[str] = []
    for t in tokens[start:]:
        if t.kind is Kind.VALUE:
            values.append(t.text)
        elif t.kind is not Kind.BREAK or len(values) >= limit:
            break
    return values[:limit]


def _points_total(values: list[str]) -> Decimal | None:
    nums = [v.rstrip("分") for v in values]
    if len(nums) == 1 and nums[0].startswith("100") and len(nums[0]) > 3:
        nums = unfuse(nums, (Column.WEIGHT, Column.SCORE))
    if len(nums) >= 2 and nums[0] == "100":
        return _decimal(nums[1])
    return _decimal(nums[0])


def _block(tokens: Sequence[Token]) -> tuple[int, int]:
    start = next(
        (i for i, t in enumerate(tokens) if t.kind in (Kind.LEVEL1, Kind.LEVEL2)), len(tokens)
    )
    head = (
        next(
            (
                i
                for i in range(start, -1, -1)
                if tokens[i].kind is Kind.BLOCK and tokens[i].text == "indicators"
            ),
            start,
        )
        if start < len(tokens)
        else start
    )
    end = next(
        (
            i
            for i in range(start, len(tokens))
            if tokens[i].kind is Kind.BLOCK and tokens[i].text in ("total", "end")
        ),
        len(tokens),
    )
    return head, end


def _rows(
    tokens: Sequence[Token], names: frozenset[str]
) -> tuple[list[RawRow], list[str], tuple[Column, ...]]:
    head, end = _block(tokens)
    columns = columns_of(tokens[head:end])
    builder = RowBuilder(columns, names)
    body = _merge_operator_junk([t for t in tokens[head:end] if t.kind is not Kind.COLUMN])
    previous: Token | None = None
    for i, t in enumerate(body):
        if t.kind is Kind.BREAK:
            builder.broke = True
            continue
        if t.kind in (Kind.LEVEL1, Kind.LEVEL2):
            builder.level(t)
        elif t.kind is Kind.TEXT:
            skip = (Kind.BREAK, Kind.TEXT)
            following = next((n for n in body[i + 1 :] if n.kind not in skip), None)
            builder.text(t, following)
        elif t.kind is Kind.VALUE:
            builder.value(t, previous, _glued_to_text(body, i))
        builder.broke = False
        previous = t
    rows, leftover = builder.finish()
    return rows, leftover, columns


_GOAL_LABEL_WORDS = re.compile(
    "|".join(
        _spaced(w)
        for w in sorted({*_labels(E.GOAL_BLOCK), *_labels(E.GOAL)}, key=len, reverse=True)
    )
)
_ONLY_NUMBERS = re.compile(r"^[\s|\d.%]*$")


def read_goals(text: str) -> tuple[str, str]:
    """年度总体目标 and 实际完成情况, inline (label: text) or as a header row with the two
    texts in the cells after it (pipes, lines, or space-separated pieces in order)."""
    block = _find(text, _labels(E.GOAL_BLOCK))
    first = _find(text, _labels(E.GOAL))
    if block and first and first.start() < block.start():  # the block label printed last
        block = None
    rest = text[block.end() :] if block else text
    label = _find(rest, _labels(E.GOAL))
    if not label and not block:
        return "", ""
    body = rest[label.end() :] if label else rest
    actual = _find(body, _labels(E.GOAL_ACTUAL))
    stop = _find(body, _GOAL_STOPS)
    end = actual.start() if actual else stop.start() if stop else 400
    goal = " ".join(body[:end].replace("|", " ").split()).strip(":： ")
    if not _ONLY_NUMBERS.match(_GOAL_LABEL_WORDS.sub("", goal)):
        return goal, _between(body, _labels(E.GOAL_ACTUAL), _GOAL_STOPS) if actual else ""
    return _goal_cells(body[actual.end() :] if actual else body[end:])


def _goal_cells(after: str) -> tuple[str, str]:
    stop = _find(after, _GOAL_STOPS)
    region = after[: stop.start()] if stop else after[:800]
    if "|" in region:
        cells = region.split("|")
    elif "\n" in region.strip():
        cells = region.split("\n")
    else:  # space-separated pieces; a space after a comma only wraps a sentence
        cells = re.split(r"(?<![,，、;；])\s+", region)
    cells = [" ".join(c.split()) for c in cells]
    cells = [c for c in cells if c and not _ONLY_NUMBERS.match(c)]
    if len(cells) == 1 and "。" in cells[0][:-1]:
        head, _, tail = cells[0].rpartition("。")
        cells = [head + "。", tail]
    return (cells[0], " ".join(cells[1:])) if cells else ("", "")


def _coded(name: str) -> tuple[str, str]:
    """项目名称 and 项目代码 where the name is prefixed by its code (51000021R…-工资性支出)."""
    m = _CODED_NAME.match(name)
    return (m.group(2), m.group(1)) if m else (name, "")


def _money_region(text: str) -> str:
    """From the first money column label to the goal or the indicator table."""
    m = _find(text, (*_labels(E.INITIAL), *_labels(E.ANNUAL)))
    if not m:
        return ""
    rest = text[m.start() :]
    stop = _find(rest, (*_labels(E.GOAL_BLOCK), *_labels(E.GOAL), ev(E.INDICATORS).label))
    return rest[: stop.start()] if stop else rest[:600]


def _glued_to_text(body: Sequence[Token], i: int) -> bool:
    """Whether the run of values at ``i`` runs straight (no break) into text: 2021年11月前完成…"""
    for t in body[i + 1 :]:
        if t.kind is not Kind.VALUE:
            return t.kind is Kind.TEXT
    return False


def _merge_operator_junk(tokens: list[Token]) -> list[Token]:
    """One stray character between two values (OCR's 工5%, ^80%) prefixes the next value."""
    out: list[Token] = []
    for i, t in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            t.kind is Kind.TEXT
            and len(t.text) == 1
            and out
            and out[-1].kind is Kind.VALUE
            and after is not None
            and after.kind is Kind.VALUE
        ):
            tokens[i + 1] = Token(Kind.VALUE, t.text + after.text, after.line)
            continue
        out.append(t)
    return out


def _between(text: str, start: Sequence[str], stop: Sequence[str]) -> str:
    m = _find(text, start)
    if not m:
        return ""
    rest = text[m.end() :]
    s = _find(rest, stop)
    return " ".join((rest[: s.start()] if s else rest[:400]).replace("|", " ").split()).strip(
        ":： "
    )


def read_text(text: str, file: str = "") -> list[SelfEvaluation]:
    """Every self-evaluation in a published text (a document may hold several, each from its
    own title and 项目名称), or [] when it holds none.

    Leading ``# …`` lines (a file's own annotations: source, kind, note) are not form text.
    """
    text = _COMMENTS.sub("", text)
    starts = [m.start() for m in _FORM_START.finditer(text)]
    if len(starts) < 2:
        return read_form(text, file)
    bounds = [0, *starts[1:], len(text)]
    return [ev for a, b in itertools.pairwise(bounds) for ev in read_form(text[a:b], file)]


def read_form(text: str, file: str = "") -> list[SelfEvaluation]:
    """The one self-evaluation of a text, or [] when it holds none."""
    if not _find(text, ("自评表", "实际完成值", "全年完成值", "全年实际值", "完成值")):
        return []
    tokens = tokenize(text)
    money_at = _find(text, _MONEY_BLOCK_BARE)
    header = text[: money_at.start()] if money_at else text[:400]
    department = _field(header, _labels(E.DEPARTMENT))
    implementer = _field(header, _labels(E.IMPLEMENTER))
    names = frozenset(n for n in (department, implementer) if n)
    raw_rows, leftover, columns = _rows(tokens, names)
    rows = tuple(_row(r, columns, file) for r in raw_rows if r.name or r.values)
    money_text = _money_region(text) or _between(
        text,
        _MONEY_BLOCK_BARE,
        (*_labels(E.GOAL_BLOCK), *_labels(E.GOAL), ev(E.INDICATORS).label),
    )
    year = _YEAR.search(text)
    project_name, project_code = _coded(_field(header, _labels(E.PROJECT_NAME)))
    goal, goal_actual = read_goals(text)
    has_scores = Column.SCORE in columns or Column.WEIGHT in columns
    title = _TITLE.search(text)
    if not rows:
        return []
    return [
        SelfEvaluation(
            year=int(year.group(1) or year.group(2)) if year else None,
            project_name=project_name,
            project_code=project_code,
            title=title.group() if title else "",
            department=Organisation(department),
            implementer=Organisation(implementer),
            layout=Layout.NATIONAL if has_scores else Layout.TRANSFER,
            budget=read_money(money_text) if money_text else Budget(),
            goal=goal,
            goal_actual=goal_actual,
            rows=rows,
            printed_total=_total(tokens, leftover) if has_scores else None,
            location=SourceLocation(file, 1),
        )
    ]
