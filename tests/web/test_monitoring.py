"""绩效运行监控 on the web: finance opens a round, a unit fills and submits, department and
finance review, finance records a follow-up; 待办, overdue marks, isolation, the dashboard."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from jixiao.web.monitoring.models import (
    MonitoringReportRecord,
    MonitoringRound,
    MonitoringTransitionRecord,
)
from tests.monitoring.test_documents import _column_of, _row_of
from tests.web.conftest import World

TOMORROW = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def _session(world: World, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    assert client.get("/monitoring/").status_code == 200  # sets the CSRF cookie
    return client


def _post(client: Client, url: str, data: dict[str, object]) -> object:
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def _open(world: World, year: int = 2025) -> MonitoringReportRecord:
    response = _post(
        _session(world, "finance"),
        "/monitoring/rounds/",
        {"year": year, "month": 6, "deadline": TOMORROW},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    return MonitoringReportRecord.objects.get()


def _filled_xlsx(client: Client, record: MonitoringReportRecord, actual: object) -> bytes:
    data = client.get(f"/monitoring/{record.pk}/template.xlsx").content
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[0]
    row = ws.cell(row=_row_of(ws, "编内聘用人员（含专业技术人员）数量"), column=1).row
    ws.cell(row=row, column=_column_of(ws, "1–6月实际完成值")).value = actual
    ws.cell(row=row, column=_column_of(ws, "完成目标可能性")).value = "完全不可能"
    ws.cell(row=row, column=_column_of(ws, "偏差原因")).value = "人员保障"
    ws.cell(row=row, column=_column_of(ws, "纠偏措施")).value = "下半年补充招聘"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client: Client, record: MonitoringReportRecord, data: bytes) -> object:
    upload = io.BytesIO(data)
    upload.name = "填好的监控表.xlsx"
    return _post(client, f"/monitoring/{record.pk}/upload", {"file": upload})


def test_it_finance_opens_a_round_for_every_approved_project(world: World) -> None:
    world.declaration("通过", 0)
    world.declaration("草稿", 1)
    record = _open(world)
    assert record.project_name == "政府聘用人员经费" and record.status == "待填报"
    html = _session(world, "filer").get("/monitoring/").content.decode()
    assert "待办" in html and "政府聘用人员经费" in html and TOMORROW in html


def test_it_only_finance_opens_a_round(world: World) -> None:
    world.declaration("通过")
    response = _post(
        _session(world, "filer"),
        "/monitoring/rounds/",
        {"year": 2025, "month": 6, "deadline": TOMORROW},
    )
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not MonitoringRound.objects.exists()


def test_it_a_round_refuses_a_bad_month(world: World) -> None:
    _post(
        _session(world, "finance"),
        "/monitoring/rounds/",
        {"year": 2025, "month": 13, "deadline": TOMORROW},
    )
    assert not MonitoringRound.objects.exists()


def test_it_an_outsider_gets_404_and_the_post_needs_csrf(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    assert _session(world, "outsider").get(f"/monitoring/{record.pk}/").status_code == 404
    plain = Client(enforce_csrf_checks=True)
    plain.force_login(world.users["filer"])
    assert plain.post(f"/monitoring/{record.pk}/act", {"action": "提交"}).status_code == 403


def test_it_the_whole_round(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    filer = _session(world, "filer")
    assert _upload(filer, record, _filled_xlsx(filer, record, 0)).status_code == 302  # type: ignore[attr-defined]
    record.refresh_from_db()
    assert record.overall_light == "红灯"
    page = filer.get(f"/monitoring/{record.pk}/").content.decode()
    assert "0 ÷ (1 × 6 ÷ 12) × 100 = 0，低于60" in page
    _post(filer, f"/monitoring/{record.pk}/act", {"action": "提交"})
    department = _session(world, "department")
    assert (
        _post(
            department,
            f"/monitoring/{record.pk}/act",  # type: ignore[attr-defined]
            {"action": "审核并确定处理意见", "follow_up": "调整目标", "comment": "x"},
        ).status_code
        == 403
    )
    _post(department, f"/monitoring/{record.pk}/act", {"action": "转送财政审核"})
    finance = _session(world, "finance")
    assert "待办" in finance.get("/monitoring/").content.decode()
    _post(
        finance,
        f"/monitoring/{record.pk}/act",
        {"action": "审核并确定处理意见", "follow_up": "调整目标", "comment": "人员缺口，调整目标"},
    )
    record.refresh_from_db()
    assert (record.status, record.follow_up) == ("已审核", "调整目标")
    steps = list(MonitoringTransitionRecord.objects.values_list("action", "target"))
    assert steps == [
        ("保存", "待填报"),
        ("提交", "已提交"),
        ("转送财政审核", "财政审核"),
        ("审核并确定处理意见", "已审核"),
    ]


def test_it_a_decision_needs_a_follow_up(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    filer = _session(world, "filer")
    _post(filer, f"/monitoring/{record.pk}/act", {"action": "提交"})
    _post(_session(world, "department"), f"/monitoring/{record.pk}/act", {"action": "转送财政审核"})
    response = _post(
        _session(world, "finance"),
        f"/monitoring/{record.pk}/act",
        {"action": "审核并确定处理意见", "comment": "好"},
    )
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "须选择处理意见" in response.content.decode()  # type: ignore[attr-defined]


def test_it_an_upload_that_changes_the_targets_is_refused(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    filer = _session(world, "filer")
    data = _filled_xlsx(filer, record, 1)
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[0]
    name = _row_of(ws, "编内聘用人员（含专业技术人员）数量")
    ws.cell(row=name, column=_column_of(ws, "年度指标值")).value = "0人"
    out = io.BytesIO()
    workbook.save(out)
    response = _upload(filer, record, out.getvalue())
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert not MonitoringTransitionRecord.objects.exists()
    page = filer.get(f"/monitoring/{record.pk}/").content.decode()
    assert "与批复的申报表不一致" in page


def test_it_a_unit_mismatch_is_explained_not_saved(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    filer = _session(world, "filer")
    _upload(filer, record, _filled_xlsx(filer, record, "1个"))
    assert "单位为“个”" in filer.get(f"/monitoring/{record.pk}/").content.decode()
    assert not MonitoringTransitionRecord.objects.exists()


def test_it_overdue_reports_are_marked(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    MonitoringRound.objects.update(deadline=datetime.date.today() - datetime.timedelta(days=1))
    html = _session(world, "filer").get("/monitoring/").content.decode()
    assert "已逾期" in html
    assert "已逾期" in _session(world, "filer").get(f"/monitoring/{record.pk}/").content.decode()


def test_it_the_dashboard_counts_lights_by_department_and_lists_red_projects(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    filer = _session(world, "filer")
    _upload(filer, record, _filled_xlsx(filer, record, 0))
    html = _session(world, "finance").get("/monitoring/dashboard/").content.decode()
    assert "银川市人民政府办公室" in html and "红灯项目" in html
    assert "编内聘用人员（含专业技术人员）数量：人员保障；措施：下半年补充招聘" in html
    assert (
        _session(world, "outsider")
        .get("/monitoring/dashboard/")
        .content.decode()
        .count("政府聘用人员经费")
        == 0
    )


def test_it_transition_rows_cannot_be_changed(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    _post(_session(world, "filer"), f"/monitoring/{record.pk}/act", {"action": "提交"})
    row = MonitoringTransitionRecord.objects.get()
    row.comment = "篡改"
    with pytest.raises(ValueError, match="只能新增"):
        row.save()
    with pytest.raises(ValueError, match="不能删除"):
        row.delete()


def test_it_closes_the_round_to_filing_after_the_deadline(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    MonitoringRound.objects.update(deadline=datetime.date.today() - datetime.timedelta(days=1))
    filer = _session(world, "filer")
    response = _post(filer, f"/monitoring/{record.pk}/act", {"action": "提交"})
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "截止，不能再填报或提交" in response.content.decode()  # type: ignore[attr-defined]
    assert _upload(filer, record, b"x").status_code == 403  # type: ignore[attr-defined]
    record.refresh_from_db()
    assert record.status == "待填报"


def test_it_opens_a_new_declaration_version_when_targets_are_adjusted(world: World) -> None:
    from jixiao.web.declarations import store as declarations
    from jixiao.web.declarations.models import Declaration
    from jixiao.workflow import Action

    approved = world.declaration("通过")
    record = _open(world)
    _post(_session(world, "filer"), f"/monitoring/{record.pk}/act", {"action": "提交"})
    _post(_session(world, "department"), f"/monitoring/{record.pk}/act", {"action": "转送财政审核"})
    _post(
        _session(world, "finance"),
        f"/monitoring/{record.pk}/act",
        {"action": "审核并确定处理意见", "follow_up": "调整目标", "comment": "目标偏高"},
    )
    record.refresh_from_db()
    new = record.adjustment
    assert new is not None and new.previous_id == approved.pk
    assert (new.status, new.project_name) == ("草稿", approved.project_name)
    assert Declaration.objects.get(pk=approved.pk).status == "通过"
    declarations.transition(world.users["filer"], new, Action.SUBMIT)
    assert Declaration.objects.get(pk=new.pk).status == "已提交"
    page = _session(world, "finance").get(f"/monitoring/{record.pk}/").content.decode()
    assert "调整目标后的新版本申报表" in page


def test_it_shows_monitoring_in_the_admin_read_only(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    admin = world.client("admin")
    assert admin.get("/admin/monitoring/monitoringreportrecord/").status_code == 200
    page = admin.get(f"/admin/monitoring/monitoringreportrecord/{record.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        admin.post(
            f"/admin/monitoring/monitoringreportrecord/{record.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert MonitoringReportRecord.objects.filter(pk=record.pk).exists()


def test_it_refuses_raw_sql_updates_and_deletes_of_transition_rows(world: World) -> None:
    from django.db import DatabaseError, connection, transaction

    world.declaration("通过")
    record = _open(world)
    _post(_session(world, "filer"), f"/monitoring/{record.pk}/act", {"action": "提交"})
    table = MonitoringTransitionRecord._meta.db_table
    for sql in (f"UPDATE {table} SET comment = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
            connection.cursor().execute(sql)
    assert MonitoringTransitionRecord.objects.count() == 1


def test_the_reports_are_listed_a_page_at_a_time_and_the_todo_counted(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.web.monitoring import views

    years = {world.declaration("通过", index=i).year for i in range(3)}
    finance = _session(world, "finance")
    for year in years:
        _post(finance, "/monitoring/rounds/", {"year": year, "month": 6, "deadline": TOMORROW})
    names = sorted(MonitoringReportRecord.objects.values_list("project_name", flat=True))
    assert len(names) == 3
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "TODO_LIMIT", 1)
    filer = _session(world, "filer")
    first, second = filer.get("/monitoring/"), filer.get("/monitoring/", {"page": 2})
    listed = [r.project_name for r in first.context["page"]]
    listed += [r.project_name for r in second.context["page"]]
    assert sorted(listed) == names and len(first.context["page"]) == 2
    assert len(first.context["todo"]) == 1 and first.context["todo_count"] == 3
    assert "共 3 项待办" in first.content.decode() and "第1/2页" in first.content.decode()
