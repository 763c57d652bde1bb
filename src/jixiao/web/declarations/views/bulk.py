"""批量操作 from the list: forward, approve or download several forms after a confirmation."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import bulk, engine
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import Declaration


class BadChoice(BadRequest):
    """The posted choice cannot be read: 400 on the site's error page with this Chinese reason."""


def _operation(request: AuthedRequest) -> bulk.Operation:
    try:
        op = bulk.Operation(request.POST.get("op", ""))
    except ValueError:
        raise BadChoice("未知的批量操作") from None
    if op not in bulk.allowed_operations(request.user.workflow_role):
        raise PermissionDenied(f"{request.user.role}不能批量{op}")
    return op


def _chosen(request: AuthedRequest) -> list[Declaration]:
    """The chosen forms, in the order given; 404 if any is not visible to the user."""
    texts = request.POST.getlist("pk")
    if not texts:
        raise BadChoice("请先勾选申报表")
    if len(texts) > bulk.MAX_FORMS:
        raise BadChoice(f"一次最多批量处理 {bulk.MAX_FORMS} 份申报表，已选 {len(texts)} 份")
    try:
        pks = list(dict.fromkeys(uuid.UUID(t) for t in texts))
    except ValueError:
        raise BadChoice("申报表标识格式不正确") from None
    found = {row.pk: row for row in visible(request.user).filter(pk__in=pks)}
    if len(found) != len(pks):
        raise Http404("所选申报表不存在或无权查看")
    return [found[pk] for pk in pks]


def _zip(request: AuthedRequest, rows: list[Declaration]) -> HttpResponse:
    fmt = request.POST.get("fmt", "pdf")
    if fmt not in engine.FORMATS:
        raise BadChoice("不支持的下载格式")
    response = HttpResponse(bulk.archive(request.user, rows, fmt), content_type="application/zip")
    name = quote(f"申报表{len(rows)}份-{timezone.localdate():%Y%m%d}.zip")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_POST
def bulk_action(request: AuthedRequest) -> HttpResponse:
    """First POST: the confirmation listing the forms; with ``confirm=1``: do it."""
    op = _operation(request)
    rows = _chosen(request)
    if request.POST.get("confirm") == "1" and op is bulk.Operation.DOWNLOAD:
        return _zip(request, rows)
    planned = [bulk.plan(request.user, row, op) for row in rows]
    if request.POST.get("confirm") != "1":
        ready = sum(1 for p in planned if p.ready)
        context = {"op": op, "planned": planned, "ready": ready, "formats": engine.FORMATS}
        return render(request, "declarations/bulk.html", context)
    moved, refused = bulk.perform(request.user, planned, op)
    messages.success(request, f"已批量{op} {moved} 份申报表")
    for reason in refused:
        messages.warning(request, f"未处理：{reason}")
    return redirect("declarations:list")
