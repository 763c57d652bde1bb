"""The editor: the whole form, saved with optimistic locking, with live findings."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.evaluation.canonical import loads as evaluation_loads
from jixiao.library.continuity import (
    Actuals,
    actual_key,
    budget_change,
    compare_years,
    percent_text,
)
from jixiao.model import Declaration as Form
from jixiao.model import TreeVariant
from jixiao.policy import load_policy
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import codec, comments, diff, editor, engine, inputs, rows, store
from jixiao.web.declarations.access import get_for_action
from jixiao.web.declarations.models import Declaration, Transition
from jixiao.workflow import Action


def _context(
    row: Declaration,
    form: Form,
    errors: dict[str, str],
    revision: int,
    entry: engine.Stored | None = None,
) -> dict[str, object]:
    """The editor page for ``form``; ``entry`` is the stored content's cached review, if any."""
    values = editor.header_values(form)
    if entry is None:
        groups = editor.groups(form, engine.requirements())
        review = engine.review(form)
    else:
        groups = editor.groups(form, engine.requirements(entry.key[1]))
        review = entry.review
    return {
        "decl": row,
        "values": values,
        "header": [(n, label, values.get(n, "")) for n, label in editor.HEADER],
        "tree_fields": editor.TREE_FIELDS,
        "money": [(n, label, values.get(n, "")) for n, label in editor.MONEY],
        "groups": groups,
        "trees": list(TreeVariant),
        "errors": errors,
        "revision": revision,
        "review": review,
        "placed": editor.place(review.findings, editor.keys_of(groups)),
        "comments": comments.place(comments.latest(row), editor.keys_of(groups)),
        "elsewhere": comments.ELSEWHERE,
        "returned": _return_comment(row),
        "rows_field": rows.dump_rows(
            rows.PostedRow(r.key, g.level2.value, r.name, r.value) for g in groups for r in g.rows
        ),
        "max_rows": rows.MAX_ROWS,
        "max_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "unsaved": bool(errors),
        "last_year": last_year(row, form),
    }


def last_year(row: Declaration, form: Form) -> dict[str, object] | None:
    """与上年比较 for a 延续性 draft: last year's target beside this year's, per indicator."""
    if row.previous_id is None or not row.workflow_status.is_editable:
        return None
    assert row.previous is not None
    before = engine.stored(row.previous.content).form
    change = budget_change(before, form)
    percent = load_policy().on(date.today()).number("evaluation_over_completion_ratio")
    over = percent / 100  # the self-evaluation's 超计划 threshold (130%)
    return {
        "year": before.year,
        "changes": compare_years(before, form, _actuals(row.previous), over),
        "budget": None
        if change is None
        else f"{'+' if change >= 0 else '-'}{percent_text(change)}%",
    }


def _actuals(previous: Declaration) -> Actuals:
    """实际完成值 of last year's latest self-evaluation of that declaration, if there is one."""
    record = previous.evaluations.order_by("-updated_at").first()
    if record is None:
        return {}
    evaluation = evaluation_loads(record.content)[0]
    return {actual_key(r.level2, r.name): r.actual_text for r in evaluation.rows if r.actual_text}


def _return_comment(row: Declaration) -> Transition | None:
    """The latest 退回 with its comment, shown above the form while it is being revised."""
    if not row.workflow_status.is_editable:
        return None
    back = row.transitions.filter(action__in=[Action.RETURN, Action.REJECT]).exclude(comment="")
    return back.select_related("actor").order_by("-at", "-id").first()


def _conflict(request: AuthedRequest, pk: uuid.UUID, form: Form, exc: Exception) -> HttpResponse:
    """After a 409: the newest version in the editor, the user's own edits listed beside it."""
    messages.error(request, f"{exc} 页面已载入最新版本；您的修改列在上方，请对照重新填写。")
    newest = Declaration.objects.get(pk=pk)
    entry = engine.stored(newest.content)
    ctx = _context(newest, entry.form, {}, newest.revision, entry)
    ctx.update(yours=diff.compare(entry.form, form), unsaved=True)
    return render(request, "declarations/edit.html", ctx, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """GET shows the editor; POST saves a draft if the revision is still current."""
    row = get_for_action(request.user, pk, Action.EDIT)
    if request.method == "GET":
        entry = engine.stored(row.content)
        ctx = _context(row, entry.form, {}, row.revision, entry)
        return render(request, "declarations/edit.html", ctx)
    form, errors = editor.read(request.POST, codec.from_text(row.content), engine.requirements())
    try:
        revision = inputs.parse_count(request.POST.get("revision", ""), "修订号")
    except inputs.InputError as exc:
        errors["revision"] = str(exc)
        revision = row.revision
    if errors:
        messages.error(request, "未保存：" + "；".join(errors.values()))
        ctx = _context(row, form, errors, revision)
        return render(request, "declarations/edit.html", ctx, status=400)
    try:
        row = store.save(request.user, row, form, revision)
    except store.Conflict as exc:
        return _conflict(request, row.pk, form, exc)
    messages.success(request, f"已保存（第{row.revision}次修订）")
    if request.POST.get("then") == "submit":
        return redirect("declarations:submit", pk=row.pk)
    return redirect("declarations:edit", pk=row.pk)


@login_required
@require_POST
def findings(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Live findings for the unsaved editor content (htmx); nothing is written."""
    row = get_for_action(request.user, pk, Action.EDIT)
    form, errors = editor.read(request.POST, codec.from_text(row.content), engine.requirements())
    result = engine.review(form)
    placed = editor.place(result.findings, editor.row_keys(request.POST))
    context = {"review": result, "errors": errors, "placed": placed}
    return render(request, "declarations/_findings.html", context)
