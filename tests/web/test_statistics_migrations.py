"""Migrations 0006–0008: the review summary and search text filled for forms stored before."""

from __future__ import annotations

import importlib
from collections import Counter

from django.apps import apps
from django.db import connection

from jixiao.web.declarations import codec, engine
from jixiao.web.declarations.models import Declaration, FindingHit
from tests.web.conftest import World


def _migration(name: str) -> object:
    return importlib.import_module(f"jixiao.web.declarations.migrations.{name}")


def _as_before(world: World) -> list[Declaration]:
    """Forms as they were before 0006: no grade, no hits, no search text, no count."""
    rows = [world.declaration(index=i) for i in range(3)]
    FindingHit.objects.all().delete()
    Declaration.objects.update(review_grade="", indicator_text="", finding_count=0)
    return rows


def test_it_fills_grade_hits_counts_and_search_text(world: World) -> None:
    rows = _as_before(world)
    schema = connection.schema_editor()
    _migration("0006_review_grade_and_finding_hits").forwards(apps, schema)  # type: ignore[attr-defined]
    _migration("0007_list_indexes_and_indicator_search").fill(apps, schema)  # type: ignore[attr-defined]
    _migration("0008_finding_count_and_list_index").fill(apps, schema)  # type: ignore[attr-defined]
    for row in rows:
        row.refresh_from_db()
        form = codec.from_text(row.content)
        review = engine.review(form)
        codes = Counter(f.code for f in review.findings)
        codes.pop("B605", None)  # the backfill reviews without the 指标库 (docs/analytics.md)
        stored = dict(FindingHit.objects.filter(declaration=row).values_list("code", "count"))
        assert stored == dict(codes)
        assert row.finding_count == sum(codes.values())
        assert row.review_grade in {"优", "良", "中", "差"}
        assert row.indicator_text == codec.indicator_text(form)
