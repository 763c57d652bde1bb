"""归档: the 管理员's answer to "delete this form" — kept with its history, out of the list."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import store
from jixiao.web.declarations.access import get_visible, require_activity
from jixiao.workflow import Activity, TransitionDenied


@login_required
@require_POST
def archive(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """404 for outsiders, 403 unless a 管理员 and the workflow has ended; then 归档 once."""
    row = get_visible(request.user, pk)
    require_activity(request.user, row, Activity.ARCHIVE)
    try:
        store.archive(request.user, row)
    except TransitionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已归档：申报表及其流转、审计记录全部保留，不再显示在列表中")
    return redirect("declarations:detail", pk=row.pk)
