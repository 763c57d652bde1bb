"""Live findings: the review of unsaved editor content, placed beside the rows it concerns."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations.models import Declaration
from jixiao.web.declarations.rows import parse_rows
from tests.web.conftest import World, editor_post


def _url(row: Declaration) -> str:
    return reverse("declarations:findings", kwargs={"pk": row.pk})


def test_it_reviews_the_unsaved_content_and_writes_nothing(world: World) -> None:
    row = world.declaration()
    response = world.client("filer").post(_url(row), editor_post(row), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "V201" in html and "聘用人员考核情况" in html
    assert Declaration.objects.get(pk=row.pk).revision == row.revision


def test_it_drops_a_finding_once_the_value_is_fixed(world: World) -> None:
    row = world.declaration()
    fixed = editor_post(row, **{"value:聘用人员考核情况": "≥95%"})
    html = world.client("filer").post(_url(row), fixed).content.decode()
    assert "V201" not in html


def test_it_places_row_findings_in_the_rows_slot_out_of_band(world: World) -> None:
    row = world.declaration()
    data = editor_post(row)
    key = next(r.key for r in parse_rows(data["rows"]) if r.name == "聘用人员考核情况")
    html = world.client("filer").post(_url(row), data).content.decode()
    marker = f'<div class="slot-items" id="slot-{key}" hx-swap-oob="true">'
    slot = html.split(marker, 1)[1].split("</div>", 1)[0]
    assert "V201" in slot


def test_it_shows_money_errors_live(world: World) -> None:
    row = world.declaration()
    html = world.client("filer").post(_url(row), editor_post(row, fiscal="abc")).content.decode()
    assert "其中：财政拨款“abc”不是数字" in html


def test_it_places_header_findings_beside_their_field(world: World) -> None:
    row = world.declaration()
    html = world.client("filer").post(_url(row), editor_post(row, attribute="")).content.decode()
    slot = html.split('<div class="slot-items" id="slot-h-attribute" hx-swap-oob="true">', 1)[1]
    assert "C104" in slot.split("</div>", 1)[0]


def test_it_reviews_a_2000_row_form_live_with_csrf_enforced(world: World) -> None:
    from django.test import Client

    row = world.declaration()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    client.get(reverse("declarations:edit", kwargs={"pk": row.pk}))
    data = editor_post(row, extra_rows=2000, **{"value:聘用人员考核情况": "全年"})
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    response = client.post(_url(row), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    # Only slots with findings come back (the page empties the others before swapping).
    assert 'id="slot-n1999"' not in html
    assert html.count('hx-swap-oob="true"') < 20
    key = next(r.key for r in parse_rows(data["rows"]) if r.name == "聘用人员考核情况")
    slot = html.split(f'id="slot-{key}" hx-swap-oob="true">', 1)[1].split("</div>", 1)[0]
    assert "V201" in slot
    assert Declaration.objects.get(pk=row.pk).revision == row.revision
