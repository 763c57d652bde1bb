"""The 指标库 of this system: learnt from approved declarations, curated in the admin.

:func:`learn_approved` learns from every approved declaration and replaces the learnt rows
(curated rows keep their texts and take the new statistics, as :func:`jixiao.library.curate.
combine` says). :func:`suggester` gives a :class:`jixiao.library.Suggester` over the rows as
they stand; it is rebuilt in each server process when the rows change (a cheap version
query per call), so every web node answers from the same database state.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from jixiao.library import (
    Entry,
    EntryStatus,
    Library,
    Origin,
    Project,
    ReferenceBasis,
    Suggester,
    learn,
)
from jixiao.library.curate import combine, merge
from jixiao.library.serial import stats_from_data, stats_to_data
from jixiao.model import Declaration as Form
from jixiao.values import Direction
from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration
from jixiao.web.indicators.models import LibraryEntry, LibraryProject
from jixiao.workflow import Status


def to_entry(row: LibraryEntry) -> Entry:
    return Entry(
        key=row.key,
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        sector=row.sector,
        domain=row.domain,
        fund_use=row.fund_use,
        explanation=row.explanation,
        unit=row.unit,
        direction=Direction(row.direction) if row.direction else None,
        reference=row.reference,
        basis=ReferenceBasis(row.basis) if row.basis else None,
        scoring=row.scoring,
        origin=Origin(row.origin),
        status=EntryStatus(row.status),
        note=row.note,
        aliases=tuple(row.aliases),
        sources=tuple(row.sources),
        stats=stats_from_data(row.stats),
        qualitative=tuple((str(t), int(n)) for t, n in row.qualitative),
    )


def to_row(entry: Entry) -> LibraryEntry:
    return LibraryEntry(
        key=entry.key,
        level1=entry.level1,
        level2=entry.level2,
        name=entry.name,
        sector=entry.sector,
        domain=entry.domain,
        fund_use=entry.fund_use,
        explanation=entry.explanation,
        unit=entry.unit,
        direction=entry.direction.value if entry.direction else "",
        reference=entry.reference,
        basis=entry.basis.value if entry.basis else "",
        scoring=entry.scoring,
        origin=entry.origin.value,
        status=entry.status.value,
        note=entry.note,
        aliases=list(entry.aliases),
        sources=list(entry.sources),
        stats=stats_to_data(entry.stats),
        qualitative=[list(pair) for pair in entry.qualitative],
        form_count=entry.form_count,
    )


def stored_library() -> Library:
    entries = tuple(to_entry(r) for r in LibraryEntry.objects.all())
    projects = tuple(
        Project(p.source, p.name, p.year, p.attribute, p.fund_use, tuple(p.entry_keys))
        for p in LibraryProject.objects.all()
    )
    return Library(entries=entries, projects=projects)


@dataclass(frozen=True, slots=True)
class Learnt:
    forms: int
    entries: int
    curated: int


def learn_approved() -> Learnt:
    """Learn from every approved declaration; learnt rows replaced, curated rows taught."""
    approved = Declaration.objects.filter(status=Status.APPROVED).select_related("organisation")
    forms = [
        (f"{row.organisation.name}·{row.year or ''}", codec.from_text(row.content))
        for row in approved.iterator()
    ]
    return learn_from(forms)


def learn_from(forms: list[tuple[str, Form]]) -> Learnt:
    """Learn from ``(source, form)`` pairs; learnt rows replaced, curated rows taught."""
    learnt = learn(forms)
    with transaction.atomic():
        curated_rows = list(LibraryEntry.objects.filter(origin=Origin.CURATED))
        curated = Library(entries=tuple(to_entry(r) for r in curated_rows))
        combined = combine(curated, learnt)
        LibraryEntry.objects.all().delete()
        LibraryEntry.objects.bulk_create([to_row(e) for e in combined.entries], batch_size=500)
        LibraryProject.objects.all().delete()
        LibraryProject.objects.bulk_create(
            [
                LibraryProject(
                    source=p.source,
                    name=p.name,
                    year=p.year,
                    attribute=p.attribute,
                    fund_use=p.fund_use,
                    entry_keys=list(p.entry_keys),
                )
                for p in learnt.projects
            ],
            batch_size=500,
        )
    forget()
    return Learnt(len(forms), len(combined.entries), len(curated_rows))


_lock = threading.Lock()
_cached: dict[str, tuple[tuple[object, ...], Suggester]] = {}


def _version() -> tuple[object, ...]:
    """One query: learning again rewrites every entry (new ids, new times) with the projects;
    every curator's change saves an entry (a retirement sets its time too)."""
    found = LibraryEntry.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at"))
    return (found["n"], found["top"], found["at"])


def current() -> tuple[str, Suggester]:
    """The library's version and a suggester over it as stored now.

    The version names the stored rows (count and last change of entries and projects), so a
    cache keyed by it — this process's suggester, the review cache — never serves an old
    library; every web node sees the same version for the same rows.
    """
    version = _version()
    with _lock:
        hit = _cached.get("library")
        if hit is not None and hit[0] == version:
            return repr(version), hit[1]
    built = Suggester(stored_library())
    with _lock:
        _cached["library"] = (version, built)
    return repr(version), built


def suggester() -> Suggester:
    """A suggester over the library as stored now (rebuilt in this process when it changes)."""
    return current()[1]


def forget() -> None:
    with _lock:
        _cached.clear()


def retire(rows: QuerySet[LibraryEntry]) -> int:
    """停用: kept for history, never suggested again; the entries become curated."""
    count = rows.update(
        status=EntryStatus.RETIRED, origin=Origin.CURATED, updated_at=timezone.now()
    )
    forget()
    return count


def merge_into_first(rows: list[LibraryEntry]) -> LibraryEntry:
    """Fold ``rows[1:]`` into ``rows[0]`` through :func:`jixiao.library.curate.merge`."""
    target, folded = rows[0], rows[1:]
    library = Library(entries=tuple(to_entry(r) for r in rows))
    merged = to_row(merge(library, [r.key for r in folded], target.key).entries[0])
    with transaction.atomic():
        LibraryEntry.objects.filter(pk__in=[r.pk for r in folded]).delete()
        merged.pk = target.pk
        merged.save()
    forget()
    return merged


def import_library(library: Library) -> int:
    """Entries of an imported workbook (a province's library, our own export) saved by key:
    an entry with the same key is replaced, others are kept. Returns how many were saved."""
    keys = [e.key for e in library.entries]
    with transaction.atomic():
        for start in range(0, len(keys), 500):
            LibraryEntry.objects.filter(key__in=keys[start : start + 500]).delete()
        LibraryEntry.objects.bulk_create([to_row(e) for e in library.entries], batch_size=500)
    forget()
    return len(keys)
