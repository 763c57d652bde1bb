"""延续性项目: this year's targets beside last year's, indicator by indicator.

:func:`compare_years` pairs the indicators of two declarations of one project by 二级指标
and name (as the 指标库 normalises it: 「2025年」, annotations and punctuation do not
count), and says for each whether the target is unchanged, raised, lowered, new or dropped,
with the relative change of the number where both are quantitative in the same unit.
:func:`budget_change` is the relative change of the 年度资金总额. Rule B606 and the
editor's 与上年比较 table use both.

>>> from jixiao.model import Declaration, Indicator, IndicatorGroup, Level1, Level2
>>> from jixiao.values import parse_value
>>> def form(value: str) -> Declaration:
...     row = Indicator("培训人次", value, parse_value(value))
...     group = IndicatorGroup(Level1.OUTPUT, Level2.QUANTITY, indicators=(row,))
...     return Declaration(year=2025, project_name="培训", groups=(group,))
>>> [c.describe() for c in compare_years(form("≥100人次"), form("≥120人次"))]
['提高20%（≥100人次 → ≥120人次）']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from jixiao.library.names import normalise
from jixiao.model import Declaration, Indicator, Level2
from jixiao.values import Direction, IndicatorValue, ValueKind, parse_value


class Change(StrEnum):
    SAME = "未变"
    UP = "提高"
    DOWN = "降低"
    OTHER = "改写"  #: text changed, or numbers not comparable
    NEW = "新增"
    DROPPED = "删除"


@dataclass(frozen=True, slots=True)
class YearChange:
    level2: Level2
    name: str
    last: str  #: last year's 指标值 ("" for a new indicator)
    this: str  #: this year's 指标值 ("" for a dropped one)
    change: Change
    ratio: Decimal | None = None  #: relative change of the number (0.2 = +20%)
    last_actual: str = ""  #: last year's 实际完成值 (from its self-evaluation), where known
    easy: bool = False  #: unchanged although last year's actual was far above it (L01)

    def describe(self) -> str:
        if self.change in (Change.UP, Change.DOWN) and self.ratio is not None:
            percent = percent_text(self.ratio)
            return f"{self.change}{percent}%（{self.last} → {self.this}）"
        if self.change is Change.OTHER:
            return f"{self.change}（{self.last} → {self.this}）"
        if self.easy:
            return f"未变，而上年实际完成{self.last_actual}，目标可能偏低"
        return str(self.change)


def percent_text(ratio: Decimal) -> str:
    """|ratio| as a percentage with at most one decimal: 0.2 → 20, 0.333 → 33.3."""
    return f"{(abs(ratio) * 100).quantize(Decimal('0.1')).normalize():f}"


def _rows(decl: Declaration) -> dict[tuple[Level2, str], Indicator]:
    return {(g.level2, normalise(i.name)): i for g in decl.groups for i in g.real_indicators}


def _compare(level2: Level2, last: Indicator, this: Indicator) -> YearChange:
    a, b = last.value, this.value
    same_unit = a.unit == b.unit and a.scale == b.scale
    quantitative = a.kind is ValueKind.QUANTITATIVE and b.kind is ValueKind.QUANTITATIVE
    if last.value_text == this.value_text or a == b:
        return YearChange(level2, this.name, last.value_text, this.value_text, Change.SAME)
    if quantitative and same_unit and a.number and b.number is not None:
        ratio = (b.number - a.number) / a.number
        change = Change.UP if ratio > 0 else Change.DOWN if ratio < 0 else Change.SAME
        return YearChange(level2, this.name, last.value_text, this.value_text, change, ratio)
    return YearChange(level2, this.name, last.value_text, this.value_text, Change.OTHER)


#: (二级指标, normalised name) → 实际完成值 as entered in last year's self-evaluation.
Actuals = Mapping[tuple[Level2, str], str]


def actual_key(level2: Level2, name: str) -> tuple[Level2, str]:
    return level2, normalise(name)


def compare_years(
    last: Declaration,
    this: Declaration,
    actuals: Actuals | None = None,
    over: Decimal = Decimal("1.3"),
) -> list[YearChange]:
    """This year's indicators in printed order, then last year's that were dropped.

    With last year's ``actuals``, each row carries its 实际完成值, and an unchanged positive or
    exact target whose actual reached ``over`` × the target is marked ``easy`` (set too low).
    """
    before, now = _rows(last), _rows(this)
    out = []
    for (level2, key), ind in now.items():
        old = before.get((level2, key))
        if old is None:
            out.append(YearChange(level2, ind.name, "", ind.value_text, Change.NEW))
            continue
        found = _compare(level2, old, ind)
        text = (actuals or {}).get((level2, key), "")
        value = parse_value(text) if text else None
        easy = found.change is Change.SAME and _far_above(old.value, value, over)
        out.append(replace(found, last_actual=text, easy=easy))
    for (level2, key), ind in before.items():
        if (level2, key) not in now:
            out.append(YearChange(level2, ind.name, ind.value_text, "", Change.DROPPED))
    return out


def _far_above(target: IndicatorValue, actual: IndicatorValue | None, over: Decimal) -> bool:
    if actual is None or target.direction not in (Direction.POSITIVE, Direction.EXACT):
        return False  # a reverse target (≤) is met by less; an exact one scores as positive
    same_unit = target.unit == actual.unit and target.scale == actual.scale
    if not same_unit or target.number is None or actual.number is None or target.number <= 0:
        return False
    return actual.number >= target.number * over


def budget_change(last: Declaration, this: Declaration) -> Decimal | None:
    """(this − last) ÷ last of the 年度资金总额, None when either is missing or last is 0."""
    a, b = last.funding.annual_total, this.funding.annual_total
    if a is None or b is None or a == 0:
        return None
    return (b - a) / a
