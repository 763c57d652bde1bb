"""The reviewer's page: the automatic report, 审核意见 per finding, and the decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import bulk, engine, fragments, store
from jixiao.web.declarations.access import get_for_review, require_activity
from jixiao.web.declarations.models import Declaration, Disposition, Note, NoteKind
from jixiao.workflow import (
    TABLE,
    Action,
    Activity,
    Role,
    Status,
    TransitionDenied,
    actions,
    route,
)

_DISPOSITIONS = {d.value for d in (Disposition.ACCEPTED, Disposition.EDITED, Disposition.WAIVED)}
_CHOICES = sorted(_DISPOSITIONS)


def _notes(row: Declaration) -> tuple[dict[str, Note], dict[str, Note]]:
    """In one query: the latest reviewer note per finding for the current revision, and the
    latest filer's explanation per finding (any revision)."""
    opinions: dict[str, Note] = {}
    explanations: dict[str, Note] = {}
    wanted = Q(kind=NoteKind.EXPLANATION) | Q(kind=NoteKind.OPINION, revision=row.revision)
    for note in Note.objects.filter(wanted, declaration=row):
        target = opinions if note.kind == NoteKind.OPINION else explanations
        target[note.finding_key] = note
    return opinions, explanations


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the findings table: the finding, its 审核意见 and the filer's explanation."""

    finding: engine.FindingView
    opinion: Note | None
    explanation: Note | None

    @property
    def text(self) -> str:
        return self.opinion.text if self.opinion else self.finding.message

    @property
    def choices(self) -> list[tuple[str, bool]]:
        chosen = self.opinion.disposition if self.opinion else None
        return [(d, d == chosen) for d in _CHOICES]


def _save_opinions(request: AuthedRequest, row: Declaration, result: engine.ReviewView) -> int:
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


def shortcuts(role: Role, status: Status) -> list[tuple[Action, str]]:
    """Actions the reviewer reaches only through an earlier step of their own (受理 → 转送),
    offered as one button; those that need a written reason stay separate decisions."""
    out = []
    for action in Action:
        steps = route(role, status, action)
        needs_reason = any(t.comment_required for t in TABLE if t.action is action)
        if steps and len(steps) > 1 and not needs_reason:
            out.append((action, "并".join(steps)))
    return out


def _advance(request: AuthedRequest, row: Declaration) -> tuple[Action, ...]:
    """The steps to the posted ``advance`` action, done through the workflow table."""
    wanted = request.POST.get("advance", "")
    if not wanted:
        return ()
    steps = route(request.user.workflow_role, row.workflow_status, Action(wanted))
    if steps is None:
        raise TransitionDenied(f"当前状态（{row.status}）下，{request.user.role}不能{wanted}")
    bulk.advance(request.user, row, steps)
    return steps


@login_required
@require_http_methods(["GET", "POST"])
def review(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """GET shows the report and decisions; POST records 审核意见 (accept, edit or waive)."""
    row = get_for_review(request.user, pk)
    entry = engine.stored(row.content)
    result = entry.review
    if request.method == "POST":
        require_activity(request.user, row, Activity.OPINION)
        try:
            with transaction.atomic():
                count = _save_opinions(request, row, result)
                steps = _advance(request, row)
        except (ValueError, TransitionDenied) as exc:
            messages.error(request, str(exc))
        else:
            done = f"，并已{' → '.join(steps)}" if steps else ""
            messages.success(request, f"已记录 {count} 条审核意见{done}")
            return redirect("declarations:detail" if steps else "declarations:review", pk=row.pk)
    opinions, explanations = _notes(row)
    context = {
        "decl": row,
        "form_view": fragments.form_view(entry),
        "review": result,
        "lines": [Line(f, opinions.get(f.key), explanations.get(f.key)) for f in result.findings],
        "comment": "\n".join(
            n.text for n in opinions.values() if n.disposition != Disposition.WAIVED
        ),
        "actions": actions(request.user.workflow_role, row.workflow_status),
        "shortcuts": shortcuts(request.user.workflow_role, row.workflow_status),
        "transitions": row.transitions.select_related("actor"),
    }
    return render(request, "declarations/review.html", context)
