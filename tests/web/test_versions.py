"""版本: kept on import and each submission; two versions compared field by field."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import store
from jixiao.web.declarations.models import Declaration
from jixiao.workflow import Action
from tests.web.conftest import World, editor_post


def test_it_compares_the_submitted_and_the_revised_version(world: World) -> None:
    row = world.declaration("财政审核")
    store.transition(world.users["finance"], row, Action.RETURN, "请修改")
    row.refresh_from_db()
    data = editor_post(row, annual_total="60", **{"value:聘用人员考核情况": "≥95%"})
    world.client("filer").post(reverse("declarations:edit", kwargs={"pk": row.pk}), data)
    store.transition(world.users["filer"], Declaration.objects.get(pk=row.pk), Action.SUBMIT)
    assert row.versions.count() == 3
    url = reverse("declarations:versions", kwargs={"pk": row.pk})
    response = world.client("department").get(url, {"a": "2", "b": "3"})
    changes = {c.label: (c.old, c.new) for c in response.context["changes"]}
    assert changes["年度资金总额"] == ("53.15万元", "60万元")
    assert changes["产出指标／质量指标／聘用人员考核情况"] == ("合格", "≥95%")


def test_it_reports_identical_versions(world: World) -> None:
    row = world.declaration("已提交")
    url = reverse("declarations:versions", kwargs={"pk": row.pk})
    response = world.client("filer").get(url, {"a": "1", "b": "2"})
    assert response.context["changes"] == []
    assert "两个版本内容相同" in response.content.decode()


def test_it_answers_404_for_a_missing_version(world: World) -> None:
    row = world.declaration()
    url = reverse("declarations:versions", kwargs={"pk": row.pk})
    assert world.client("filer").get(url, {"a": "1", "b": "9"}).status_code == 404
