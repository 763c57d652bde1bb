"""新建申报表 from blank."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World

URL = reverse("declarations:new")


def test_it_creates_a_draft_in_the_filers_unit_and_opens_the_editor(world: World) -> None:
    response = world.client("filer").post(URL, {"project_name": "档案数字化", "year": "2026"})
    row = Declaration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("declarations:edit", kwargs={"pk": row.pk})
    assert (row.organisation, row.status, row.year) == (world.unit, "草稿", 2026)
    form = codec.from_text(row.content)
    assert form.implementer.name == "银川市人民政府督查室"
    assert form.department.name == "银川市人民政府办公室"
    assert row.versions.get().reason == "新建"


def test_it_refuses_a_missing_name_in_chinese(world: World) -> None:
    response = world.client("filer").post(URL, {"project_name": "", "year": "2026"})
    assert response.status_code == 400
    assert "请填写项目名称" in response.content.decode()
    assert not Declaration.objects.exists()


def test_it_forbids_filing_for_a_filer_without_an_organisation(world: World) -> None:
    filer = world.users["filer"]
    filer.organisation = None
    filer.save()
    assert world.client("filer").get(URL).status_code == 403
