"""指标库 in the API: suggestions for a typed name and bundles for a new project."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema

from jixiao.library import Entry
from jixiao.model import Level2
from jixiao.web.apierrors import RESPONSES
from jixiao.web.indicators.service import suggester

router = Router(tags=["指标库"])
Text = Annotated[str, Query(max_length=100)]


class EntryOut(Schema):
    key: str
    level1: str
    level2: str
    name: str
    unit: str
    typical: str
    form_count: int
    origin: str


class SuggestionOut(Schema):
    entry: EntryOut
    score: float
    matched: str


class BundleEntryOut(Schema):
    entry: EntryOut
    projects: int


class BundleOut(Schema):
    fund_use: str
    similar: list[str]
    entries: list[BundleEntryOut]


def _entry(e: Entry) -> EntryOut:
    return EntryOut(
        key=e.key,
        level1=e.level1,
        level2=e.level2,
        name=e.name,
        unit=e.unit,
        typical=e.typical,
        form_count=e.form_count,
        origin=e.origin.value,
    )


@router.get("/suggest", response={200: list[SuggestionOut], **RESPONSES}, summary="按名称推荐指标")
def suggest(request: HttpRequest, q: Text, level2: Level2 | None = None) -> list[SuggestionOut]:
    hits = suggester().names(q, limit=10, level2=level2.value if level2 else "")
    return [SuggestionOut(entry=_entry(h.entry), score=h.score, matched=h.matched) for h in hits]


@router.get("/bundle", response={200: BundleOut, **RESPONSES}, summary="按项目名称推荐一组指标")
def bundle(request: HttpRequest, name: Text) -> BundleOut:
    answer = suggester().bundle(name, limit=30)
    return BundleOut(
        fund_use=answer.fund_use,
        similar=[p.name for p, _ in answer.similar],
        entries=[BundleEntryOut(entry=_entry(e), projects=n) for e, n in answer.entries],
    )
