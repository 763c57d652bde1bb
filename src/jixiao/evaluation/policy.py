"""The scoring policy of the 自评表, read once per date from ``policy/data/evaluation.yaml``.

:class:`ScoringPolicy` holds the dated, cited values the engine needs as plain fields, so
scoring 10⁴ forms does not look a key up per row. Fractions are stored as such: the
80 % band floor is ``Decimal("0.8")``. A variant (e.g. the 80/50 bands some provinces
use) is ``dataclasses.replace(policy, band_floors=…)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from jixiao.evaluation.model import Band, Grade
from jixiao.model import Level1, Level2
from jixiao.policy import PolicyValues, load_policy

HUNDRED = Decimal(100)
#: The 二级 of the 2021 tree's 成本指标 count as the classic 成本指标 share of 产出.
COST_FAMILY = frozenset(
    {Level2.COST, Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST}
)
#: The order in which 一级 buckets receive points nobody else takes.
BUCKETS = (Level1.OUTPUT, Level1.BENEFIT, Level1.SATISFACTION)
LINEAR = "线性"
RATIO = "比值"


@dataclass(frozen=True, slots=True)
class ScoringPolicy:
    """Every number the engine uses, with the date it was read for."""

    day: date
    execution_weight: Decimal
    level1_weights: Mapping[Level1, Decimal]
    output_weights: Mapping[Level2, Decimal]
    missing_to: Mapping[Level1, Level1]
    band_floors: Mapping[Band, Decimal]  #: fractions of the weight
    achieved_words: frozenset[str]
    partial_words: frozenset[str]
    over_ratio: Decimal  #: 1.3
    over_zero: Decimal  #: 30
    execution_floor: Decimal  #: 0.9
    reverse_formula: str  #: 线性 or 比值
    grade_floors: tuple[tuple[Grade, Decimal], ...]  #: best first
    tolerance: Decimal
    rate_tolerance: Decimal  #: fraction (0.0001 = 0.01 百分点)
    spending_gap: Decimal  #: fraction
    unspent_share: Decimal  #: fraction
    text_limit: int

    @property
    def indicator_points(self) -> Decimal:
        """The points of all indicators together (90 by default)."""
        return sum(self.level1_weights.values(), Decimal(0))


def from_values(values: PolicyValues) -> ScoringPolicy:
    """The scoring policy from the policy values in force on one date."""
    floors = values.number_table("evaluation_grade_floor")
    return ScoringPolicy(
        day=values.day,
        execution_weight=values.number("evaluation_execution_weight"),
        level1_weights={
            Level1(k): v for k, v in values.number_table("evaluation_level1_weights").items()
        },
        output_weights={
            Level2(k): v for k, v in values.number_table("evaluation_output_weights").items()
        },
        missing_to={
            Level1(k): Level1(v) for k, v in values.table("evaluation_missing_level1_to").items()
        },
        band_floors={
            Band(k): v / HUNDRED for k, v in values.number_table("evaluation_band_floors").items()
        },
        achieved_words=values.word_set("evaluation_achieved_words"),
        partial_words=values.word_set("evaluation_partial_words"),
        over_ratio=values.number("evaluation_over_completion_ratio") / HUNDRED,
        over_zero=values.number("evaluation_over_completion_zero"),
        execution_floor=values.number("evaluation_execution_floor") / HUNDRED,
        reverse_formula=values.table("evaluation_reverse_formula")["公式"],
        grade_floors=tuple((Grade(k), floors[k]) for k in ("优", "良", "中")),
        tolerance=values.number("evaluation_score_tolerance"),
        rate_tolerance=values.number("evaluation_rate_tolerance") / HUNDRED,
        spending_gap=values.number("evaluation_spending_gap") / HUNDRED,
        unspent_share=values.number("evaluation_unspent_share") / HUNDRED,
        text_limit=int(values.number("evaluation_text_limit")),
    )


@cache
def scoring_policy(day: date = date(2025, 1, 1)) -> ScoringPolicy:
    """The packaged scoring policy in force on ``day`` (cached per date)."""
    return from_values(load_policy().on(day))


def policy_for_year(year: int | None) -> ScoringPolicy:
    """The policy of a budget year (its 1 January), or of 2025 when the year is unknown."""
    return scoring_policy(date(year, 1, 1) if year and 2020 <= year <= 2100 else date(2025, 1, 1))
