"""The score of a self-evaluation: one documented function, every point explained.

Formula (printed in docs/self-evaluation.md and by ``jixiao score``)::

    总分 = 预算执行率得分 + Σ 指标得分；每项保留两位小数（四舍五入），总分为各项之和
    预算执行率得分 = 分值(10) × min(执行率, 100%)，执行率 = 全年执行数 ÷ 全年预算数
    指标得分见 jixiao.evaluation.formulas；分值未填时按政策默认分配
    等级：≥ 90 优，≥ 80 良，≥ 60 中，< 60 差（下限含本数）
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.evaluation.formulas import RowScore, num, pct, points, score_row
from jixiao.evaluation.model import Budget, Grade, SelfEvaluation
from jixiao.evaluation.policy import HUNDRED, ScoringPolicy, policy_for_year
from jixiao.evaluation.weights import row_weights

SCORE_FORMULA = (
    "总分 = 预算执行率得分 + Σ 指标得分（各项四舍五入保留两位小数）；"
    "预算执行率得分 = 分值 × min(全年执行数 ÷ 全年预算数, 100%)；"
    "定量指标：正向、等于型 分值 × min(1, 完成值 ÷ 指标值)，"
    "反向 超出指标值时线性扣减、达到两倍为 0；"
    "定性指标按档次（达成 80%–100%、部分达成 60%–80%、未达成 0–60%）；"
    "等级：≥90 优，≥80 良，≥60 中，<60 差"
)
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class BudgetScore:
    """The 预算执行率 row recomputed."""

    weight: Decimal
    rate: Decimal | None  #: 执行率 as a fraction (0.8619), None when it cannot be known
    score: Decimal
    explanation: str
    capped: bool = False  #: 执行率 above 100 %
    problem: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationScore:
    """The outcome of :func:`score_evaluation`."""

    budget: BudgetScore
    rows: tuple[RowScore, ...]
    default_weights: tuple[bool, ...]  #: per row: the policy, not the unit, set the weight
    indicator_total: Decimal
    total: Decimal
    grade: Grade
    grade_explanation: str
    printed_total: Decimal | None

    @property
    def total_difference(self) -> Decimal | None:
        """Printed 总分 − recomputed total, or None when nothing is printed."""
        return None if self.printed_total is None else self.printed_total - self.total


def rate_from_text(text: str) -> Decimal | None:
    """执行率 as printed → fraction: '86.19%' → 0.8619, '0.99' → 0.99, '' → None."""
    s = "".join(text.split()).rstrip("%％")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value / HUNDRED if "%" in text or "％" in text or value > 1 else value


def execution_rate(budget: Budget) -> Decimal | None:
    """全年执行数 ÷ 全年预算数, or the printed 执行率 when the amounts are not printed."""
    if budget.annual is not None and budget.executed is not None and budget.annual > 0:
        return budget.executed / budget.annual
    return rate_from_text(budget.rate_text)


def score_budget(budget: Budget) -> BudgetScore:
    """分值 × min(执行率, 100%), explained."""
    w = budget.weight
    rate = execution_rate(budget)
    if rate is None:
        problem = "全年预算数为 0 或未填、执行率无法计算"
        return BudgetScore(w, None, _ZERO, f"{problem}，预算执行率得 0 分", problem=problem)
    source = (
        f"执行率 = {num(budget.executed)} ÷ {num(budget.annual)} = {pct(rate)}"
        if budget.annual and budget.executed is not None
        else f"执行率按所填 {pct(rate)}"
    )
    used = min(rate, _ONE)
    score = points(w * used)
    cap = "；执行率超过 100%，按 100% 计（执行数不应大于预算数）" if rate > _ONE else ""
    text = f"预算执行率：{source}，得分 = {num(w)} × {pct(used)} = {num(score)} 分{cap}"
    return BudgetScore(w, rate, score, text, capped=rate > _ONE)


def grade_of(total: Decimal, policy: ScoringPolicy) -> Grade:
    """优/良/中/差 with closed lower bounds: exactly 90 is 优."""
    for grade, floor in policy.grade_floors:
        if total >= floor:
            return grade
    return Grade.POOR


def score_evaluation(ev: SelfEvaluation, policy: ScoringPolicy | None = None) -> EvaluationScore:
    """Recompute every score of a self-evaluation; the unit's own scores are ignored
    except for qualitative rows, where the entered score is kept inside its band."""
    policy = policy or policy_for_year(ev.year)
    budget = score_budget(ev.budget)
    weights, defaulted = row_weights(ev.rows, policy)
    rows = tuple(score_row(r, w, policy) for r, w in zip(ev.rows, weights, strict=True))
    indicator_total = points(sum((r.score for r in rows), _ZERO))
    total = points(budget.score + indicator_total)
    grade = grade_of(total, policy)
    floors = "、".join(f"≥{num(f)} {g}" for g, f in policy.grade_floors)
    explanation = (
        f"总分 = 预算执行率 {num(budget.score)} + 指标 {num(indicator_total)} = {num(total)} 分，"
        f"等级“{grade}”（{floors}，其余为差）"
    )
    return EvaluationScore(
        budget, rows, defaulted, indicator_total, total, grade, explanation, ev.printed_total
    )
