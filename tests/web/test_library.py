"""财政项目库: approved declarations only, filtered by year and department."""

from __future__ import annotations

from django.urls import reverse

from tests.web.conftest import World

URL = reverse("declarations:library")


def test_it_lists_only_approved_declarations(world: World) -> None:
    approved = world.declaration("通过", index=0)
    world.declaration("财政审核", index=1)
    page = world.client("finance").get(URL).context["page"]
    assert [d.pk for d in page] == [approved.pk]


def test_it_filters_by_department(world: World) -> None:
    world.declaration("通过")
    client = world.client("finance")
    assert len(client.get(URL, {"org": str(world.department.pk)}).context["page"]) == 1
    assert len(client.get(URL, {"org": str(world.other_department.pk)}).context["page"]) == 0


def test_it_links_the_disclosure_bundle_when_a_department_and_year_are_chosen(
    world: World,
) -> None:
    world.declaration("通过")
    html = world.client("finance").get(URL, {"org": str(world.department.pk), "year": "2025"})
    bundle = reverse("declarations:bundle", kwargs={"org": world.department.pk, "year": 2025})
    assert bundle in html.content.decode()
