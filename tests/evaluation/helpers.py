"""Small builders for self-evaluations in tests."""

from __future__ import annotations

from decimal import Decimal

from jixiao.evaluation import Band, Budget, EvaluationRow, SelfEvaluation
from jixiao.evaluation.formulas import parse_actual
from jixiao.model import Level2, TreeVariant, level1_of
from jixiao.values import parse_value


def D(text: str | int | None) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def row(
    target: str,
    actual: str,
    weight: str | int | None = 10,
    score: str | int | None = None,
    band: Band | None = None,
    level2: Level2 = Level2.QUANTITY,
    name: str = "指标",
    deviation: str = "",
) -> EvaluationRow:
    level1 = level1_of(level2, TreeVariant.CLASSIC) or level1_of(level2, TreeVariant.V2021)
    assert level1 is not None
    return EvaluationRow(
        level1=level1,
        level2=level2,
        name=name,
        target_text=target,
        target=parse_value(target),
        actual_text=actual,
        actual=parse_actual(actual),
        weight=D(weight),
        printed_score=D(score),
        band=band,
        deviation=deviation,
    )


def evaluation(
    *rows: EvaluationRow,
    annual: str | None = "100",
    executed: str | None = "100",
    rate: str = "",
    total: str | None = None,
) -> SelfEvaluation:
    return SelfEvaluation(
        year=2025,
        project_name="测试项目",
        budget=Budget(annual=D(annual), executed=D(executed), rate_text=rate),
        rows=rows,
        printed_total=D(total),
    )
