"""Writing help from the 指标库: names as the clerk types, bundles for a project, far-out values.

:class:`Suggester` holds one library ready for queries: every active entry's normalised name
and aliases as rapidfuzz choices (curated entries first, so they win a tie), the projects'
name words for matching a new project to similar ones.

- :meth:`Suggester.names` ranks entries by rapidfuzz ``WRatio`` (which scores a typed prefix
  such as 「热线接」 against 「热线接通率」 by its partial ratio), a curated entry and a
  frequently declared one coming first among equals.
- :meth:`Suggester.bundle` answers a new project: its type by the policy keywords, the most
  similar earlier projects by name, and the indicators they declared, commonest first — or,
  with no similar project, those of the projects of the same type, else of all projects.
- :meth:`Suggester.outlier` says whether a value lies outside the Tukey fences of what forms
  declared for the same indicator (the same 二级指标 and a name or alias that normalises
  alike — an exact look-up, fast enough for every row of a live review) in the same unit,
  with the range and how many values it comes from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz, process

from jixiao.library.learn import library_policy, project_type
from jixiao.library.model import Entry, EntryStatus, Library, Origin, Project, ValueStats
from jixiao.library.names import normalise, token_text
from jixiao.library.stats import countable, is_outlier, unit_of
from jixiao.model import Level2
from jixiao.policy import PolicyValues
from jixiao.values import IndicatorValue

SIMILAR, SAME_KIND, EVERY_PROJECT = "相似项目", "同类项目", "全部项目"
CURATED_BONUS = 5.0  #: points a curated entry gains over a learnt one in the ranking
#: Spellings matched per entry: its name and its commonest aliases. A learnt entry can gather
#: hundreds of one-off spellings; matching them all made a query 5× slower for no better hits.
SPELLINGS_MATCHED = 5


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry: Entry
    score: float  #: 0–100
    matched: str  #: the spelling that matched (the name or an alias)


@dataclass(frozen=True, slots=True)
class BundleSuggestion:
    fund_use: str  #: the project type
    similar: tuple[tuple[Project, float], ...]  #: similar earlier projects with their score
    basis: str  #: whose indicators these are: 相似项目, 同类项目 or 全部项目
    entries: tuple[tuple[Entry, int], ...]  #: indicators and how many of those projects had them


@dataclass(frozen=True, slots=True)
class Outlier:
    entry: Entry
    stats: ValueStats
    number: Decimal

    def describe(self) -> str:
        return (
            f"指标库中同类指标“{self.entry.name}”的常见取值为{self.stats.describe()}，"
            f"来自{self.entry.form_count}份表；本表为{self.number.normalize():f}{self.stats.unit}，"
            "明显偏离"
        )


class Suggester:
    """One library prepared for suggestions."""

    def __init__(self, library: Library, policy: PolicyValues | None = None) -> None:
        self.library = library
        self.policy = policy or library_policy()
        self._synonyms = tuple(self.policy.table("library_synonyms").items())
        active = [e for e in library.entries if e.status is EntryStatus.ACTIVE]
        active.sort(key=lambda e: (e.origin is not Origin.CURATED, -e.form_count))
        self._entries: list[Entry] = []
        self._choices: list[str] = []
        self._spellings: list[str] = []
        self._by_key: dict[str, Entry] = {}
        self._exact: dict[tuple[str, str], Entry] = {}  #: (二级指标, any normalised spelling)
        for entry in active:
            self._by_key.setdefault(entry.key, entry)
            for spelling in (entry.name, *entry.aliases):
                self._exact.setdefault((entry.level2, normalise(spelling, self._synonyms)), entry)
            seen: set[str] = set()
            for spelling in (entry.name, *entry.aliases):
                choice = normalise(spelling, self._synonyms)
                if choice in seen:
                    continue
                seen.add(choice)
                self._entries.append(entry)
                self._spellings.append(spelling)
                self._choices.append(choice)
                if len(seen) == SPELLINGS_MATCHED:
                    break
        self._projects: list[str] | None = None  #: project names as words, made on first use

    def names(self, text: str, limit: int = 8, level2: str = "") -> tuple[Suggestion, ...]:
        """Entries whose name is like ``text`` (optionally under one 二级指标), best first."""
        query = normalise(text, self._synonyms)
        if not query:
            return ()
        hits = process.extract(
            query, self._choices, scorer=fuzz.WRatio, limit=limit * 4 + 8, score_cutoff=50
        )
        best: dict[str, Suggestion] = {}
        for _, score, i in hits:
            entry = self._entries[i]
            if level2 and entry.level2 != level2:
                continue
            if entry.key not in best or score > best[entry.key].score:
                best[entry.key] = Suggestion(entry, float(score), self._spellings[i])
        ranked = sorted(best.values(), key=_rank)
        return tuple(ranked[:limit])

    def bundle(self, name: str, goal: str = "", limit: int = 20) -> BundleSuggestion:
        """What a new project called ``name`` would usually declare."""
        kind = project_type(name, goal, self.policy.word_table("library_project_types"))
        similar = self._similar(name)
        same_kind = [p for p in self.library.projects if p.fund_use == kind]
        members, basis = next(
            (found, label)
            for found, label in (
                ([p for p, _ in similar], SIMILAR),
                (same_kind, SAME_KIND),
                (list(self.library.projects), EVERY_PROJECT),
            )
            if found or label == EVERY_PROJECT
        )
        declared = [key for p in members for key in p.entry_keys]
        counts = Counter(declared)
        first: dict[str, int] = {}
        for key in declared:
            first.setdefault(key, len(first))  # the order the most similar project printed
        found = [(self._by_key[key], n) for key, n in counts.items() if key in self._by_key]
        found.sort(key=lambda pair: (-pair[1], tree_position(pair[0].level2), first[pair[0].key]))
        return BundleSuggestion(kind, similar, basis, tuple(found[:limit]))

    def _similar(self, name: str, limit: int = 5) -> tuple[tuple[Project, float], ...]:
        query = token_text(normalise(name, self._synonyms))
        if self._projects is None:  # jieba over every project name: only when a bundle is asked
            self._projects = [
                token_text(normalise(p.name, self._synonyms)) for p in self.library.projects
            ]
        if not query or not self._projects:
            return ()
        hits = process.extract(
            query, self._projects, scorer=fuzz.token_set_ratio, limit=limit, score_cutoff=60
        )
        return tuple((self.library.projects[i], float(score)) for _, score, i in hits)

    def outlier(self, level2: str, name: str, value: IndicatorValue) -> Outlier | None:
        """The entry's distribution when ``value`` lies far outside it, else None."""
        if not countable(value) or value.number is None:
            return None
        entry = self._exact.get((level2, normalise(name, self._synonyms)))
        if entry is None:
            return None
        stats = entry.stats_in(unit_of(value))
        minimum = self.policy.number("library_outlier_min_count")
        if stats is None or stats.count < minimum:
            return None
        if is_outlier(stats, value.number, self.policy.number("library_outlier_fence")):
            return Outlier(entry, stats, value.number)
        return None


def tree_position(level2: str) -> int:
    """Where a 二级指标 stands in the form (数量 first, 满意度 last); unknown names last."""
    order = list(Level2)
    return order.index(Level2(level2)) if level2 in Level2._value2member_map_ else len(order)


def _rank(s: Suggestion) -> tuple[float, int, str]:
    bonus = CURATED_BONUS if s.entry.origin is Origin.CURATED else 0.0
    return (-(s.score + bonus), -s.entry.form_count, s.entry.key)
