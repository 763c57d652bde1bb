"""Writes to the database, each in one transaction with its audit or transition row.

Saves use optimistic locking: an update succeeds only when the row still has the revision
the editor started from, so a stale save changes nothing and raises :class:`Conflict`.
"""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.model import Declaration as Form
from jixiao.web.accounts.models import Organisation, User
from jixiao.web.declarations import codec
from jixiao.web.declarations.models import AuditEntry, Declaration, Transition, Version
from jixiao.workflow import Action, Status, TransitionDenied, apply


class Conflict(Exception):
    """The declaration changed since the editor loaded it; nothing was written."""


def _columns(form: Form) -> dict[str, object]:
    return {
        "year": form.year,
        "project_name": form.project_name[:300] or "（未命名项目）",
        "department_name": form.department.name[:200],
        "implementer_name": form.implementer.name[:200],
        "attribute": form.attribute[:50],
        "content": codec.to_text(form),
        **codec.money_columns(form),
    }


def _snapshot(row: Declaration, user: User, reason: str) -> Version:
    number = (row.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Version.objects.create(
        declaration=row,
        number=number,
        revision=row.revision,
        reason=reason,
        content=row.content,
        annual_total_fen=row.annual_total_fen,
        fiscal_fen=row.fiscal_fen,
        other_fen=row.other_fen,
        created_by=user,
    )


def audit(user: User, row: Declaration | None, event: str, detail: str = "") -> None:
    AuditEntry.objects.create(declaration=row, actor=user, event=event, detail=detail)


@transaction.atomic
def create(
    user: User, org: Organisation, form: Form, reason: str, previous: Declaration | None = None
) -> Declaration:
    """A new 草稿 with its first kept version and an audit row."""
    row = Declaration.objects.create(
        organisation=org, created_by=user, previous=previous, **_columns(form)
    )
    _snapshot(row, user, reason)
    audit(user, row, reason, form.project_name)
    return row


@transaction.atomic
def save(user: User, row: Declaration, form: Form, revision: int) -> Declaration:
    """Replace the content if ``revision`` is still current and the status is editable."""
    apply(user.workflow_role, row.workflow_status, Action.EDIT)
    editable = [s.value for s in Status if s.is_editable]
    updated = Declaration.objects.filter(pk=row.pk, revision=revision, status__in=editable).update(
        revision=F("revision") + 1, updated_at=timezone.now(), **_columns(form)
    )
    if updated != 1:
        current = Declaration.objects.get(pk=row.pk)
        raise Conflict(
            f"保存失败：该申报表已被他人修改（您编辑的是第{revision}次修订，"
            f"当前为第{current.revision}次修订，状态{current.status}）。"
            "您的修改没有覆盖任何内容，请刷新后重新编辑。"
        )
    audit(user, row, "保存", f"第{revision + 1}次修订")
    return Declaration.objects.get(pk=row.pk)


def continue_from(user: User, row: Declaration) -> Declaration:
    """Next year's draft of a 延续性项目, copied from ``row`` without the verdict."""
    form = codec.from_text(row.content)
    year = (form.year or timezone.now().year) + 1
    form = dataclasses.replace(form, year=year, verdict=None, attribute="延续性项目")
    return create(user, row.organisation, form, "由上年申报表创建", previous=row)


@transaction.atomic
def transition(user: User, row: Declaration, action: Action, comment: str = "") -> Transition:
    """Perform ``action`` through the workflow table; one transition row per change."""
    locked = Declaration.objects.select_for_update().get(pk=row.pk)
    step = apply(user.workflow_role, locked.workflow_status, action, comment)
    if step.verdict is not None:
        form = dataclasses.replace(codec.from_text(locked.content), verdict=step.verdict)
        locked.content = codec.to_text(form)
    locked.status = step.target
    locked.revision += 1
    locked.save(update_fields=["status", "revision", "content", "updated_at"])
    version = _snapshot(locked, user, str(action)) if action is Action.SUBMIT else None
    return Transition.objects.create(
        declaration=locked,
        action=action,
        source=step.source,
        target=step.target,
        actor=user,
        role=user.role,
        comment=comment.strip(),
        version=version,
    )


__all__ = ["Conflict", "TransitionDenied", "audit", "continue_from", "create", "save", "transition"]
