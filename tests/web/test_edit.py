"""编辑与保存: drafts save without blocking, money stays exact, stale saves are refused."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World, editor_post


def _url(row: Declaration) -> str:
    return reverse("declarations:edit", kwargs={"pk": row.pk})


def test_it_shows_the_whole_form_with_group_annotations(world: World) -> None:
    row = world.declaration()
    html = world.client("filer").get(_url(row)).content.decode()
    assert 'value="政府聘用人员经费"' in html
    assert '数量指标<span class="annotation">（必填量化）</span>' in html
    assert 'value="编内聘用人员全年薪酬"' in html
    assert "htmx.min.js" in html


def test_it_saves_a_draft_and_bumps_the_revision(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, annual_goal="新目标", **{"value:聘用人员考核情况": "≥95%"})
    response = world.client("filer").post(_url(row), data)
    assert response.status_code == 302
    saved = Declaration.objects.get(pk=row.pk)
    form = codec.from_text(saved.content)
    assert saved.revision == row.revision + 1
    assert form.annual_goal == "新目标"
    assert "≥95%" in [i.value_text for i in form.indicators]
    assert AuditEntry.objects.filter(declaration=row, event="保存").count() == 1


def test_it_saves_drafts_with_review_errors(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, project_name="", attribute="")
    assert world.client("filer").post(_url(row), data).status_code == 302
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).attribute == ""


def test_it_keeps_money_exact(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, annual_total="53.150001", fiscal="53.15", other="0.000001")
    world.client("filer").post(_url(row), data)
    saved = Declaration.objects.get(pk=row.pk)
    assert codec.from_text(saved.content).funding.annual_total == Decimal("53.150001")
    assert (saved.annual_total_fen, saved.other_fen) == (53_150_001, 1)


def test_it_refuses_amounts_finer_than_one_fen_and_changes_nothing(world: World) -> None:
    row = world.declaration()
    response = world.client("filer").post(_url(row), editor_post(row, other="0.0000001"))
    assert response.status_code == 400
    assert "精确到分以下" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).revision == row.revision


def test_it_rejects_a_stale_save_without_overwriting(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    first = editor_post(row, annual_goal="第一次")
    second = editor_post(row, annual_goal="第二次")
    assert client.post(_url(row), first).status_code == 302
    response = client.post(_url(row), second)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).annual_goal == "第一次"


def test_it_forbids_editing_after_submission(world: World) -> None:
    row = world.declaration("已提交")
    assert world.client("filer").post(_url(row), editor_post(row)).status_code == 403


def test_it_lets_the_filer_edit_again_after_return(world: World) -> None:
    row = world.declaration("财政审核")
    from jixiao.web.declarations import store
    from jixiao.workflow import Action

    store.transition(world.users["finance"], row, Action.RETURN, "请修改成本指标")
    row.refresh_from_db()
    data = editor_post(row, annual_goal="已按意见修改")
    assert world.client("filer").post(_url(row), data).status_code == 302


def test_it_requires_the_csrf_token(world: World) -> None:
    row = world.declaration()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    assert client.post(_url(row), editor_post(row)).status_code == 403
    page = client.get(_url(row))
    token = page.context["csrf_token"]
    data = {**editor_post(row), "csrfmiddlewaretoken": str(token)}
    assert client.post(_url(row), data).status_code == 302
