"""绩效自评 rounds over HTTP with CSRF enforced: 财政 opens, the unit fills and submits,
the 主管部门 and 财政 review; outsiders get 404, wrong roles 403, the deadline closes entry."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.web.evaluation.models import AppendOnlyError, EvaluationEvent, EvaluationRecord
from jixiao.web.evaluation.store import form_of
from jixiao.web.monitoring import store as monitoring_store
from tests.web.conftest import World
from tests.web.signed import Signed

ROUNDS = reverse("evaluation:rounds")
LIST = reverse("evaluation:list")


def _open(world: World, deadline: datetime.date | None = None) -> EvaluationRecord:
    decl = world.declaration("通过")
    day = deadline or datetime.date.today() + datetime.timedelta(days=30)
    finance = Signed(world.users["finance"])
    response = finance.post(ROUNDS, {"year": str(decl.year), "deadline": day.isoformat()})
    assert response.status_code == 302, response.content.decode()
    return EvaluationRecord.objects.get(declaration=decl)


def _entries(record: EvaluationRecord, **extra: str) -> dict[str, Any]:
    ev = form_of(record)
    data: dict[str, Any] = {"revision": str(record.revision), "executed": "5", "rate": ""}
    for n, row in enumerate(ev.rows):
        data[f"actual-{n}"] = row.target_text.lstrip("≥≤=<>")
        data[f"weight-{n}"] = str(row.weight)
    data.update(extra)
    return data


def test_finance_opens_a_round_with_one_prefilled_form_per_approved_declaration(
    world: World,
) -> None:
    record = _open(world)
    ev = form_of(record)
    decl_targets = [r.target_text for r in ev.rows]
    assert ev.project_name == record.declaration.project_name and decl_targets
    assert all(r.actual_text == "" for r in ev.rows)
    assert sum(r.weight or 0 for r in ev.rows) == 90
    assert record.status == "填报中" and record.organisation == world.unit


@pytest.mark.parametrize("persona", ["filer", "department", "outsider"])
def test_only_finance_may_open_a_round(world: World, persona: str) -> None:
    world.declaration("通过")
    response = Signed(world.users[persona]).post(ROUNDS, {"year": "2025", "deadline": "2099-01-01"})
    assert response.status_code == 403
    assert not EvaluationRecord.objects.exists()


def test_a_round_needs_a_year_and_a_deadline(world: World) -> None:
    response = Signed(world.users["finance"]).post(ROUNDS, {"year": "二〇二五", "deadline": ""})
    assert response.status_code == 400 and "截止日期" in response.content.decode()


def test_the_unit_fills_in_and_the_scores_are_computed_with_explanations(world: World) -> None:
    record = _open(world)
    filer = Signed(world.users["filer"])
    detail = reverse("evaluation:detail", kwargs={"pk": record.pk})
    assert "实际完成值" in filer.get(detail).content.decode()
    response = filer.post(reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record))
    assert response.status_code == 302
    record.refresh_from_db()
    ev = form_of(record)
    assert ev.budget.executed is not None and all(r.actual_text for r in ev.rows)
    page = filer.get(detail).content.decode()
    assert ("计分说明" in page and "得分 =" in page) or "得满分" in page
    assert record.revision == 2 and record.total > 0 and record.grade in "优良中差"
    event = EvaluationEvent.objects.get(record=record)
    assert (event.action, event.actor, event.total_hundredths) == (
        "保存",
        world.users["filer"],
        record.total_hundredths,
    )


def test_a_bad_entry_is_refused_in_chinese_and_nothing_is_saved(world: World) -> None:
    record = _open(world)
    data = _entries(record, **{"weight-0": "一百"})
    response = Signed(world.users["filer"]).post(
        reverse("evaluation:save", kwargs={"pk": record.pk}), data
    )
    assert response.status_code == 400 and "分值“一百”不是数字" in response.content.decode()
    record.refresh_from_db()
    assert record.revision == 1 and not EvaluationEvent.objects.exists()


def test_it_reads_the_executed_amount_as_every_amount_is_read(world: World) -> None:
    record = _open(world)
    url = reverse("evaluation:save", kwargs={"pk": record.pk})
    filer = Signed(world.users["filer"])
    assert filer.post(url, _entries(record, executed="12,000元")).status_code == 302
    record.refresh_from_db()
    assert str(form_of(record).budget.executed) == "1.2"


@pytest.mark.parametrize(
    ("executed", "reason"),
    [
        ("-5", "不能为负数"),
        ("1e9", "超过上限"),
        ("0.0000001", "精确到分以下"),
        ("五万", "不是数字"),
    ],
)
def test_a_bad_executed_amount_is_refused_with_the_reason(
    world: World, executed: str, reason: str
) -> None:
    record = _open(world)
    url = reverse("evaluation:save", kwargs={"pk": record.pk})
    response = Signed(world.users["filer"]).post(url, _entries(record, executed=executed))
    assert response.status_code == 400
    assert f"全年执行数“{executed}”" in response.content.decode()
    assert reason in response.content.decode()
    record.refresh_from_db()
    assert record.revision == 1


def test_a_stale_revision_is_a_conflict(world: World) -> None:
    record = _open(world)
    filer = Signed(world.users["filer"])
    url = reverse("evaluation:save", kwargs={"pk": record.pk})
    assert filer.post(url, _entries(record)).status_code == 302
    assert filer.post(url, _entries(record)).status_code == 409  # still revision 1


@pytest.mark.parametrize("revision", ["abc", "9" * 40, "-1"])
def test_a_malformed_revision_is_a_chinese_400_not_a_500(world: World, revision: str) -> None:
    record = _open(world)
    url = reverse("evaluation:save", kwargs={"pk": record.pk})
    response = Signed(world.users["filer"]).post(url, _entries(record, revision=revision))
    assert response.status_code == 400
    assert "修订号" in response.content.decode()


def test_a_round_year_outside_the_allowed_range_is_refused(world: World) -> None:
    finance = Signed(world.users["finance"])
    response = finance.post(ROUNDS, {"year": "99999", "deadline": "2026-03-31"})
    assert response.status_code == 400


def test_outsiders_get_404_and_other_roles_403(world: World) -> None:
    record = _open(world)
    detail = reverse("evaluation:detail", kwargs={"pk": record.pk})
    save = reverse("evaluation:save", kwargs={"pk": record.pk})
    assert Signed(world.users["outsider"]).get(detail).status_code == 404
    assert Signed(world.users["outsider"]).post(save, _entries(record)).status_code == 404
    assert Signed(world.users["department"]).post(save, _entries(record)).status_code == 403
    listing = Signed(world.users["outsider"]).get(LIST).content.decode()
    assert record.project_name not in listing


def test_a_post_without_the_csrf_token_is_refused(world: World) -> None:
    record = _open(world)
    filer = Signed(world.users["filer"])
    response = filer.client.post(
        reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record)
    )
    assert response.status_code == 403


def test_the_deadline_closes_saving_and_submitting(world: World) -> None:
    record = _open(world, datetime.date.today() - datetime.timedelta(days=1))
    filer = Signed(world.users["filer"])
    response = filer.post(reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record))
    assert response.status_code == 403 and "已于" in response.content.decode()
    act = reverse("evaluation:act", kwargs={"pk": record.pk})
    assert filer.post(act, {"action": "提交"}).status_code == 403


def test_the_round_runs_from_the_unit_through_department_and_finance(world: World) -> None:
    record = _open(world)
    act = reverse("evaluation:act", kwargs={"pk": record.pk})
    filer, department, finance = (
        Signed(world.users[p]) for p in ("filer", "department", "finance")
    )
    assert (
        filer.post(
            reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record)
        ).status_code
        == 302
    )
    assert filer.post(act, {"action": "通过"}).status_code == 403
    assert filer.post(act, {"action": "提交"}).status_code == 302
    assert department.post(act, {"action": "退回修改", "note": "请补充偏差原因"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "填报中"
    assert filer.post(act, {"action": "提交"}).status_code == 302
    assert finance.post(act, {"action": "通过"}).status_code == 403  # not its step yet
    assert department.post(act, {"action": "通过"}).status_code == 302
    assert finance.post(act, {"action": "通过"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "已完成"
    steps = list(
        EvaluationEvent.objects.filter(record=record).values_list("source", "action", "target")
    )
    assert steps[1:] == [
        ("填报中", "提交", "主管部门审核"),
        ("主管部门审核", "退回修改", "填报中"),
        ("填报中", "提交", "主管部门审核"),
        ("主管部门审核", "通过", "财政审核"),
        ("财政审核", "通过", "已完成"),
    ]
    page = finance.get(LIST).content.decode()
    assert record.project_name in page and "已完成" in page and str(record.total) in page
    library = filer.get(reverse("declarations:library")).content.decode()
    assert "绩效自评结果" in library and str(record.total) in library
    outsider = Signed(world.users["outsider"]).get(reverse("declarations:library")).content.decode()
    assert "绩效自评结果" not in outsider


def test_events_cannot_be_changed_or_deleted(world: World) -> None:
    record = _open(world)
    Signed(world.users["filer"]).post(
        reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record)
    )
    event = EvaluationEvent.objects.get(record=record)
    event.note = "改写"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def _filled(data: bytes, **change: str) -> bytes:
    """The unit fills the downloaded form in Excel (done here with openpyxl)."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "一级指标")[0].row
    cols = {c.value: c.column for c in ws[header]}
    for row in ws.iter_rows(min_row=header + 1):
        target = row[cols["年度指标值"] - 1].value
        if row[0].value == "总分":
            break
        if target:
            ws.cell(row=row[0].row, column=cols["实际完成值"], value=target.lstrip("≥≤=<>"))
    for key, value in change.items():
        ws[key] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_unit_downloads_the_offline_form_fills_it_and_uploads_it(world: World) -> None:
    record = _open(world)
    filer = Signed(world.users["filer"])
    response = filer.get(reverse("evaluation:template", kwargs={"pk": record.pk}))
    assert response.status_code == 200 and response["Content-Type"].endswith("sheet")
    upload = SimpleUploadedFile("自评表.xlsx", _filled(response.content))
    url = reverse("evaluation:upload", kwargs={"pk": record.pk})
    assert filer.post(url, {"file": upload}).status_code == 302
    record.refresh_from_db()
    ev = form_of(record)
    assert all(r.actual_text for r in ev.rows if r.target_text)
    assert record.revision == 2 and EvaluationEvent.objects.filter(record=record).count() == 1


def test_an_upload_with_changed_targets_is_refused(world: World) -> None:
    record = _open(world)
    filer = Signed(world.users["filer"])
    data = filer.get(reverse("evaluation:template", kwargs={"pk": record.pk})).content
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "一级指标")[0].row
    changed = _filled(data, **{f"D{header + 1}": "≥1个"})
    upload = SimpleUploadedFile("自评表.xlsx", changed)
    response = filer.post(reverse("evaluation:upload", kwargs={"pk": record.pk}), {"file": upload})
    assert response.status_code == 400 and "与批复的不一致" in response.content.decode()
    record.refresh_from_db()
    assert record.revision == 1


def test_only_the_unit_may_upload_and_outsiders_cannot_download(world: World) -> None:
    record = _open(world)
    template = reverse("evaluation:template", kwargs={"pk": record.pk})
    assert Signed(world.users["outsider"]).get(template).status_code == 404
    upload = SimpleUploadedFile("自评表.xlsx", b"PK\x03\x04")
    url = reverse("evaluation:upload", kwargs={"pk": record.pk})
    assert Signed(world.users["department"]).post(url, {"file": upload}).status_code == 403


def test_the_projects_monitoring_reports_are_shown_for_reference(world: World) -> None:
    record = _open(world)
    deadline = datetime.date.today() + datetime.timedelta(days=10)
    monitoring_store.open_round(world.users["finance"], 2025, 6, deadline)
    page = Signed(world.users["filer"]).get(reverse("evaluation:detail", kwargs={"pk": record.pk}))
    html = page.content.decode()
    assert "绩效监控（供参考）" in html and "2025年1–6月监控表" in html
    department_view = Signed(world.users["department"]).get(
        reverse("evaluation:detail", kwargs={"pk": record.pk})
    )
    assert "2025年1–6月监控表" in department_view.content.decode()  # the department sees its units


def test_the_score_is_previewed_while_typing_and_nothing_is_saved(world: World) -> None:
    record = _open(world)
    url = reverse("evaluation:preview", kwargs={"pk": record.pk})
    response = Signed(world.users["filer"]).post(url, _entries(record))
    html = response.content.decode()
    assert response.status_code == 200 and "计分预览（未保存）" in html and "预算执行率：" in html
    record.refresh_from_db()
    assert record.revision == 1 and not EvaluationEvent.objects.exists()
    bad = Signed(world.users["filer"]).post(url, _entries(record, **{"score-0": "abc"}))
    assert bad.status_code == 400 and "不是数字" in bad.content.decode()
    assert Signed(world.users["outsider"]).post(url, _entries(record)).status_code == 404


def test_the_database_refuses_to_change_or_delete_an_event(world: World) -> None:
    record = _open(world)
    Signed(world.users["filer"]).post(
        reverse("evaluation:save", kwargs={"pk": record.pk}), _entries(record)
    )
    for sql in (
        "UPDATE evaluation_evaluationevent SET note = 'x'",
        "DELETE FROM evaluation_evaluationevent",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert EvaluationEvent.objects.count() == 1


def test_the_list_shows_a_page_at_a_time(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.web.evaluation import views

    world.declaration("通过", index=1)
    world.declaration("通过", index=2)
    _open(world)  # the seed forms are of one year: one round, three self-evaluations
    names = sorted(EvaluationRecord.objects.values_list("project_name", flat=True))
    assert len(names) == 3
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    finance = Signed(world.users["finance"])
    pages = [finance.get(LIST, page=str(n)) for n in (1, 2)]
    listed = [r.project_name for response in pages for r in response.context["page"]]
    assert listed == names
    assert "第1/2页" in pages[0].content.decode()
