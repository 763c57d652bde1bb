"""申报表列表 at scale: search by 三级指标 text and the sort orders (bench/scale_bench.py)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World

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
