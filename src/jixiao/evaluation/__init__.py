"""绩效自评: the 项目支出绩效自评表, its scoring engine, checks, import and layouts.

>>> from jixiao.evaluation import SelfEvaluation, score_evaluation
>>> score_evaluation(SelfEvaluation(year=2025, project_name="示例")).budget.problem
'全年预算数为 0 或未填、执行率无法计算'
"""

from jixiao.evaluation.canonical import SCHEMA_ID, dumps, from_json_object, loads, to_json_object
from jixiao.evaluation.formulas import Formula, RowScore, score_row
from jixiao.evaluation.model import Band, Budget, EvaluationRow, Grade, Layout, SelfEvaluation
from jixiao.evaluation.policy import ScoringPolicy, policy_for_year, scoring_policy
from jixiao.evaluation.scoring import (
    SCORE_FORMULA,
    BudgetScore,
    EvaluationScore,
    grade_of,
    score_budget,
    score_evaluation,
)

__all__ = [
    "SCHEMA_ID",
    "SCORE_FORMULA",
    "Band",
    "Budget",
    "BudgetScore",
    "EvaluationRow",
    "EvaluationScore",
    "Formula",
    "Grade",
    "Layout",
    "RowScore",
    "ScoringPolicy",
    "SelfEvaluation",
    "dumps",
    "from_json_object",
    "grade_of",
    "loads",
    "policy_for_year",
    "score_budget",
    "score_evaluation",
    "score_row",
    "scoring_policy",
    "to_json_object",
]
