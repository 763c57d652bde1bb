"""The review summary stored beside each declaration: its 审核等级 and rule hits per code.

``store`` computes it on every create, import, save and transition — the one write path
(:func:`summary_of` and :func:`rows` for new declarations, :func:`summarise` and :func:`record`
for changed ones) — so the 统计 page aggregates with SQL instead of reviewing every form on
each load (bench/scale_bench.py). Each summary records the :func:`fingerprint` of the
审核规则配置 it was computed under (``Declaration.review_config``): when the configuration
changes (a 管理员 enables or disables rules, or chooses another profile; a deploy changes the
policy thresholds), the summaries with another fingerprint are :func:`stale`. The 审核摘要重算
job (:mod:`jixiao.web.jobs.runners`) recomputes them with :func:`refresh`, and opening a stale
form recomputes its own at once (:func:`ensure_current`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from django.db import transaction
from django.db.models import QuerySet

from jixiao.policy import POLICY_FILES, data_text
from jixiao.review.registry import rules_for
from jixiao.web.declarations import engine
from jixiao.web.declarations.models import Declaration, FindingHit


@cache
def _policy_digest() -> str:
    """A digest of the packaged policy data (thresholds, word lists, grading, profiles)."""
    text = "\0".join(data_text(name) for name in (*POLICY_FILES, "profiles.yaml"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def fingerprint(profile: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> str:
    """What a summary depends on besides the content: profile, the rules chosen, the policy.

    Select/ignore prefixes count by the rules they choose, so ``V2`` and ``V20,V21…`` that
    choose the same rules, or editing a profile that is not the default, change nothing.
    """
    return _fingerprint(profile, tuple(select), tuple(ignore))


@cache
def _fingerprint(profile: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> str:
    codes = ",".join(r.code for r in rules_for(select, ignore))
    text = f"{profile}|{codes}|{_policy_digest()}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def current_fingerprint() -> str:
    """The fingerprint of the 审核规则配置 active now."""
    return fingerprint(*engine.active_profile())


def stale(rows: QuerySet[Declaration] | None = None) -> QuerySet[Declaration]:
    """Those of ``rows`` (default: all) whose summary was computed under another configuration."""
    rows = Declaration.objects.all() if rows is None else rows
    return rows.exclude(review_config=current_fingerprint())


@dataclass(frozen=True, slots=True)
class Summary:
    """审核等级 and how many findings each rule code produced."""

    grade: str
    counts: tuple[tuple[str, int], ...]
    config: str = ""  #: the :func:`fingerprint` of the configuration it was computed under

    #: The Declaration columns a summary fills.
    COLUMNS: ClassVar[tuple[str, ...]] = ("review_grade", "finding_count", "review_config")

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def columns(self) -> dict[str, object]:
        """The Declaration columns this summary fills."""
        return dict(zip(self.COLUMNS, (self.grade, self.total, self.config), strict=True))


def summarise(content: str) -> Summary:
    """The summary of the stored ``content`` under the active review configuration."""
    return summary_of(engine.stored(content))


def summary_of(stored: engine.Stored) -> Summary:
    """The grade and the rule hits per code of ``stored``'s review, with its configuration."""
    _digest, profile, select, ignore, _library = stored.key
    counts = Counter(f.code for f in stored.review.findings)
    return Summary(
        stored.review.grade, tuple(sorted(counts.items())), fingerprint(profile, select, ignore)
    )


def rows(row: Declaration, summary: Summary) -> list[FindingHit]:
    """The unsaved hit rows of ``row`` for ``summary`` (a new row has no old ones)."""
    return [FindingHit(declaration=row, code=code, count=n) for code, n in summary.counts]


def record(row: Declaration, summary: Summary) -> None:
    """Replace the stored hits of ``row`` with ``summary``'s (inside the caller's transaction)."""
    FindingHit.objects.filter(declaration=row).delete()
    FindingHit.objects.bulk_create(rows(row, summary))


def refresh(rows: Iterable[Declaration]) -> int:
    """Recompute grade and hits of ``rows`` (after a change of 审核规则配置); how many.

    Each row in its own transaction, and only if it still has the revision it was read at:
    a save in between wrote its own (newer) summary, which is kept.
    """
    done = 0
    for row in rows:
        done += _refresh_one(row)
    return done


@transaction.atomic
def _refresh_one(row: Declaration) -> int:
    summary = summarise(row.content)
    updated = Declaration.objects.filter(pk=row.pk, revision=row.revision).update(
        **summary.columns()
    )
    if updated:
        record(row, summary)
    return updated


def fresh(rows: Sequence[Declaration]) -> None:
    """Recompute now, in place, the stale summaries among ``rows`` (a list page, an export).

    Reading a form whose summary another 审核规则配置 produced so shows the findings of the
    configuration in force, whether or not the 审核摘要重算 job has reached it yet.
    """
    config = current_fingerprint()
    for row in rows:
        if row.review_config != config and refresh([row]):
            row.refresh_from_db(fields=Summary.COLUMNS)


def ensure_current(row: Declaration) -> Declaration:
    """``row`` with a summary of the active configuration, recomputed now if it was stale."""
    fresh([row])
    return row
