"""The audit trail nobody can change: database triggers, PROTECT, a read-only admin, diffs.

Runs on SQLite and, with ``DATABASE_URL=postgres://…``, on PostgreSQL: the raw SQL below goes
past Django entirely, as an operator with a database shell would.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from jixiao.web.declarations import appendonly, codec
from jixiao.web.declarations.models import AuditEntry, Declaration, Transition, Version
from tests.web.conftest import World, editor_post
from tests.web.signed import Signed

STATEMENTS = [
    "UPDATE {table} SET {column} = {column}",
    "DELETE FROM {table}",
]
TABLES = [
    ("declarations_auditentry", "detail"),
    ("declarations_transition", "comment"),
    ("declarations_version", "reason"),
]


@pytest.mark.parametrize("statement", STATEMENTS)
@pytest.mark.parametrize(("table", "column"), TABLES)
def test_it_refuses_raw_sql_that_changes_history(
    world: World, statement: str, table: str, column: str
) -> None:
    row = world.declaration("已提交")
    before = _history(row)
    sql = statement.format(table=table, column=column)
    with (
        pytest.raises(DatabaseError, match="只能追加"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert _history(row) == before


def _history(row: Declaration) -> tuple[int, int, int, list[str]]:
    details = list(AuditEntry.objects.filter(declaration=row).values_list("detail", flat=True))
    return (
        AuditEntry.objects.filter(declaration=row).count(),
        Transition.objects.filter(declaration=row).count(),
        Version.objects.filter(declaration=row).count(),
        details,
    )


def test_it_has_every_trigger_after_migrating(db: None) -> None:
    assert connection.vendor in {"sqlite", "postgresql"}
    expected = appendonly.trigger_names(connection.vendor)
    assert len(expected) == (3 if connection.vendor == "postgresql" else 6)
    assert appendonly.installed_triggers(connection) == expected


def test_it_still_appends(world: World) -> None:
    row = world.declaration()
    AuditEntry.objects.create(declaration=row, actor=world.users["filer"], event="下载")
    assert AuditEntry.objects.filter(declaration=row).count() == 2


def test_it_refuses_to_delete_a_declaration_with_history(world: World) -> None:
    row = world.declaration("通过")
    with pytest.raises(ProtectedError):
        row.delete()
    assert Declaration.objects.filter(pk=row.pk).exists()
    assert Transition.objects.filter(declaration=row).count() == 4


ADMIN_MODELS = ["declaration", "auditentry", "transition", "note"]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_it_offers_no_add_or_delete_in_the_admin(world: World, model: str) -> None:
    row = world.declaration("主管部门审核")
    admin = Signed(world.users["admin"])
    assert admin.get(reverse(f"admin:declarations_{model}_changelist")).status_code == 200
    assert admin.get(reverse(f"admin:declarations_{model}_add")).status_code == 403
    if model == "declaration":
        url = reverse("admin:declarations_declaration_delete", args=[row.pk])
        assert admin.post(url, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [str(row.pk)], "post": "yes"}
    admin.post(reverse(f"admin:declarations_{model}_changelist"), bulk)
    assert Declaration.objects.filter(pk=row.pk).exists()


def test_it_refuses_an_admin_edit_of_an_approved_form(world: World) -> None:
    row = world.declaration("通过")
    admin = Signed(world.users["admin"])
    url = reverse("admin:declarations_declaration_change", args=[row.pk])
    page = admin.get(url).content.decode()
    assert "流转记录" in page and 'name="project_name"' not in page
    data = {"project_name": "改名", "annual_total_fen": "9990000000", "year": "2025"}
    assert admin.post(url, data).status_code == 403
    row.refresh_from_db()
    assert row.project_name != "改名" and row.annual_total_fen != 9990000000


def test_it_refuses_an_admin_edit_of_an_audit_row(world: World) -> None:
    row = world.declaration()
    entry = AuditEntry.objects.get(declaration=row)
    admin = Signed(world.users["admin"])
    url = reverse("admin:declarations_auditentry_change", args=[entry.pk])
    assert admin.post(url, {"event": "伪造", "detail": "伪造"}).status_code == 403
    assert admin.post(url + "delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.event == "导入"


def test_it_records_what_each_save_changed(world: World) -> None:
    row = world.declaration()
    old_goal = codec.from_text(row.content).annual_goal
    data = editor_post(row, annual_goal="新的年度总体目标", project_name="新的项目名称")
    url = reverse("declarations:edit", kwargs={"pk": row.pk})
    assert Signed(world.users["filer"]).post(url, data).status_code == 302
    entry = AuditEntry.objects.get(declaration=row, event="保存")
    changes = {c["label"]: (c["kind"], c["old"], c["new"]) for c in entry.changes}
    assert changes["年度总体目标"] == ("修改", old_goal, "新的年度总体目标")
    assert changes["项目名称"][2] == "新的项目名称"
    assert len(entry.changes) == 2
    assert "2 处修改" in entry.detail and "修改 项目名称：" in entry.detail


def test_it_points_every_transition_at_the_version_it_acted_on(world: World) -> None:
    row = world.declaration("财政审核")
    url = reverse("declarations:act", kwargs={"pk": row.pk})
    assert Signed(world.users["finance"]).post(url, {"action": "通过"}).status_code == 302
    submitted = Version.objects.get(declaration=row, reason="提交")
    steps = list(Transition.objects.filter(declaration=row))
    assert [t.action for t in steps] == ["提交", "受理", "转送财政审核", "通过"]
    assert {t.version for t in steps} == {submitted}
    assert [t.revision for t in steps] == [1, 2, 3, 4]
    approved = steps[-1]
    assert codec.from_text(approved.version.content).project_name == row.project_name
