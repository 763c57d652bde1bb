"""归档 instead of deleting: 管理员 only, only once the workflow has ended, audited, kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World
from tests.web.signed import Signed


def _url(name: str, row: Declaration) -> str:
    return reverse(f"declarations:{name}", kwargs={"pk": row.pk})


def test_it_archives_an_approved_form_keeping_everything(world: World) -> None:
    row = world.declaration("通过")
    admin = Signed(world.users["admin"])
    assert "归档（保留全部记录" in admin.get(_url("detail", row)).content.decode()
    assert admin.post(_url("archive", row)).status_code == 302
    row.refresh_from_db()
    assert row.archived_at is not None and row.status == "通过"
    assert row.transitions.count() == 4 and row.versions.count() == 2
    entry = AuditEntry.objects.get(declaration=row, event="归档")
    assert entry.actor == world.users["admin"] and "通过" in entry.detail
    assert "已归档" in admin.get(_url("detail", row)).content.decode()


def test_it_takes_an_archived_form_out_of_the_list_unless_asked(world: World) -> None:
    row, other = world.declaration("通过"), world.declaration("通过", index=1)
    admin = Signed(world.users["admin"])
    admin.post(_url("archive", row))
    listing = admin.get(reverse("declarations:list")).content.decode()
    assert row.project_name not in listing and other.project_name in listing
    shown = admin.get(reverse("declarations:list"), archived="1").content.decode()
    assert row.project_name in shown


def test_it_archives_only_once(world: World) -> None:
    row = world.declaration("通过")
    admin = Signed(world.users["admin"])
    admin.post(_url("archive", row))
    admin.post(_url("archive", row))
    assert AuditEntry.objects.filter(declaration=row, event="归档").count() == 1


@pytest.mark.parametrize("status", ["草稿", "已提交", "主管部门审核", "财政审核"])
def test_it_refuses_to_archive_a_form_still_in_the_workflow(world: World, status: str) -> None:
    row = world.declaration(status)
    response = Signed(world.users["admin"]).post(_url("archive", row))
    assert response.status_code == 403
    assert "才能归档" in response.content.decode()
    row.refresh_from_db()
    assert row.archived_at is None


@pytest.mark.parametrize("persona", ["filer", "department", "finance"])
def test_it_lets_only_the_administrator_archive(world: World, persona: str) -> None:
    row = world.declaration("通过")
    assert Signed(world.users[persona]).post(_url("archive", row)).status_code == 403
    row.refresh_from_db()
    assert row.archived_at is None
