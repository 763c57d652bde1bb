"""Search of the 申报表列表 at 10⁵ forms: the matches found early, never counted past a limit.

A search matches a piece of the project name, 主管部门, 实施单位 or 三级指标 text
(:func:`matching`, ``icontains`` on every database; on PostgreSQL each column has a pg_trgm
GIN index, migration 0007). Counting every match of a broad word (「满意度」 is in half the
forms) rechecks every matching row's out-of-line indicator text: seconds at 10⁵ forms. So the
list looks for at most :data:`SEARCH_LIMIT` + 1 matches, in two queries that the planner
serves from the trigram indexes and that stop as soon as they have enough — one over the
names (short columns kept in the row), one over the indicator text (out of line, so it is
never read for a row that the names already decide):

- up to :data:`SEARCH_LIMIT` matches: the list is exactly those rows, in the chosen order
  (the same rows and order as filtering the whole table; the count is exact);
- more: the list shows the first :data:`SEARCH_LIMIT` matches in the chosen order, found by
  walking the sort order's index and testing :data:`WALK_CHUNK` rows at a time, only as far
  as the page asked for — a broad word matches often, so the first pages are near.

EXPLAIN output of these queries: docs/benchmarks.md (十万份申报表).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from jixiao.web.declarations.models import Declaration

#: The most matches a search lists (40 pages of 25): a broad word is narrowed, not counted.
SEARCH_LIMIT = 1000
#: Rows of the sort order first tested against the search when there are more matches.
WALK_CHUNK = 1000
#: The walk gives up after this many rows if fewer than 1 in SPARSE matched: the matches are
#: far along this sort order (a word of some small projects, sorted by money), so the database
#: sorts every match instead (a broad word matches often and is walked to its last page).
WALK_ROWS, SPARSE = 2 * WALK_CHUNK, 20

_NAMES = ("project_name", "department_name", "implementer_name")


def matching(q: str) -> Q:
    """Rows whose names or 三级指标 text contain ``q`` (any case)."""
    return names_matching(q) | Q(indicator_text__icontains=q)


def names_matching(q: str) -> Q:
    """Rows whose project name, 主管部门 or 实施单位 contains ``q`` (any case)."""
    found = Q()
    for column in _NAMES:
        found |= Q(**{f"{column}__icontains": q})
    return found


def candidates(rows: QuerySet[Declaration], where: Q, limit: int) -> QuerySet[Any, Any]:
    """Primary keys of at most ``limit`` rows matching ``where`` (any of them)."""
    return rows.filter(where).order_by().values_list("pk", flat=True)[:limit]


@dataclass
class Walk(Sequence[Declaration]):
    """The first SEARCH_LIMIT matches of ``rows`` in ``order``, found as far as sliced.

    A sequence for Django's paginator: its length is the limit; a slice reads the sorted
    primary keys in growing slices (WALK_CHUNK rows, then twice as many as read so far),
    tests them WALK_CHUNK at a time by primary key and keeps the matches, in order.
    """

    rows: QuerySet[Declaration]
    where: Q
    order: tuple[str, ...]
    _found: list[Any] = field(default_factory=list)
    _walked: int = 0
    _done: bool = False

    def __len__(self) -> int:
        return SEARCH_LIMIT

    def ordered(self) -> QuerySet[Any, Any]:
        """The primary keys of every row in the sort order (no search test in this query:
        a sort without an index would compute it for every row first)."""
        return self.rows.order_by(*self.order).values_list("pk", flat=True)

    def tested(self, keys: list[Any]) -> QuerySet[Any, Any]:
        """(pk, matches) of the rows ``keys``, read by primary key.

        The test is computed for each row read, never used to choose the rows: the planner
        would otherwise answer from the trigram index and recheck every match.
        """
        hit = ExpressionWrapper(self.where, output_field=BooleanField())
        return self.rows.filter(pk__in=keys).annotate(hit=hit).values_list("pk", "hit")

    def _extend(self, stop: int) -> None:
        ordered = self.ordered()
        while len(self._found) < stop and not self._done:
            if self._walked >= WALK_ROWS and len(self._found) * SPARSE < self._walked:
                matches = self.rows.filter(self.where).order_by(*self.order)
                self._found = list(matches.values_list("pk", flat=True)[:SEARCH_LIMIT])
                self._done = True
                return
            size = max(WALK_CHUNK, self._walked)  # twice as far each time
            keys = list(ordered[self._walked : self._walked + size])
            self._done = len(keys) < size
            for start in range(0, len(keys), WALK_CHUNK):
                chunk = keys[start : start + WALK_CHUNK]
                hits = {pk for pk, matched in self.tested(chunk) if matched}
                self._found += [pk for pk in chunk if pk in hits]
                self._walked += len(chunk)
                if len(self._found) >= stop:  # the rest of the slice is read again later
                    self._done = False
                    break

    @overload
    def __getitem__(self, index: int) -> Declaration: ...
    @overload
    def __getitem__(self, index: slice) -> list[Declaration]: ...
    def __getitem__(self, index: int | slice) -> Declaration | list[Declaration]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(SEARCH_LIMIT)
        self._extend(stop)
        keys = self._found[start:stop]
        by_pk = {d.pk: d for d in self.rows.filter(pk__in=keys)}
        return [by_pk[pk] for pk in keys]


@dataclass(frozen=True, slots=True)
class Found:
    """What the list pages: a queryset (every match) or a walk (the first SEARCH_LIMIT)."""

    rows: QuerySet[Declaration] | Walk
    more: bool  #: more than SEARCH_LIMIT forms match; only the first ones are listed


def search(rows: QuerySet[Declaration], q: str, order: tuple[str, ...]) -> Found:
    """The forms of ``rows`` matching ``q``, in ``order`` (see the module docstring)."""
    names = list(candidates(rows, names_matching(q), SEARCH_LIMIT + 1))
    found = set(names)
    if len(found) <= SEARCH_LIMIT:  # the text query may return the name matches again
        limit = SEARCH_LIMIT + 1 + len(names)
        found.update(candidates(rows, Q(indicator_text__icontains=q), limit))
    if len(found) <= SEARCH_LIMIT:
        return Found(rows.filter(pk__in=found).order_by(*order), more=False)
    return Found(Walk(rows, matching(q), order), more=True)
