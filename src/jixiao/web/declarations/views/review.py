"""The reviewer's page: the automatic report, 审核意见 per finding, and the decision."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jixiao.web.declarations import codec, editor, engine, store
from jixiao.web.declarations.access import get_for_review
from jixiao.web.declarations.models import Declaration, Disposition, Note, NoteKind
from jixiao.workflow import actions

_DISPOSITIONS = {d.value for d in (Disposition.ACCEPTED, Disposition.EDITED, Disposition.WAIVED)}


def _opinions(row: Declaration) -> list[Note]:
    """The latest reviewer note per finding for the current revision."""
    latest: dict[str, Note] = {}
    for note in row.notes.filter(kind=NoteKind.OPINION, revision=row.revision):
        latest[note.finding_key] = note
    return list(latest.values())


def _save_opinions(request: HttpRequest, row: Declaration, result: engine.ReviewView) -> int:
    saved = 0
    for f in result.findings:
        disposition = request.POST.get(f"disposition-{f.key}", "")
        text = request.POST.get(f"text-{f.key}", "").strip()
        if disposition not in _DISPOSITIONS:
            continue
        if disposition == Disposition.WAIVED and not text:
            raise ValueError(f"豁免“{f.code}”须说明理由")
        Note.objects.create(
            declaration=row,
            revision=row.revision,
            kind=NoteKind.OPINION,
            disposition=disposition,
            finding_key=f.key,
            finding_code=f.code,
            finding_message=f.message,
            text=text or f.message,
            author=request.user,
        )
        saved += 1
    store.audit(request.user, row, "审核意见", f"{saved} 条")
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """GET shows the report and decisions; POST records 审核意见 (accept, edit or waive)."""
    row = get_for_review(request.user, pk)
    form = codec.from_text(row.content)
    result = engine.review(form)
    if request.method == "POST":
        try:
            with transaction.atomic():
                count = _save_opinions(request, row, result)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已记录 {count} 条审核意见")
            return redirect("declarations:review", pk=row.pk)
    opinions = _opinions(row)
    context = {
        "decl": row,
        "form": form,
        "groups": editor.groups(form),
        "values": editor.header_values(form),
        "header": editor.HEADER,
        "review": result,
        "opinions": {n.finding_key: n for n in opinions},
        "comment": "\n".join(n.text for n in opinions if n.disposition != Disposition.WAIVED),
        "explanations": {n.finding_key: n for n in row.notes.filter(kind=NoteKind.EXPLANATION)},
        "actions": actions(request.user.workflow_role, row.workflow_status),
        "transitions": row.transitions.select_related("actor"),
        "dispositions": sorted(_DISPOSITIONS),
    }
    return render(request, "declarations/review.html", context)
