"""申报表列表: isolation by organisation, search and filters."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jixiao.web.declarations import store
from jixiao.web.jobs.models import FileRole, Job, JobStatus
from jixiao.web.jobs.runners import run
from tests.web.conftest import World, seed_forms
from tests.web.signed import Signed

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


def _ticked(signed: Signed, route: str, ids: list[object], **data: str) -> Any:
    form = {"selection": "1", "pk": [str(i) for i in ids], **data}
    return signed.post(reverse(route), form)


def _result(response: Any) -> tuple[str, bytes]:
    """Run the job the POST started (as the worker does) and read its result file."""
    assert response.status_code == 302, response.content.decode()[:300]
    job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert run(job.pk) is JobStatus.DONE
    result = job.files.get(role=FileRole.RESULT)
    return result.name, bytes(result.content)


def test_it_bundles_and_exports_the_ticked_forms_as_jobs(world: World) -> None:
    ticked = [world.declaration(index=0), world.declaration(index=1)]
    left_out = world.declaration(index=2)
    filer = Signed(world.users["filer"])
    page = filer.get(URL).content.decode()
    assert f'formaction="{reverse("jobs:bundle")}"' in page
    assert f'formaction="{reverse("jobs:export")}"' in page
    name, pdf = _result(_ticked(filer, "jobs:bundle", [d.pk for d in ticked], fmt="pdf"))
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    response = _ticked(filer, "jobs:export", [d.pk for d in ticked], to="list-csv")
    text = _result(response)[1].decode("utf-8-sig")
    assert all(d.project_name in text for d in ticked) and left_out.project_name not in text
    assert Job.objects.get(params__to="list-csv").title.startswith("所选 2 份")


def test_it_refuses_ticked_forms_the_user_may_not_see_or_none_ticked(world: World) -> None:
    mine = world.declaration()
    outsider = Signed(world.users["outsider"])
    refused = _ticked(outsider, "jobs:bundle", [mine.pk], fmt="pdf")
    assert refused.status_code == 400 and "无权查看" in refused.content.decode()
    assert _ticked(outsider, "jobs:export", [mine.pk], to="list-csv").status_code == 400
    filer = Signed(world.users["filer"])
    none = _ticked(filer, "jobs:bundle", [], fmt="pdf")
    assert none.status_code == 400 and "请先勾选申报表" in none.content.decode()
    form = {"selection": "1", "pk": [str(mine.pk)], "fmt": "pdf"}
    assert filer.client.post(reverse("jobs:bundle"), form).status_code == 403, "CSRF"
    assert not Job.objects.exists()
