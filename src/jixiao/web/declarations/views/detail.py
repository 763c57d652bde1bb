"""A declaration read-only: content, status, actions, history; versions and comparison."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import codec, diff, editor, engine, hits
from jixiao.web.declarations.access import REVIEWERS, get_visible
from jixiao.workflow import Action, Activity, actions, may


@login_required
@require_GET
def detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    row = hits.ensure_current(get_visible(request.user, pk))
    form = codec.from_text(row.content)
    role = request.user.workflow_role
    allowed = actions(role, row.workflow_status)
    context = {
        "decl": row,
        "form": form,
        "groups": editor.groups(form),
        "values": editor.header_values(form),
        "header": editor.HEADER,
        "actions": [a for a in allowed if a not in (Action.EDIT, Action.SUBMIT)],
        "can_edit": Action.EDIT in allowed,
        "can_submit": Action.SUBMIT in allowed,
        "can_archive": not row.archived_at and may(role, row.workflow_status, Activity.ARCHIVE),
        "is_reviewer": role in REVIEWERS,
        "transitions": row.transitions.select_related("actor"),
        "notes": row.notes.select_related("author"),
        "versions": row.versions.all(),
        "formats": engine.FORMATS,
    }
    return render(request, "declarations/detail.html", context)


@login_required
@require_GET
def versions(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """All kept versions; ``?a=N&b=M`` compares two of them field by field."""
    row = get_visible(request.user, pk)
    kept = list(row.versions.select_related("created_by"))
    changes = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit():
        old = get_object_or_404(row.versions, number=int(a))
        new = get_object_or_404(row.versions, number=int(b))
        changes = diff.compare(codec.from_text(old.content), codec.from_text(new.content))
    context = {"decl": row, "versions": kept, "changes": changes, "a": a, "b": b}
    return render(request, "declarations/versions.html", context)
