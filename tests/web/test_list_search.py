"""申报表列表 at scale: search by 三级指标 text and the sort orders (bench/scale_bench.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.web.declarations import codec, search
from jixiao.web.declarations.models import Declaration
from jixiao.web.declarations.search import matching
from jixiao.web.declarations.views.listing import SORTS
from tests.web.conftest import World
from tests.web.signed import Signed

URL = reverse("declarations:list")


def _names(world: World, **query: str) -> list[str]:
    response = world.client("finance").get(URL, query)
    assert response.status_code == 200
    return [d.project_name for d in response.context["page"]]


def test_it_finds_a_form_by_the_text_of_one_indicator(world: World) -> None:
    rows = [world.declaration(index=i) for i in range(4)]
    form = codec.from_text(rows[2].content)
    name = next(i.name for g in form.groups for i in g.real_indicators if len(i.name) >= 4)
    found = _names(world, q=name[:4])
    expected = [r.project_name for r in rows if name[:4] in r.indicator_text]
    assert rows[2].project_name in found
    assert sorted(found) == sorted(expected)
    assert _names(world, q="没有这样的指标文字") == []


def test_it_stores_the_indicator_text_with_every_write(world: World) -> None:
    row = world.declaration()
    form = codec.from_text(row.content)
    lines = Declaration.objects.get(pk=row.pk).indicator_text.split("\n")
    assert lines == [f"{i.name} {i.display_value}" for g in form.groups for i in g.real_indicators]


def test_it_sorts_by_name_total_and_year(world: World) -> None:
    rows = [world.declaration(index=i) for i in range(5)]
    assert _names(world, sort="name") == sorted(r.project_name for r in rows)
    by_total = sorted(rows, key=lambda r: -(codec.from_fen(r.annual_total_fen) or Decimal(0)))
    assert _names(world, sort="total")[0] == by_total[0].project_name
    newest = Declaration.objects.order_by("-updated_at").first()
    assert newest is not None and _names(world)[0] == newest.project_name
    assert len(_names(world, sort="nonsense")) == 5  # an unknown order is the default


def _signed_names(world: World, **query: str) -> tuple[list[str], str]:
    """Names listed and the page's text, through a browser-like client (CSRF enforced)."""
    response = Signed(world.users["finance"]).get(URL, **query)
    assert response.status_code == 200
    return [d.project_name for d in response.context["page"]], response.content.decode()


def _shared_indicator_word(rows: list[Declaration]) -> str:
    """A piece of a 三级指标 name (Chinese) that the texts of two or more forms contain."""
    for row in rows:
        for line in row.indicator_text.split("\n"):
            word = line.split(" ")[0][-3:]
            hits = [r for r in rows if word in r.indicator_text]
            if len(word) == 3 and len(hits) >= 2 and not any(word in r.project_name for r in rows):
                return word
    raise AssertionError("the seed forms share no 三级指标 word")


def test_every_match_is_listed_in_the_chosen_order_up_to_the_limit(world: World) -> None:
    rows = [world.declaration(index=i) for i in range(5)]
    word = _shared_indicator_word(rows)
    for sort, order in SORTS.items():
        found, page = _signed_names(world, q=word, sort=sort)
        every = Declaration.objects.filter(matching(word)).order_by(*order)
        assert found == [d.project_name for d in every]
        assert "只列出" not in page


def test_a_search_past_the_limit_lists_the_first_matches_in_order(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [world.declaration(index=i) for i in range(5)]
    word = _shared_indicator_word(rows)
    matches = [r for r in rows if word in r.indicator_text]
    monkeypatch.setattr(search, "SEARCH_LIMIT", len(matches) - 1)
    monkeypatch.setattr(search, "WALK_CHUNK", 2)  # the walk reads the sort order in pieces
    for sort, order in SORTS.items():
        found, page = _signed_names(world, q=word, sort=sort)
        every = Declaration.objects.filter(indicator_text__contains=word).order_by(*order)
        assert found == [d.project_name for d in every][: len(matches) - 1]
        assert f"超过 {len(matches) - 1} 份" in page
    # by the unit's name: every form matches through the names
    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    found, _page = _signed_names(world, q=world.unit.name[-3:], sort="name")
    assert found == sorted(r.project_name for r in rows)[:3]


def test_the_library_searches_the_indicator_text_too(world: World) -> None:
    rows = [world.declaration("通过", index=i) for i in range(3)]
    word = _shared_indicator_word(rows)
    response = Signed(world.users["finance"]).get(reverse("declarations:library"), q=word)
    assert response.status_code == 200
    listed = sorted(d.project_name for d in response.context["page"])
    assert listed == sorted(r.project_name for r in rows if word in r.indicator_text)


def test_the_walk_reads_on_where_an_earlier_page_stopped(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [world.declaration(index=i) for i in range(5)]
    word = _shared_indicator_word(rows)
    monkeypatch.setattr(search, "WALK_CHUNK", 1)
    order = SORTS["name"]
    every = [d.pk for d in Declaration.objects.filter(matching(word)).order_by(*order)]
    walk = search.Walk(Declaration.objects.all(), matching(word), order)
    pages = [d.pk for d in walk[0:1]] + [d.pk for d in walk[1:3]] + [d.pk for d in walk[3:9]]
    assert pages == every
    monkeypatch.setattr(search, "WALK_ROWS", 2)  # gives up early: the database sorts them
    monkeypatch.setattr(search, "SPARSE", 10**6)
    walk = search.Walk(Declaration.objects.all(), matching(word), order)
    assert [d.pk for d in walk[0:1]] + [d.pk for d in walk[1:9]] == every
