"""A self-evaluation prefilled from the approved declaration (the offline 自评表's start).

Names and 年度指标值 are copied; 分值 are the policy's default spread (the unit may change
them); 全年预算数 starts as the declaration's 年度资金总额; everything the unit reports —
实际完成值, 得分, 偏差原因, 全年执行数, texts — is left empty.
"""

from __future__ import annotations

import dataclasses

from jixiao.evaluation.model import Budget, EvaluationRow, SelfEvaluation
from jixiao.evaluation.policy import ScoringPolicy, policy_for_year
from jixiao.evaluation.weights import default_weights
from jixiao.model import Declaration, Funding, Indicator, IndicatorGroup, TreeVariant


def _row(group: IndicatorGroup, indicator: Indicator) -> EvaluationRow:
    return EvaluationRow(
        level1=group.level1,
        level2=group.level2,
        name=indicator.name,
        target_text=indicator.value_text,
        target=indicator.value,
        location=indicator.location,
    )


def from_declaration(decl: Declaration, policy: ScoringPolicy | None = None) -> SelfEvaluation:
    """The 自评表 of an approved declaration, ready for the unit to fill in."""
    policy = policy or policy_for_year(decl.year)
    rows = [_row(g, i) for g in decl.groups for i in g.indicators if not i.is_placeholder]
    weights = default_weights(rows, policy)
    rows = [dataclasses.replace(r, weight=w) for r, w in zip(rows, weights, strict=True)]
    return SelfEvaluation(
        year=decl.year,
        project_name=decl.project_name,
        department=decl.department,
        implementer=decl.implementer,
        budget=Budget(annual=decl.funding.annual_total, weight=policy.execution_weight),
        goal=decl.annual_goal,
        rows=tuple(rows),
        location=decl.location,
    )


def to_declaration(ev: SelfEvaluation) -> Declaration:
    """The declaration a self-evaluation's targets amount to (names, 年度指标值, 全年预算数)."""
    groups: list[IndicatorGroup] = []
    for row in ev.rows:
        indicator = Indicator(row.name, row.target_text, row.target, row.location)
        if groups and groups[-1].level2 is row.level2:
            last = groups[-1]
            groups[-1] = dataclasses.replace(last, indicators=(*last.indicators, indicator))
        else:
            groups.append(IndicatorGroup(row.level1, row.level2, None, (indicator,)))
    tree = (
        TreeVariant.V2021 if any(r.level1.name == "COST" for r in ev.rows) else TreeVariant.CLASSIC
    )
    return Declaration(
        year=ev.year,
        project_name=ev.project_name,
        department=ev.department,
        implementer=ev.implementer,
        funding=Funding(annual_total=ev.budget.annual),
        annual_goal=ev.goal,
        tree=tree,
        groups=tuple(groups),
    )
