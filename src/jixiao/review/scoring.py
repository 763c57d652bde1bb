"""The score, the suggested grade and the suggested 综合评定等级 — one documented function.

Formula (printed in docs/review.md and in every report as ``SCORE_FORMULA``)::

    得分 = max(0, 100 − Σ 扣分[规则的严重程度])，每个出现的规则代码只扣一次
    等级 = min(按得分的等级, 最严重发现所允许的最高等级)
    综合评定等级 = 等级对应的评定（优、良 → 通过；中 → 退回修改；差 → 退回，不予纳入财政项目库）

A defect repeated in many rows is one kind of defect: each rule code present deducts once.
扣分, the grade floors (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差), the cap per severity
(提示 → 优, 警告 → 良, 错误 → 中, 阻断 → 差) and the grade → verdict table are policy data
(``grading.yaml``) with their citations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache

from jixiao.model import Verdict
from jixiao.policy import PolicyValues
from jixiao.review.finding import Finding

SCORE_FORMULA = (
    "得分 = max(0, 100 − Σ 扣分[规则的严重程度])，每个出现的规则代码只扣一次；"
    "等级 = min(按得分的等级, 最严重发现所允许的最高等级)；"
    "综合评定等级按等级对应（优、良 → 通过；中 → 退回修改；差 → 退回，不予纳入财政项目库）"
)
FULL_MARKS = Decimal(100)
_ZERO = Decimal(0)


class Grade(StrEnum):
    """National review grades, best first."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


_ORDER = (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR)


@dataclass(frozen=True, slots=True)
class Score:
    """The outcome of :func:`score`."""

    points: Decimal
    grade: Grade
    verdict: Verdict


def score(findings: Iterable[Finding], policy: PolicyValues) -> Score:
    """Score one form's findings; see the module docstring for the formula.

    >>> from datetime import date
    >>> from jixiao.policy import load_policy
    >>> score([], load_policy().on(date(2025, 1, 1)))
    Score(points=Decimal('100'), grade=<Grade.EXCELLENT: '优'>, verdict=<Verdict.APPROVED: '通过'>)
    """
    deduction, floors, caps, verdicts = _grade_tables(policy)
    kinds = {f.code: f.severity for f in findings}
    points = max(_ZERO, FULL_MARKS - sum([deduction[s] for s in kinds.values()], _ZERO))
    grade = _grade_by_points(points, floors)
    if kinds:
        worst = max(kinds.values(), key=lambda s: s.rank)
        grade = max(grade, caps[worst], key=_ORDER.index)
    return Score(points, grade, verdicts[grade])


@cache
def _grade_tables(
    policy: PolicyValues,
) -> tuple[Mapping[str, Decimal], Mapping[str, Decimal], dict[str, Grade], dict[str, Verdict]]:
    """The policy's 扣分 per severity, grade floors, cap per severity and verdict per grade,
    read once per policy (caps and verdicts as enums)."""
    deduction = policy.number_table("severity_deduction")
    floors = policy.number_table("grade_floor")
    caps = {s: Grade(g) for s, g in policy.table("severity_grade_cap").items()}
    verdicts = {g: Verdict(v) for g, v in policy.table("grade_verdict").items()}
    return deduction, floors, caps, verdicts


def _grade_by_points(points: Decimal, floors: Mapping[str, Decimal]) -> Grade:
    for grade in _ORDER[:-1]:
        if points >= floors[grade]:
            return grade
    return Grade.POOR
