"""Monitoring pages: 待办 and rounds, one report (lights, upload, actions), the dashboard."""

from __future__ import annotations

import datetime
import uuid
from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jixiao.monitoring import Light, MonitoringInputError
from jixiao.monitoring.engine import check_report
from jixiao.monitoring.files import read_bytes
from jixiao.monitoring.workflow import TODO, FollowUp, ReportAction, report_actions
from jixiao.render.monitoring_xlsx import render_monitoring_xlsx
from jixiao.web.accounts.models import AuthedRequest, OrgKind
from jixiao.web.declarations.access import require_role
from jixiao.web.declarations.views.listing import PAGE_SIZE
from jixiao.web.monitoring import store
from jixiao.web.monitoring.access import get_visible, visible
from jixiao.web.monitoring.forms import RoundForm, matches_targets
from jixiao.web.monitoring.models import MonitoringReportRecord, MonitoringRound
from jixiao.workflow import Role, TransitionDenied

MAX_UPLOAD = 5 * 1024 * 1024
RED_LIST_LIMIT = 100
#: 待办 rows shown (the earliest deadlines first); the rest are counted
TODO_LIMIT = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> datetime.date:
    return timezone.localdate()


@login_required
@require_GET
def todo(request: AuthedRequest) -> HttpResponse:
    """待办: the reports waiting for this user, with due dates; every visible report below,
    a page at a time."""
    rows = visible(request.user).defer("content", "red_lights")
    rows = rows.order_by("round__deadline", "project_name", "pk")
    waiting = TODO.get(request.user.workflow_role, frozenset())
    todo = rows.filter(status__in=[s.value for s in waiting])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "todo": todo[:TODO_LIMIT],
        "todo_count": todo.count(),
        "todo_limit": TODO_LIMIT,
        "page": page,
        "query": request.GET,  # the pager adds its own page (the last one counts)
        "today": _today(),
        "rounds": MonitoringRound.objects.all()[:20],
        "can_open": request.user.workflow_role is Role.FINANCE_REVIEWER,
        "form": RoundForm(),
    }
    return render(request, "monitoring/todo.html", context)


@login_required
@require_POST
def open_round(request: AuthedRequest) -> HttpResponse:
    """财政局 opens a round: every approved project of the year gets a report to fill."""
    require_role(request.user, Role.FINANCE_REVIEWER)
    form = RoundForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, "；".join(str(e) for e in error))
        return redirect("monitoring:todo")
    data = form.cleaned_data
    round_, count = store.open_round(request.user, data["year"], data["month"], data["deadline"])
    messages.success(request, f"已发起{round_}监控，{count}个项目待填报")
    return redirect("monitoring:todo")


@login_required
@require_GET
def report(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """One report: every light with its explanation, the findings, the actions allowed."""
    record = get_visible(request.user, pk)
    result = check_report(store.report_of(record))
    role = request.user.workflow_role
    context = {
        "record": record,
        "result": result,
        "rows": list(zip(result.report.rows, result.lights.rows, strict=True)),
        "actions": [a for a in report_actions(role, record.workflow_status)],
        "can_upload": role is Role.FILER and record.workflow_status.is_editable,
        "follow_ups": list(FollowUp),
        "overdue": record.round.is_closed(_today()) and record.workflow_status.is_editable,
        "history": record.transitions.select_related("actor"),
    }
    return render(request, "monitoring/report.html", context)


@login_required
@require_GET
def template(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The report as the offline XLSX (approved targets locked, entries so far kept)."""
    record = get_visible(request.user, pk)
    data = render_monitoring_xlsx([store.report_of(record)], None)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''monitoring-{record.pk}.xlsx"
    return response


@login_required
@require_POST
def upload(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The 填报人 uploads the filled XLSX; it must keep the approved indicators."""
    record = get_visible(request.user, pk)
    require_role(request.user, Role.FILER)
    _require_open(record)
    upload = request.FILES.get("file")
    if upload is None or upload.size is None or upload.size > MAX_UPLOAD:
        return _bad(request, record, f"请选择不超过 {MAX_UPLOAD // 1024 // 1024} MB 的监控表文件")
    try:
        reports = read_bytes(upload.read(), upload.name or "监控表.xlsx")
        filled = matches_targets(store.report_of(record), reports)
        store.save_report(request.user, record, filled)
    except (MonitoringInputError, TransitionDenied) as exc:
        return _bad(request, record, str(exc))
    messages.success(request, "已保存填报内容")
    return redirect("monitoring:report", pk=record.pk)


def _require_open(record: MonitoringReportRecord) -> None:
    """403 once the round's deadline has passed: the round is closed to filing."""
    if record.round.is_closed(_today()):
        deadline = record.round.deadline.isoformat()
        raise PermissionDenied(f"本轮监控已于{deadline}截止，不能再填报或提交")


def _bad(request: AuthedRequest, record: MonitoringReportRecord, message: str) -> HttpResponse:
    messages.error(request, message)
    response = redirect("monitoring:report", pk=record.pk)
    response.status_code = 303
    return response


@login_required
@require_POST
def act(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """提交、转送财政审核、退回修改、审核并确定处理意见: one transition row each."""
    record = get_visible(request.user, pk)
    try:
        action = ReportAction(request.POST.get("action", ""))
        raw = request.POST.get("follow_up", "")
        follow_up = FollowUp(raw) if raw else None
    except ValueError:
        return HttpResponse("未知操作或处理意见", status=400)
    if action is ReportAction.SAVE:
        return HttpResponse("请上传填好的监控表", status=400)
    if action is ReportAction.SUBMIT:
        _require_open(record)
    comment = request.POST.get("comment", "")[:2000]
    try:
        store.transition(request.user, record, action, comment, follow_up)
    except TransitionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    messages.success(request, f"已{action}")
    return redirect("monitoring:report", pk=record.pk)


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Lights by department (counts per colour) and the red list with causes and measures."""
    rows = visible(request.user)
    fields = ("organisation__kind", "organisation__parent__name", "organisation__name")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for g in rows.values(*fields, "overall_light").annotate(n=Count("id")).order_by():
        unit = g["organisation__kind"] == OrgKind.UNIT and g["organisation__parent__name"]
        counts[unit or g["organisation__name"]][g["overall_light"]] += g["n"]
    red = rows.filter(overall_light=Light.RED.value).order_by("project_name")[:RED_LIST_LIMIT]
    context = {
        "lights": [light.value for light in Light],
        "counts": [
            (name, [c[light.value] for light in Light]) for name, c in sorted(counts.items())
        ],
        "red_list": red.defer("content"),
        "total": sum(sum(c.values()) for c in counts.values()),
    }
    return render(request, "monitoring/dashboard.html", context)
