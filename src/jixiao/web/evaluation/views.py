"""Self-evaluation pages: rounds (财政), the list, one form (fill, score, review)."""

from __future__ import annotations

import uuid
from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.evaluation import score_evaluation
from jixiao.evaluation.checks import run_checks
from jixiao.evaluation.workflow import EvaluationAction, actions
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import inputs
from jixiao.web.declarations.inputs import InputError
from jixiao.web.declarations.models import Declaration
from jixiao.web.declarations.views.listing import PAGE_SIZE
from jixiao.web.evaluation import offline, store
from jixiao.web.evaluation.access import get_visible, visible
from jixiao.web.evaluation.entries import EntryError, apply_entries
from jixiao.web.evaluation.models import EvaluationRecord, EvaluationRound
from jixiao.web.limits import check_upload
from jixiao.web.monitoring.access import visible as monitoring_visible
from jixiao.workflow import Role, Status

NOTE_LIMIT = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _finance(request: AuthedRequest) -> None:
    if request.user.workflow_role is not Role.FINANCE_REVIEWER:
        raise PermissionDenied("只有财政审核人可以开启绩效自评")


def _allowed(request: AuthedRequest, record: EvaluationRecord, action: EvaluationAction) -> None:
    """403 with the workflow's or the deadline's reason (the record is already visible)."""
    try:
        store.check(request.user, record, action)
    except store.Refused as exc:
        raise PermissionDenied(str(exc)) from None


def _round_input(request: AuthedRequest) -> tuple[int, date]:
    try:
        year = inputs.parse_year(request.POST.get("year", ""))
        deadline = date.fromisoformat(request.POST.get("deadline", ""))
    except (ValueError, InputError):
        raise EntryError(
            "请填写年度（如 2025，须在允许的年度范围内）和截止日期（如 2026-03-31）"
        ) from None
    return year, deadline


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request: AuthedRequest) -> HttpResponse:
    _finance(request)
    if request.method == "POST":
        try:
            year, deadline = _round_input(request)
            store.open_round(request.user, year, deadline)
        except (EntryError, store.Refused) as exc:
            return HttpResponseBadRequest(str(exc))
        messages.success(request, f"已开启{year}年度绩效自评")
        return redirect("evaluation:list")
    approved = Declaration.objects.filter(status=Status.APPROVED, year__isnull=False)
    years = list(approved.order_by("year").values_list("year", flat=True).distinct())
    context = {"rounds": EvaluationRound.objects.all(), "years": years}
    return render(request, "evaluation/rounds.html", context)


@login_required
@require_GET
def listing(request: AuthedRequest) -> HttpResponse:
    # the list shows no declaration column: joining it for every record before the sort
    # cost 0.9 s at 10⁴ self-evaluations (bench/scale_bench.py)
    records = visible(request.user).select_related(None).select_related("round", "organisation")
    records = records.defer("content").order_by("-round__year", "project_name", "pk")
    context = {
        "page": Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": request.GET,
        "is_finance": request.user.workflow_role is Role.FINANCE_REVIEWER,
    }
    return render(request, "evaluation/list.html", context)


def _page(
    request: AuthedRequest, pk: uuid.UUID, status: int = 200, error: str = ""
) -> HttpResponse:
    record = get_visible(request.user, pk)
    ev = store.form_of(record)
    score = score_evaluation(ev)
    allowed = actions(request.user.workflow_role, record.workflow_status)
    context = {
        "record": record,
        "ev": ev,
        "score": score,
        "rows": list(zip(ev.rows, score.rows, strict=True)),
        "findings": run_checks(ev, score),
        "can_save": EvaluationAction.SAVE in allowed,
        "transitions": [a for a in allowed if a is not EvaluationAction.SAVE],
        "events": record.events.select_related("actor"),
        "monitoring": monitoring_visible(request.user)
        .filter(declaration_id=record.declaration_id)
        .select_related("round")
        .order_by("round__year", "round__month"),
        "error": error,
    }
    return render(request, "evaluation/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    return _page(request, pk)


@login_required
@require_POST
def save(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    record = get_visible(request.user, pk)
    _allowed(request, record, EvaluationAction.SAVE)
    try:
        ev = apply_entries(store.form_of(record), request.POST)
        revision = inputs.parse_count(request.POST.get("revision", ""), "修订号")
        store.save(request.user, record, revision, ev)
    except (EntryError, InputError) as exc:
        return _page(request, pk, 400, str(exc))
    except store.Refused as exc:
        raise PermissionDenied(str(exc)) from None
    except store.Conflict as exc:
        return _page(request, pk, 409, str(exc))
    messages.success(request, "已保存，得分已重新计算")
    return redirect("evaluation:detail", pk=pk)


@login_required
@require_POST
def act(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    record = get_visible(request.user, pk)
    try:
        action = EvaluationAction(request.POST.get("action", ""))
    except ValueError:
        return HttpResponseBadRequest("未知的操作")
    _allowed(request, record, action)
    note = request.POST.get("note", "").strip()[:NOTE_LIMIT]
    try:
        store.transition(request.user, record, action, note)
    except store.Refused as exc:
        raise PermissionDenied(str(exc)) from None
    except store.Conflict as exc:
        return _page(request, pk, 409, str(exc))
    messages.success(request, f"已{action}")
    return redirect("evaluation:detail", pk=pk)


@login_required
@require_GET
def template(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The form as an offline Excel 自评表 (only the unit's cells unlocked)."""
    record = get_visible(request.user, pk)
    response = HttpResponse(offline.template_bytes(store.form_of(record)), content_type=XLSX)
    name = quote(f"{record.project_name}-绩效自评表.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_POST
def upload(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The 填报人 uploads the filled offline form; the approved indicators must be unchanged."""
    record = get_visible(request.user, pk)
    _allowed(request, record, EvaluationAction.SAVE)
    file = request.FILES.get("file")
    if file is None:
        return _page(request, pk, 400, "请选择下载并填好的 Excel 自评表")
    check_upload(file)
    try:
        ev = offline.merge_upload(store.form_of(record), file.read(), file.name or "自评表.xlsx")
        store.save(request.user, record, record.revision, ev)
    except EntryError as exc:
        return _page(request, pk, 400, str(exc))
    except store.Conflict as exc:
        return _page(request, pk, 409, str(exc))
    messages.success(request, "已读取上传的自评表，得分已重新计算")
    return redirect("evaluation:detail", pk=pk)


@login_required
@require_POST
def preview(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The score of the entries as typed, not saved (the page refreshes it while the unit types)."""
    record = get_visible(request.user, pk)
    try:
        ev = apply_entries(store.form_of(record), request.POST)
    except EntryError as exc:
        return render(request, "evaluation/_preview.html", {"error": str(exc)}, status=400)
    score = score_evaluation(ev)
    context = {"rows": list(zip(ev.rows, score.rows, strict=True)), "score": score}
    return render(request, "evaluation/_preview.html", context)
