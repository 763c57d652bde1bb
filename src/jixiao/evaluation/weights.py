"""Spreading the 90 indicator points over the rows (lifecycle.md §2.2).

Default: 产出指标 50 / 效益指标 30 / 满意度指标 10; a missing 一级 gives its points to the
one the policy names (满意度 → 产出 by default). Inside 产出 the 二级 shares are 数量 20,
质量 10, 时效 10, 成本 10, scaled to the points the bucket has when a 二级 is missing;
inside every other 一级 the points are spread equally over its 二级; inside a 二级 equally
over its rows. Weights are rounded to 0.01 and the last row takes the rounding remainder,
so the rows always total the indicator points exactly. Weights the unit set are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from jixiao.evaluation.model import EvaluationRow
from jixiao.evaluation.policy import BUCKETS, COST_FAMILY, ScoringPolicy
from jixiao.model import Level1, Level2

CENT = Decimal("0.01")
_ZERO = Decimal(0)


def bucket(row: EvaluationRow) -> Level1:
    """The 一级 whose points a row shares: the 2021 tree's 成本指标 counts under 产出."""
    return Level1.OUTPUT if row.level1 is Level1.COST else row.level1


def _share_key(row: EvaluationRow) -> Level2:
    return Level2.COST if row.level2 in COST_FAMILY else row.level2


def bucket_points(rows: Sequence[EvaluationRow], policy: ScoringPolicy) -> dict[Level1, Decimal]:
    """Points per present 一级 after giving the points of absent ones where the policy says."""
    present = {bucket(r) for r in rows}
    points = {b: policy.level1_weights.get(b, _ZERO) for b in BUCKETS if b in present}
    if not points:
        return points
    for absent in (b for b in BUCKETS if b not in present):
        target = policy.missing_to.get(absent)
        heir = target if target in points else next(iter(points))
        points[heir] += policy.level1_weights.get(absent, _ZERO)
    return points


def _level2_shares(
    rows: Sequence[EvaluationRow], level1: Level1, points: Decimal, policy: ScoringPolicy
) -> dict[Level2, Decimal]:
    keys = list(dict.fromkeys(_share_key(r) for r in rows if bucket(r) is level1))
    base = {k: policy.output_weights.get(k, _ZERO) for k in keys} if level1 is Level1.OUTPUT else {}
    total = sum(base.values(), _ZERO)
    if not total:
        base, total = dict.fromkeys(keys, Decimal(1)), Decimal(len(keys))
    return {k: points * v / total for k, v in base.items()}


def default_weights(rows: Sequence[EvaluationRow], policy: ScoringPolicy) -> tuple[Decimal, ...]:
    """The policy's weight of every row, rounded to 0.01, totalling the indicator points."""
    if not rows:
        return ()
    shares: dict[tuple[Level1, Level2], Decimal] = {}
    for level1, points in bucket_points(rows, policy).items():
        for key, share in _level2_shares(rows, level1, points, policy).items():
            shares[(level1, key)] = share
    counts: dict[tuple[Level1, Level2], int] = {}
    for r in rows:
        k = (bucket(r), _share_key(r))
        counts[k] = counts.get(k, 0) + 1
    raw = [shares[(bucket(r), _share_key(r))] / counts[(bucket(r), _share_key(r))] for r in rows]
    return _rounded(raw, policy.indicator_points)


def _rounded(raw: Sequence[Decimal], total: Decimal) -> tuple[Decimal, ...]:
    weights = [w.quantize(CENT, ROUND_HALF_UP) for w in raw]
    weights[-1] += total - sum(weights, _ZERO)
    return tuple(weights)


def row_weights(
    rows: Sequence[EvaluationRow], policy: ScoringPolicy
) -> tuple[tuple[Decimal, ...], tuple[bool, ...]]:
    """Each row's weight and whether the policy (not the unit) set it.

    Rows the unit weighted keep their weight; when only some rows are weighted, the rest
    share what is left of the indicator points equally (never below 0).
    """
    given = [r.weight for r in rows]
    if all(w is not None for w in given):
        return tuple(w for w in given if w is not None), (False,) * len(rows)
    if all(w is None for w in given):
        return default_weights(rows, policy), (True,) * len(rows)
    left = max(_ZERO, policy.indicator_points - sum((w for w in given if w is not None), _ZERO))
    missing = sum(1 for w in given if w is None)
    spread = list(_rounded([left / missing] * missing, left))
    weights = tuple(w if w is not None else spread.pop(0) for w in given)
    return weights, tuple(w is None for w in given)
