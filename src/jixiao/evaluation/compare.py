"""Compare imported self-evaluations with hand annotations (corpus goldens).

Facts are (三级指标, field, value) for the fields name, target, actual, weight and score,
whitespace removed and points compared as numbers; a row is found by its name. Precision
is the share of imported facts that the golden holds, recall the share of golden facts
imported, F1 their harmonic mean. Used by the corpus test and docs/self-evaluation.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.evaluation.model import SelfEvaluation

FIELDS = ("target", "actual", "weight", "score")
Fact = tuple[str, str, str]


def _clean(text: object) -> str:
    return "".join(str(text).split()) if text is not None else ""


def _points(text: str) -> str:
    try:
        return str(Decimal(text).normalize())
    except InvalidOperation:
        return text


def _facts(rows: Iterable[Mapping[str, Any]]) -> set[Fact]:
    facts: set[Fact] = set()
    for row in rows:
        name = _clean(row.get("name"))
        if not name:
            continue
        facts.add((name, "name", name))
        for field in FIELDS:
            value = _clean(row.get(field))
            if value:
                facts.add((name, field, _points(value) if field in ("weight", "score") else value))
    return facts


def evaluation_rows(ev: SelfEvaluation) -> list[dict[str, Any]]:
    """The rows of an imported self-evaluation in the golden's field names."""
    return [
        {
            "name": r.name,
            "target": r.target_text or None,
            "actual": r.actual_text or None,
            "weight": r.weight,
            "score": r.printed_score,
        }
        for r in ev.rows
    ]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Fact counts of one comparison."""

    correct: int
    imported: int
    golden: int

    @property
    def precision(self) -> float:
        return self.correct / self.imported if self.imported else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.golden if self.golden else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(
            self.correct + other.correct, self.imported + other.imported, self.golden + other.golden
        )


def agreement(ev: SelfEvaluation, golden: Mapping[str, Any]) -> Agreement:
    """How far an imported self-evaluation agrees with its golden annotation."""
    mine = _facts(evaluation_rows(ev))
    theirs = _facts(golden.get("indicators", []))
    return Agreement(len(mine & theirs), len(mine), len(theirs))
