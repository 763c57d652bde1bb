"""批量操作: forward, approve or download several forms from the list after a confirmation."""

from __future__ import annotations

import io
import zipfile

from django.test import Client
from django.urls import reverse

from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World

URL = reverse("declarations:bulk")


def _client(world: World, persona: str) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    assert client.get(reverse("declarations:list")).status_code == 200
    return client, str(client.cookies["csrftoken"].value)


def _post(client: Client, token: str, op: str, rows: list[Declaration], **extra: str) -> object:
    data = {"csrfmiddlewaretoken": token, "op": op, "pk": [str(r.pk) for r in rows], **extra}
    return client.post(URL, data)


def test_it_offers_the_bulk_actions_of_the_role_on_the_list(world: World) -> None:
    world.declaration("已提交")
    department = world.client("department").get(reverse("declarations:list")).content.decode()
    assert 'value="转送财政审核"' in department and 'value="通过"' not in department
    assert 'name="pk"' in department
    finance = world.client("finance").get(reverse("declarations:list")).content.decode()
    assert 'name="op" value="通过"' in finance and 'value="转送财政审核"' not in finance


def test_it_lists_the_chosen_forms_for_confirmation_and_changes_nothing(world: World) -> None:
    rows = [world.declaration("已提交", 0), world.declaration("主管部门审核", 1)]
    client, token = _client(world, "department")
    response = _post(client, token, "转送财政审核", rows)
    html = response.content.decode()
    assert response.status_code == 200
    assert "确认批量转送财政审核" in html
    for row in rows:
        assert row.project_name in html
    assert "受理 → 转送财政审核" in html and "确认批量转送财政审核（2 份）" in html
    assert [Declaration.objects.get(pk=r.pk).status for r in rows] == ["已提交", "主管部门审核"]


def test_it_forwards_every_confirmed_form_through_the_workflow_and_audits_each(
    world: World,
) -> None:
    rows = [world.declaration("已提交", 0), world.declaration("主管部门审核", 1)]
    client, token = _client(world, "department")
    response = _post(client, token, "转送财政审核", rows, confirm="1")
    assert response.status_code == 302
    for row in rows:
        saved = Declaration.objects.get(pk=row.pk)
        assert saved.status == "财政审核"
        assert saved.transitions.filter(action="转送财政审核", actor=world.users["department"])
        audit = AuditEntry.objects.get(declaration=row, event="批量操作")
        assert audit.actor == world.users["department"]
    first = Declaration.objects.get(pk=rows[0].pk)
    assert [t.action for t in first.transitions.all()][-2:] == ["受理", "转送财政审核"]


def test_it_approves_in_bulk_and_skips_forms_not_in_finance_review(world: World) -> None:
    ready, early = world.declaration("财政审核", 0), world.declaration("已提交", 1)
    client, token = _client(world, "finance")
    page = _post(client, token, "通过", [ready, early]).content.decode()
    assert "不处理：状态为“已提交”" in page
    assert page.count('name="pk"') == 1
    response = _post(client, token, "通过", [ready, early], confirm="1")
    assert response.status_code == 302
    assert Declaration.objects.get(pk=ready.pk).status == "通过"
    assert Declaration.objects.get(pk=early.pk).status == "已提交"
    listing = client.get(reverse("declarations:list")).content.decode()
    assert "已批量通过 1 份申报表" in listing and "未处理" in listing


def test_it_downloads_the_chosen_forms_as_one_zip_and_audits_each(world: World) -> None:
    rows = [world.declaration("草稿", 0), world.declaration("草稿", 1)]
    client, token = _client(world, "filer")
    response = _post(client, token, "下载", rows, confirm="1", fmt="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert len(names) == 2 and all(n.endswith(".pdf") for n in names)
        assert all(archive.read(n).startswith(b"%PDF") for n in names)
    assert AuditEntry.objects.filter(event="下载", declaration__in=rows).count() == 2


def test_it_refuses_a_role_that_may_not_and_hides_other_organisations(world: World) -> None:
    row = world.declaration("财政审核")
    client, token = _client(world, "filer")
    assert _post(client, token, "通过", [row]).status_code == 403
    outsider, token = _client(world, "outsider")
    assert _post(outsider, token, "下载", [row], confirm="1").status_code == 404
    assert not AuditEntry.objects.filter(event="下载").exists()


def test_it_answers_bad_choices_in_chinese(world: World) -> None:
    client, token = _client(world, "department")
    empty = client.post(URL, {"csrfmiddlewaretoken": token, "op": "转送财政审核"})
    assert empty.status_code == 400 and "请先勾选申报表" in empty.content.decode()
    assert "返回列表" not in empty.content.decode() and "<nav" in empty.content.decode()
    bad = client.post(URL, {"csrfmiddlewaretoken": token, "op": "删除", "pk": "x"})
    assert bad.status_code == 400 and "未知的批量操作" in bad.content.decode()
    many = {"csrfmiddlewaretoken": token, "op": "下载", "pk": ["x"] * 101}
    response = client.post(URL, many)
    assert response.status_code == 400 and "一次最多批量处理 100 份" in response.content.decode()


def test_it_requires_the_csrf_token(world: World) -> None:
    row = world.declaration("已提交")
    client, _ = _client(world, "department")
    assert _post(client, "wrong", "转送财政审核", [row], confirm="1").status_code == 403
    assert Declaration.objects.get(pk=row.pk).status == "已提交"
