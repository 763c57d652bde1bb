"""The self-evaluation checks: their registry (:class:`jixiao.registry.Registry`, the one of
every check family), a context, and the finding of a hit.

A check is a small registered function whose docstring is its documentation, with the
review's five sections (检查内容 / 为什么 / 不合格示例 / 合格示例 / 依据); the examples are
self-evaluations in the notation of :mod:`jixiao.evaluation.examples` and run as tests.
Codes are ``E`` and three digits (E001 ↔ the working name E01 of lifecycle.md §6), stable and
never reused. Thresholds come from the scoring policy; checks hold no literals.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from jixiao.evaluation.formulas import RowScore
from jixiao.evaluation.model import EvaluationRow, SelfEvaluation
from jixiao.evaluation.policy import ScoringPolicy
from jixiao.evaluation.scoring import EvaluationScore
from jixiao.model import NOWHERE, Declaration, SourceLocation
from jixiao.policy import PolicyValues, load_policy
from jixiao.registry import Entry, Registry
from jixiao.review.context import texts
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit

Check = Entry  #: a registered self-evaluation check
CHECKS: Registry[Check] = Registry(Check, "自评检查", r"^E[0-9]{3}$", "应为 E 加三位数字")
check = CHECKS.rule  #: ``@check(code, symbol, severity, basis, template, fix)``


@dataclass(frozen=True, slots=True)
class EvaluationFinding:
    """One defect of one self-evaluation, its message rendered from the check's template."""

    code: str
    symbol: str
    severity: Severity
    message: str
    args: Mapping[str, str] = field(default_factory=dict, hash=False)
    path: tuple[str, ...] = ()  #: 一级/二级/三级
    location: SourceLocation = NOWHERE
    basis: str = ""
    fix: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationContext:
    """What a check sees: the form, its recomputed score, the policy, the approved target."""

    evaluation: SelfEvaluation
    score: EvaluationScore
    policy: ScoringPolicy
    declaration: Declaration | None = None

    def rows(self) -> Iterator[tuple[EvaluationRow, RowScore]]:
        return zip(self.evaluation.rows, self.score.rows, strict=True)

    def hit(self, location: SourceLocation | None = None, **args: object) -> Hit:
        """A hit on the form as a whole (money block, totals, texts)."""
        where = location or self.evaluation.location
        return Hit({"project": self.evaluation.project_name, **texts(args)}, (), where)

    def row_hit(self, row: EvaluationRow, **args: object) -> Hit:
        """A hit at one indicator row; ``name`` and ``group`` are always available."""
        found = {"name": row.name, "group": str(row.level2), **texts(args)}
        return Hit(found, (str(row.level1), str(row.level2), row.name), row.location)


@cache
def _citations(day: date) -> PolicyValues:
    return load_policy().on(day)


def finding(entry: Check, hit: Hit, day: date) -> EvaluationFinding:
    """The finding of one hit, its message and fix rendered from the check's templates."""
    basis = _citations(day).citation(entry.basis)
    return EvaluationFinding(
        entry.code,
        entry.symbol,
        entry.severity,
        entry.template.format_map(hit.args),
        hit.args,
        hit.path,
        hit.location,
        f"{basis.number} {basis.article}",
        entry.fix.format_map(hit.args),
    )
