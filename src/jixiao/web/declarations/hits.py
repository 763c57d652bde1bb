"""The review summary stored beside each declaration: its 审核等级 and rule hits per code.

``store`` calls :func:`summarise` and :func:`record` on every create, save and transition —
the one write path — so the 统计 page aggregates with SQL instead of reviewing every form on
each load (bench/scale_bench.py). The summary follows the 审核规则配置 active when the form
was last written; :func:`refresh` recomputes it for existing forms (migration 0006 runs the
same review for forms stored before it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.web.declarations import engine
from jixiao.web.declarations.models import Declaration, FindingHit


@dataclass(frozen=True, slots=True)
class Summary:
    """审核等级 and how many findings each rule code produced."""

    grade: str
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def columns(self) -> dict[str, object]:
        """The Declaration columns this summary fills."""
        return {"review_grade": self.grade, "finding_count": self.total}


def summarise(content: str) -> Summary:
    """The summary of the stored ``content`` under the active review configuration."""
    return summary_of(engine.stored(content).review)


def summary_of(review: engine.ReviewView) -> Summary:
    """The grade and the rule hits per code of ``review``."""
    counts = Counter(f.code for f in review.findings)
    return Summary(review.grade, tuple(sorted(counts.items())))


def rows(row: Declaration, summary: Summary) -> list[FindingHit]:
    """The unsaved hit rows of ``row`` for ``summary`` (a new row has no old ones)."""
    return [FindingHit(declaration=row, code=code, count=n) for code, n in summary.counts]


def record(row: Declaration, summary: Summary) -> None:
    """Replace the stored hits of ``row`` with ``summary``'s (inside the caller's transaction)."""
    FindingHit.objects.filter(declaration=row).delete()
    FindingHit.objects.bulk_create(rows(row, summary))


def refresh(rows: Iterable[Declaration]) -> int:
    """Recompute grade and hits of ``rows`` (after a change of 审核规则配置); how many."""
    done = 0
    for row in rows:
        summary = summarise(row.content)
        Declaration.objects.filter(pk=row.pk).update(**summary.columns())
        record(row, summary)
        done += 1
    return done
