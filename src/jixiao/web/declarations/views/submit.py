"""Submission (with explanations for blocking findings) and the other workflow actions."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import codec, engine, store
from jixiao.web.declarations.access import get_for_action
from jixiao.workflow import Action, TransitionDenied


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """提交: blocked by ERROR/BLOCK findings unless each has an explanation."""
    row = get_for_action(request.user, pk, Action.SUBMIT)
    result = engine.review(codec.from_text(row.content))
    explanations = {
        f.key: request.POST.get(f"explain-{f.key}", "").strip() for f in result.blocking
    }
    if request.method == "POST":
        try:
            store.submit(request.user, row, explanations, request.POST.get("comment", ""))
        except TransitionDenied as exc:  # unexplained findings, a closed 预算年度
            messages.error(request, str(exc))
        else:
            messages.success(request, "已提交，等待主管部门审核")
            return redirect("declarations:detail", pk=row.pk)
    status = 400 if request.method == "POST" else 200
    context = {"decl": row, "review": result, "explanations": explanations}
    return render(request, "declarations/submit.html", context, status=status)


@login_required
@require_POST
def act(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """撤回、受理、转送财政审核、通过、退回修改、退回不予纳入: one transition row each."""
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        return HttpResponse("未知操作", status=400)
    if action in (Action.EDIT, Action.SUBMIT):
        return HttpResponse("请使用编辑或提交页面", status=400)
    row = get_for_action(request.user, pk, action)
    try:
        store.transition(request.user, row, action, request.POST.get("comment", ""))
    except TransitionDenied as exc:
        messages.error(request, str(exc))
        return redirect("declarations:review", pk=row.pk)
    messages.success(request, f"已{action}")
    return redirect("declarations:detail", pk=row.pk)
