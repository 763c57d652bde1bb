"""The score of one 三级指标 row: which formula, which numbers, what was capped.

w weight, T 年度指标值, B 实际完成值, s score (lifecycle.md §2.3; decisions in
docs/self-evaluation.md):

- 正向 (≥ ＞), T > 0: s = w × min(1, B ÷ T)
- 等于 (＝ or a bare number), T > 0: as 正向
- T = 0: ≥0 is met by any B ≥ 0, ＞0 by B > 0, ＝0 (and ≤0, ＜0) only by B ≤ 0; met → w, else 0
- 反向 (≤ ＜), T > 0: B ≤ T → w; 线性 (default): w × max(0, 1 − (B − T) ÷ T), i.e. 0 from 2T;
  比值 (policy variant): w × T ÷ B
- 区间 (a–b): inside → w; below → w × B ÷ a; above → as 反向 against b
- 定性: the band's range of w (达成 [80 %, 100 %], 部分达成 [60 %, 80 %), 未达成 [0, 60 %));
  an entered score outside its band is moved to the band's edge; without a score 达成 counts
  w and the other bands their floor
- B missing, not a number, or in another unit than T: 0 (a check reports it)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from jixiao.evaluation.model import Band, EvaluationRow
from jixiao.evaluation.policy import HUNDRED, LINEAR, ScoringPolicy
from jixiao.values import MONTH_UNITS, IndicatorValue, Operator, ValueKind, parse_value

CENT = Decimal("0.01")
_ZERO = Decimal(0)
_ONE = Decimal(1)
_POSITIVE = frozenset({Operator.GE, Operator.GT})
_REVERSE = frozenset({Operator.LE, Operator.LT})
_EXPLAIN_BELOW = "未达到指标值，须说明偏差原因"


class Formula(StrEnum):
    """Which formula scored a row."""

    POSITIVE = "正向"
    EQUAL = "等于"
    ZERO = "指标值为零"
    REVERSE = "反向"
    RANGE = "区间"
    QUALITATIVE = "定性"
    UNSCORABLE = "无法计分"


@dataclass(frozen=True, slots=True)
class RowScore:
    """The recomputed score of one row, with its explanation in Chinese."""

    weight: Decimal
    score: Decimal
    formula: Formula
    explanation: str
    capped: bool = False  #: the formula's result was limited (封顶 or moved into its band)
    ratio: Decimal | None = None  #: B ÷ T for quantitative rows
    band: Band | None = None  #: the band used for a qualitative row
    below_target: bool = False  #: B falls short of T (a 偏差原因 is required)
    over_completed: bool = False  #: B ≥ 130 % of T (an explanation is required)
    problem: str = ""  #: why the row could not be scored by a formula


def num(d: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 10.50 → '10.5', 1E+1 → '10'."""
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(d: Decimal) -> str:
    """A fraction as a percentage with two decimals: 0.99096 → '99.10%'."""
    return format((d * HUNDRED).quantize(CENT, ROUND_HALF_UP), "f") + "%"


def points(d: Decimal) -> Decimal:
    """Round points to 0.01, half up."""
    return d.quantize(CENT, ROUND_HALF_UP)


def magnitude(v: IndicatorValue) -> Decimal:
    """The number a value stands for: 1.1万 → 11000; a date → months since year 0."""
    n = v.number if v.number is not None else _ZERO
    if v.unit in MONTH_UNITS and v.year is not None:
        return Decimal(v.year * 12) + n
    return n * v.scale.factor if v.scale else n


def comparable_actual(target: IndicatorValue, actual: IndicatorValue) -> tuple[Decimal | None, str]:
    """B in T's terms, or None with the reason (in Chinese) why it cannot be compared."""
    if actual.kind is not ValueKind.QUANTITATIVE or actual.number is None:
        return None, f"实际完成值“{actual.term}”不是数值，定量指标应填写与指标值同单位的数值"
    if actual.unit and actual.unit != target.unit:
        return None, f"实际完成值的单位“{actual.unit}”与指标值的单位“{target.unit or '无'}”不一致"
    if not actual.unit and not actual.scale and target.scale:
        return actual.number * target.scale.factor, ""
    return magnitude(actual), ""


def score_row(row: EvaluationRow, weight: Decimal, policy: ScoringPolicy) -> RowScore:
    """Score one row with ``weight`` by the formula its 年度指标值 calls for."""
    target = row.target
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None:
        return score_qualitative(row, weight, policy)
    if row.actual is None or not row.actual_text.strip():
        return _unscorable(weight, "未填写实际完成值")
    b, problem = comparable_actual(target, row.actual)
    if b is None:
        return _unscorable(weight, problem)
    t = magnitude(target)
    if target.operator is Operator.RANGE and target.upper is not None:
        return _range(weight, b, t, _upper(target), policy)
    if t == 0:
        return _zero_target(weight, b, target.operator, policy)
    if target.operator in _REVERSE:
        return _reverse(weight, b, t, policy)
    formula = Formula.POSITIVE if target.operator in _POSITIVE else Formula.EQUAL
    return _positive(weight, b, t, formula, policy)


def _upper(v: IndicatorValue) -> Decimal:
    upper = v.upper if v.upper is not None else _ZERO
    return magnitude(
        IndicatorValue(
            ValueKind.QUANTITATIVE, number=upper, scale=v.scale, unit=v.unit, year=v.year
        )
    )


def _unscorable(weight: Decimal, problem: str) -> RowScore:
    return RowScore(
        weight, _ZERO, Formula.UNSCORABLE, f"{problem}，无法按公式计分，得 0 分", problem=problem
    )


def _positive(
    weight: Decimal, b: Decimal, t: Decimal, formula: Formula, policy: ScoringPolicy
) -> RowScore:
    ratio = b / t
    over = ratio >= policy.over_ratio
    kind = "等于型指标（按正向计分）" if formula is Formula.EQUAL else "正向指标"
    lead = f"{kind}：完成值 {num(b)} ÷ 指标值 {num(t)} = {pct(ratio)}"
    if ratio >= _ONE:
        note = (
            f"，达到或超过指标值，得满分 {num(weight)} 分（按 100% 封顶）"
            if ratio > _ONE
            else f"，得满分 {num(weight)} 分"
        )
        if over:
            note += f"；完成值达到指标值的 {pct(policy.over_ratio)} 以上，须说明超计划原因"
        return RowScore(
            weight, points(weight), formula, lead + note, ratio > _ONE, ratio, over_completed=over
        )
    score = points(weight * ratio)
    text = f"{lead}，得分 = {num(weight)} × {pct(ratio)} = {num(score)} 分；" + _EXPLAIN_BELOW
    return RowScore(weight, score, formula, text, False, ratio, below_target=True)


def _zero_target(
    weight: Decimal, b: Decimal, op: Operator | None, policy: ScoringPolicy
) -> RowScore:
    if op is Operator.GE:
        met, rule = b >= 0, "“≥0”的指标，完成值不小于 0 即达到"
    elif op is Operator.GT:
        met, rule = b > 0, "“＞0”的指标，完成值大于 0 才达到"
    else:
        met, rule = b <= 0, "指标值为 0 的等于型或反向指标，完成值不大于 0 才达到"
    score = points(weight) if met else _ZERO
    verdict = f"得满分 {num(weight)} 分" if met else "得 0 分；须说明偏差原因"
    over = met and b >= policy.over_zero
    if over:
        verdict += f"；完成值达到 {num(policy.over_zero)} 以上，须说明超计划原因"
    text = f"{rule}：完成值 {num(b)}，{verdict}"
    return RowScore(weight, score, Formula.ZERO, text, below_target=not met, over_completed=over)


def _reverse(weight: Decimal, b: Decimal, t: Decimal, policy: ScoringPolicy) -> RowScore:
    ratio = b / t
    if b <= t:
        text = f"反向指标：完成值 {num(b)} 不超过指标值 {num(t)}，得满分 {num(weight)} 分"
        return RowScore(weight, points(weight), Formula.REVERSE, text, ratio=ratio)
    if policy.reverse_formula == LINEAR:
        factor = max(_ZERO, _ONE - (b - t) / t)
        how = f"{num(weight)} × (1 − ({num(b)} − {num(t)}) ÷ {num(t)})"
        cap = "，超出一倍及以上按 0 分计" if factor == 0 else ""
    else:
        factor = t / b
        how, cap = f"{num(weight)} × {num(t)} ÷ {num(b)}", ""
    score = points(weight * factor)
    text = f"反向指标：完成值 {num(b)} 超出指标值 {num(t)}，得分 = {how} = {num(score)} 分{cap}"
    text += "；须说明偏差原因"
    return RowScore(weight, score, Formula.REVERSE, text, bool(cap), ratio, below_target=True)


def _range(
    weight: Decimal, b: Decimal, low: Decimal, high: Decimal, policy: ScoringPolicy
) -> RowScore:
    if low <= b <= high:
        text = f"区间指标：完成值 {num(b)} 在 {num(low)}–{num(high)} 之内，得满分 {num(weight)} 分"
        return RowScore(weight, points(weight), Formula.RANGE, text)
    if b < low:
        inner = _positive(weight, b, low, Formula.POSITIVE, policy)
    else:
        inner = _reverse(weight, b, high, policy)
    return RowScore(
        weight,
        inner.score,
        Formula.RANGE,
        "区间指标超出区间，" + inner.explanation,
        inner.capped,
        inner.ratio,
        below_target=True,
    )


# --- qualitative --------------------------------------------------------------------------


def band_range(band: Band, weight: Decimal, policy: ScoringPolicy) -> tuple[Decimal, Decimal]:
    """The band's points [low, high]: high is the next band's floor (the top band: w)."""
    order = sorted(policy.band_floors.items(), key=lambda kv: kv[1], reverse=True)
    floors = [f for _, f in order]
    i = [b for b, _ in order].index(band)
    high = _ONE if i == 0 else floors[i - 1]
    return points(weight * floors[i]), points(weight * high)


def infer_band(
    row: EvaluationRow, weight: Decimal, policy: ScoringPolicy
) -> tuple[Band | None, str]:
    """The band a row states, or the one its 实际完成值 (or printed score) implies."""
    if row.band is not None:
        return row.band, "填报档次"
    actual = "".join(row.actual_text.split())
    if not actual:
        return None, ""
    if actual == "".join(row.target_text.split()) or actual in policy.achieved_words:
        return Band.ACHIEVED, f"实际完成值“{actual}”与指标值相符，推定为“{Band.ACHIEVED}”"
    if actual in policy.partial_words:
        return Band.PARTIAL, f"实际完成值“{actual}”，推定为“{Band.PARTIAL}”"
    if row.printed_score is not None and weight > 0:
        for band in Band:
            low, _ = band_range(band, weight, policy)
            if row.printed_score >= low:
                return band, f"按已填得分 {num(row.printed_score)} 推定为“{band}”"
    return Band.MISSED, f"实际完成值“{actual}”未表明达成，推定为“{Band.MISSED}”"


def score_qualitative(row: EvaluationRow, weight: Decimal, policy: ScoringPolicy) -> RowScore:
    """A 定性 row: the entered score kept inside the band's range."""
    band, why = infer_band(row, weight, policy)
    if band is None:
        return _unscorable(weight, "未填写实际完成值或完成档次")
    low, high = band_range(band, weight, policy)
    top = high if band is Band.ACHIEVED else high - CENT
    head = f"定性指标，{why}（{band}：{num(low)}–{num(high)} 分）"
    entered = row.printed_score
    if entered is None:
        score = top if band is Band.ACHIEVED else low
        edge = "上限" if band is Band.ACHIEVED else "下限"
        text = f"{head}，未填得分，按该档{edge} {num(score)} 分计"
        return RowScore(
            weight,
            score,
            Formula.QUALITATIVE,
            text,
            band=band,
            below_target=band is not Band.ACHIEVED,
        )
    score = min(max(points(entered), low), max(low, top))
    capped = score != points(entered)
    text = f"{head}，填报得分 {num(entered)}" + (
        f"，超出档次范围，按 {num(score)} 分计" if capped else "，在档次范围内"
    )
    return RowScore(
        weight,
        score,
        Formula.QUALITATIVE,
        text,
        capped,
        band=band,
        below_target=band is not Band.ACHIEVED,
    )


def parse_actual(text: str) -> IndicatorValue | None:
    """实际完成值 parsed, or None when nothing was entered."""
    return parse_value(text) if text.strip() else None
