"""申报表列表: isolation by organisation, search and filters."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import store
from tests.web.conftest import World, seed_forms

URL = reverse("declarations:list")


def _names(world: World, persona: str, **query: str) -> set[str]:
    response = world.client(persona).get(URL, query)
    assert response.status_code == 200
    return {d.project_name for d in response.context["page"]}


def test_it_shows_each_role_what_it_may_see(world: World) -> None:
    mine = world.declaration()
    other = store.create(world.users["outsider"], world.other_unit, seed_forms()[1], "导入")
    assert _names(world, "filer") == {mine.project_name}
    assert _names(world, "department") == {mine.project_name}
    assert _names(world, "outsider") == {other.project_name}
    assert _names(world, "finance") == {mine.project_name, other.project_name}
    assert _names(world, "admin") == {mine.project_name, other.project_name}


def test_it_searches_by_project_name(world: World) -> None:
    world.declaration(index=0)
    world.declaration(index=1)
    assert _names(world, "filer", q="政务公开") == {"银川市人民政府政务公开工作经费"}


def test_it_filters_by_status_and_year(world: World) -> None:
    world.declaration("已提交", index=0)
    world.declaration(index=1)
    assert _names(world, "filer", status="已提交") == {"政府聘用人员经费"}
    assert _names(world, "filer", year="2024") == set()
    assert len(_names(world, "filer", year="2025")) == 2


def test_it_offers_new_and_import_only_to_filers(world: World) -> None:
    assert "新建申报表" in world.client("filer").get(URL).content.decode()
    assert "新建申报表" not in world.client("finance").get(URL).content.decode()
