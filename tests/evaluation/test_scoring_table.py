"""The scoring table: every formula, cap, band, redistributed weight and grade boundary."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jixiao.evaluation import Band, Budget, Formula, Grade, grade_of, score_budget, scoring_policy
from jixiao.evaluation.formulas import score_row
from jixiao.evaluation.policy import RATIO
from jixiao.evaluation.weights import row_weights
from jixiao.model import Level1, Level2
from tests.evaluation.helpers import D, evaluation, row

POLICY = scoring_policy()
POLICY_8050 = dataclasses.replace(
    POLICY,
    band_floors={
        Band.ACHIEVED: Decimal("0.8"),
        Band.PARTIAL: Decimal("0.5"),
        Band.MISSED: Decimal(0),
    },
)
POLICY_RATIO = dataclasses.replace(POLICY, reverse_formula=RATIO)

#: (case id, target, actual, weight, entered score, band, policy, expected score, formula, capped)
ROWS = [
    ("positive-over", "≥100个", "120个", 10, None, None, POLICY, "10", Formula.POSITIVE, True),
    ("positive-exact", "≥100个", "100个", 10, None, None, POLICY, "10", Formula.POSITIVE, False),
    ("positive-short", "≥100个", "80个", 10, None, None, POLICY, "8", Formula.POSITIVE, False),
    ("positive-nothing", "≥100个", "0个", 10, None, None, POLICY, "0", Formula.POSITIVE, False),
    (
        "positive-round-half-up",
        "≥8755人",
        "8676人",
        15,
        None,
        None,
        POLICY,
        "14.86",
        Formula.POSITIVE,
        False,
    ),
    ("greater-than", ">50次", "25次", 10, None, None, POLICY, "5", Formula.POSITIVE, False),
    ("percent", "≥95%", "90%", 10, None, None, POLICY, "9.47", Formula.POSITIVE, False),
    (
        "scale-wan-vs-plain",
        "≥1.1万册",
        "5500册",
        10,
        None,
        None,
        POLICY,
        "5",
        Formula.POSITIVE,
        False,
    ),
    (
        "scale-wan-both",
        "≥1.1万册",
        "0.55万册",
        10,
        None,
        None,
        POLICY,
        "5",
        Formula.POSITIVE,
        False,
    ),
    (
        "bare-number-unit-from-target",
        "≥50000人次",
        "110406",
        10,
        None,
        None,
        POLICY,
        "10",
        Formula.POSITIVE,
        True,
    ),
    (
        "bare-scale-from-target",
        "≥550万粒",
        "275",
        8,
        None,
        None,
        POLICY,
        "4",
        Formula.POSITIVE,
        False,
    ),
    ("equal-met", "550万粒", "550万粒", 8, None, None, POLICY, "8", Formula.EQUAL, False),
    ("equal-short", "=100%", "95%", 10, None, None, POLICY, "9.5", Formula.EQUAL, False),
    ("equal-over-capped", "=100%", "110%", 10, None, None, POLICY, "10", Formula.EQUAL, True),
    (
        "equal-percent-bare-actual",
        "100%",
        "100",
        10,
        None,
        None,
        POLICY,
        "10",
        Formula.EQUAL,
        False,
    ),
    ("zero-equal-met", "0起", "0起", 10, None, None, POLICY, "10", Formula.ZERO, False),
    ("zero-equal-missed", "0起", "2起", 10, None, None, POLICY, "0", Formula.ZERO, False),
    ("zero-ge-met", "≥0个", "5个", 10, None, None, POLICY, "10", Formula.ZERO, False),
    ("zero-gt-missed", ">0个", "0个", 10, None, None, POLICY, "0", Formula.ZERO, False),
    ("zero-gt-met", ">0个", "1个", 10, None, None, POLICY, "10", Formula.ZERO, False),
    ("zero-le-met", "≤0起", "0起", 10, None, None, POLICY, "10", Formula.ZERO, False),
    ("zero-le-missed", "≤0起", "1起", 10, None, None, POLICY, "0", Formula.ZERO, False),
    ("reverse-under", "≤10天", "8天", 10, None, None, POLICY, "10", Formula.REVERSE, False),
    ("reverse-equal", "≤10天", "10天", 10, None, None, POLICY, "10", Formula.REVERSE, False),
    ("reverse-linear", "≤10天", "12天", 10, None, None, POLICY, "8", Formula.REVERSE, False),
    ("reverse-double", "≤10天", "20天", 10, None, None, POLICY, "0", Formula.REVERSE, True),
    ("reverse-beyond-double", "≤10天", "25天", 10, None, None, POLICY, "0", Formula.REVERSE, True),
    ("reverse-less-than", "<5%", "6%", 10, None, None, POLICY, "8", Formula.REVERSE, False),
    (
        "reverse-ratio-variant",
        "≤10天",
        "15天",
        10,
        None,
        None,
        POLICY_RATIO,
        "6.67",
        Formula.REVERSE,
        False,
    ),
    ("reverse-cost-wan", "≤30万元", "36万元", 10, None, None, POLICY, "8", Formula.REVERSE, False),
    ("range-inside", "1-12月", "6月", 10, None, None, POLICY, "10", Formula.RANGE, False),
    ("range-below", "80-100分", "70分", 10, None, None, POLICY, "8.75", Formula.RANGE, False),
    (
        "date-before-deadline",
        "2025年12月31日前",
        "2025年11月",
        10,
        None,
        None,
        POLICY,
        "10",
        Formula.REVERSE,
        False,
    ),
    ("actual-missing", "≥100个", "", 10, None, None, POLICY, "0", Formula.UNSCORABLE, False),
    (
        "actual-text-on-quantity",
        "≥100个",
        "完成",
        10,
        None,
        None,
        POLICY,
        "0",
        Formula.UNSCORABLE,
        False,
    ),
    (
        "actual-other-unit",
        "≥100个",
        "100人",
        10,
        None,
        None,
        POLICY,
        "0",
        Formula.UNSCORABLE,
        False,
    ),
    (
        "qual-inferred-achieved",
        "合格",
        "合格",
        10,
        None,
        None,
        POLICY,
        "10",
        Formula.QUALITATIVE,
        False,
    ),
    ("qual-achieved-word", "有效", "是", 10, None, None, POLICY, "10", Formula.QUALITATIVE, False),
    (
        "qual-partial-in-band",
        "合格",
        "基本合格",
        10,
        7,
        Band.PARTIAL,
        POLICY,
        "7",
        Formula.QUALITATIVE,
        False,
    ),
    (
        "qual-partial-above-band",
        "合格",
        "基本合格",
        10,
        9,
        Band.PARTIAL,
        POLICY,
        "7.99",
        Formula.QUALITATIVE,
        True,
    ),
    (
        "qual-achieved-below-band",
        "合格",
        "合格",
        10,
        7,
        Band.ACHIEVED,
        POLICY,
        "8",
        Formula.QUALITATIVE,
        True,
    ),
    (
        "qual-achieved-top",
        "合格",
        "合格",
        10,
        10,
        Band.ACHIEVED,
        POLICY,
        "10",
        Formula.QUALITATIVE,
        False,
    ),
    (
        "qual-missed-default",
        "合格",
        "不合格",
        10,
        None,
        Band.MISSED,
        POLICY,
        "0",
        Formula.QUALITATIVE,
        False,
    ),
    (
        "qual-missed-above-band",
        "合格",
        "不合格",
        10,
        7,
        Band.MISSED,
        POLICY,
        "5.99",
        Formula.QUALITATIVE,
        True,
    ),
    (
        "qual-partial-default-floor",
        "合格",
        "一般",
        10,
        None,
        Band.PARTIAL,
        POLICY,
        "6",
        Formula.QUALITATIVE,
        False,
    ),
    (
        "qual-8050-partial-floor",
        "合格",
        "一般",
        10,
        None,
        Band.PARTIAL,
        POLICY_8050,
        "5",
        Formula.QUALITATIVE,
        False,
    ),
    (
        "qual-8050-missed-top",
        "合格",
        "差",
        10,
        6,
        Band.MISSED,
        POLICY_8050,
        "4.99",
        Formula.QUALITATIVE,
        True,
    ),
    (
        "qual-partial-word-above",
        "是",
        "基本达到",
        8,
        7,
        None,
        POLICY,
        "6.39",
        Formula.QUALITATIVE,
        True,
    ),
    (
        "qual-band-from-printed-score",
        "高",
        "较高水平",
        10,
        7,
        None,
        POLICY,
        "7",
        Formula.QUALITATIVE,
        False,
    ),
]


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score", "band", "policy", "expected", "formula", "capped"),
    [c[1:] for c in ROWS],
    ids=[c[0] for c in ROWS],
)
def test_it_scores_a_row_by_its_formula(
    target: str,
    actual: str,
    weight: int,
    score: int | None,
    band: Band | None,
    policy: object,
    expected: str,
    formula: Formula,
    capped: bool,
) -> None:
    r = row(target, actual, weight, score, band)
    result = score_row(r, Decimal(weight), policy)  # type: ignore[arg-type]
    assert (result.score, result.formula, result.capped) == (Decimal(expected), formula, capped)
    assert result.explanation and "分" in result.explanation


def test_it_has_at_least_forty_table_cases() -> None:
    assert len(ROWS) + len(GRADES) + len(BUDGETS) + len(WEIGHTS) >= 40


@pytest.mark.parametrize(("actual", "over"), [("130个", True), ("129个", False), ("200个", True)])
def test_it_flags_over_completion_from_130_percent(actual: str, over: bool) -> None:
    assert score_row(row("≥100个", actual), Decimal(10), POLICY).over_completed is over


@pytest.mark.parametrize(("actual", "over"), [("30个", True), ("29个", False)])
def test_it_flags_over_completion_of_a_zero_target_from_30(actual: str, over: bool) -> None:
    assert score_row(row("≥0个", actual), Decimal(10), POLICY).over_completed is over


def test_it_explains_the_numbers_and_the_cap_in_chinese() -> None:
    text = score_row(row("≥8755人", "8676人", 15), Decimal(15), POLICY).explanation
    assert text.startswith("正向指标：完成值 8676 ÷ 指标值 8755 = 99.10%")
    assert "得分 = 15 × 99.10% = 14.86 分" in text and "偏差原因" in text
    capped = score_row(row("≥100个", "120个"), Decimal(10), POLICY).explanation
    assert "封顶" in capped
    reverse = score_row(row("≤10天", "12天"), Decimal(10), POLICY).explanation
    assert "10 × (1 − (12 − 10) ÷ 10) = 8 分" in reverse


GRADES = [
    ("100", Grade.EXCELLENT),
    ("90", Grade.EXCELLENT),
    ("90.00", Grade.EXCELLENT),
    ("89.99", Grade.GOOD),
    ("80", Grade.GOOD),
    ("79.99", Grade.FAIR),
    ("60", Grade.FAIR),
    ("59.99", Grade.POOR),
    ("0", Grade.POOR),
]


@pytest.mark.parametrize(("total", "grade"), GRADES)
def test_it_grades_with_closed_lower_bounds(total: str, grade: Grade) -> None:
    assert grade_of(Decimal(total), POLICY) is grade


BUDGETS = [
    ("250000", "215457.6", "", "8.62", False),  # 86.18304 %
    ("100", "100", "", "10", False),
    ("100", "110", "", "10", True),  # above 100 %: capped
    ("65.66", "65.07", "", "9.91", False),
    (None, None, "99%", "9.9", False),  # only the printed rate
    ("0", "0", "", "0", False),  # nothing budgeted: no rate
]


@pytest.mark.parametrize(("annual", "executed", "rate", "expected", "capped"), BUDGETS)
def test_it_scores_execution_capped_at_100_percent(
    annual: str | None, executed: str | None, rate: str, expected: str, capped: bool
) -> None:
    result = score_budget(Budget(annual=D(annual), executed=D(executed), rate_text=rate))
    assert (result.score, result.capped) == (Decimal(expected), capped)


Q, QL, T, C = Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST
SO, EC, SA = Level2.SOCIAL_BENEFIT, Level2.ECONOMIC_BENEFIT, Level2.SERVICE_SATISFACTION
#: (case id, 二级 of each unweighted row, expected weights)
WEIGHTS = [
    ("national-default", (Q, Q, QL, T, C, SO, SA), ("10", "10", "10", "10", "10", "30", "10")),
    ("no-satisfaction-to-output", (Q, QL, T, C, SO), ("24", "12", "12", "12", "30")),
    ("output-without-cost", (Q, QL, T, SO, SA), ("25", "12.5", "12.5", "30", "10")),
    ("benefit-spread-equally", (Q, SO, SO, SO, EC, SA), ("50", "5", "5", "5", "15", "10")),
    ("rounding-remainder-last", (Q,) * 7, ("12.86",) * 6 + ("12.84",)),
    ("cost-2021-tree", (Q, Level2.ECONOMIC_COST, SO, SA), ("33.33", "16.67", "30", "10")),
]


@pytest.mark.parametrize(
    ("levels", "expected"), [w[1:] for w in WEIGHTS], ids=[w[0] for w in WEIGHTS]
)
def test_it_spreads_the_points_by_policy(
    levels: tuple[Level2, ...], expected: tuple[str, ...]
) -> None:
    rows = [row("≥1个", "1个", None, level2=lv) for lv in levels]
    weights, defaulted = row_weights(rows, POLICY)
    assert weights == tuple(Decimal(e) for e in expected)
    assert sum(weights) == Decimal(90) and all(defaulted)


def test_it_keeps_the_units_weights_and_spreads_the_rest() -> None:
    rows = [row("≥1个", "1个", 40), row("≥1个", "1个", 30), row("≥1个", "1个", None, level2=SA)]
    assert row_weights(rows, POLICY) == ((D(40), D(30), D(20)), (False, False, True))


def test_it_totals_rows_and_execution_into_a_grade() -> None:
    ev = evaluation(
        row("≥100个", "100个", 50),
        row("≥95%", "95%", 30, level2=SO),
        row("≥90%", "92%", 10, level2=SA),
        annual="100",
        executed="89.99",
    )
    from jixiao.evaluation import score_evaluation

    result = score_evaluation(ev)
    assert (result.budget.score, result.indicator_total, result.total) == (D("9"), D(90), D(99))
    assert result.grade is Grade.EXCELLENT and "99 分" in result.grade_explanation


def test_the_2021_tree_cost_level1_counts_under_output() -> None:
    rows = [row("≥1个", "1个", None, level2=Level2.ECONOMIC_COST)]
    assert rows[0].level1 is Level1.COST
    assert row_weights(rows, POLICY)[0] == (D(90),)
