"""Writes to the database, each in one transaction with its audit or transition row.

Saves use optimistic locking: an update succeeds only when the row still has the revision
the editor started from, so a stale save changes nothing and raises :class:`Conflict`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.importers.base import ImportFailure
from jixiao.model import Declaration as Form
from jixiao.model.catalogue import FormText
from jixiao.web.accounts.models import Organisation, User
from jixiao.web.declarations import codec, engine, hits, inputs, integrity
from jixiao.web.declarations.models import (
    AuditEntry,
    Declaration,
    Disposition,
    Note,
    NoteKind,
    Transition,
    Version,
)
from jixiao.web.declarations.serial import serialised
from jixiao.workflow import Action, Activity, Status, TransitionDenied, apply, check


class Conflict(Exception):
    """The declaration changed since the editor loaded it; nothing was written."""


def _columns(form: Form) -> dict[str, object]:
    return {
        "year": form.year,
        "project_name": form.project_name[:300] or FormText.UNNAMED_PROJECT.value,
        "department_name": form.department.name[:200],
        "implementer_name": form.implementer.name[:200],
        "attribute": form.attribute[:50],
        "content": codec.to_text(form),
        "indicator_text": codec.indicator_text(form),
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


def audit(
    user: User,
    row: Declaration | None,
    event: str,
    detail: str = "",
    changes: list[dict[str, str]] | None = None,
) -> None:
    AuditEntry.objects.create(
        declaration=row, actor=user, event=event, detail=detail, changes=changes or []
    )


@serialised
@transaction.atomic
def create(
    user: User,
    org: Organisation,
    form: Form,
    reason: str,
    previous: Declaration | None = None,
    import_digest: str = "",
) -> Declaration:
    """A new 草稿 with its first kept version and an audit row.

    The form starts 未评定 (a verdict it carried is kept as 原表所载) with 主管部门 and
    实施单位 from the organisation tree; a closed 预算年度 refuses it.
    """
    integrity.require_open_year(form.year, "创建申报表")
    form = integrity.bind_organisation(integrity.as_new(form), org)
    columns = _columns(form)
    summary = hits.summarise(str(columns["content"]))
    row = Declaration.objects.create(
        organisation=org,
        created_by=user,
        previous=previous,
        import_digest=import_digest,
        **summary.columns(),
        **columns,
    )
    hits.record(row, summary)
    _snapshot(row, user, reason)
    audit(user, row, reason, form.project_name)
    return row


@serialised
@transaction.atomic
def save(user: User, row: Declaration, form: Form, revision: int) -> Declaration:
    """Replace the content if ``revision`` is still current and the status is editable.

    The verdicts cannot change through a save; 主管部门 and 实施单位 stay the tree's; the audit
    row lists every changed field.
    """
    apply(user.workflow_role, row.workflow_status, Action.EDIT)
    old = codec.from_text(row.content)
    form = integrity.bind_organisation(integrity.keep_verdict(old, form), row.organisation)
    editable = [s.value for s in Status if s.is_editable]
    columns = _columns(form)
    summary = hits.summarise(str(columns["content"]))
    updated = Declaration.objects.filter(pk=row.pk, revision=revision, status__in=editable).update(
        revision=F("revision") + 1,
        updated_at=timezone.now(),
        **summary.columns(),
        **columns,
    )
    if updated != 1:
        current = Declaration.objects.get(pk=row.pk)
        raise Conflict(
            f"保存失败：该申报表已被他人修改（您编辑的是第{revision}次修订，"
            f"当前为第{current.revision}次修订，状态{current.status}）。"
            "您的修改没有覆盖任何内容，请刷新后重新编辑。"
        )
    hits.record(row, summary)
    changes = integrity.changes(old, form)
    text = f"第{revision + 1}次修订：{len(changes)} 处修改"
    audit(user, row, "保存", "\n".join((text, integrity.changes_text(changes))), changes)
    return Declaration.objects.get(pk=row.pk)


def continue_from(user: User, row: Declaration) -> Declaration:
    """Next year's draft of a 延续性项目, copied from an approved ``row`` without verdicts."""
    check(user.workflow_role, row.workflow_status, Activity.CONTINUE)
    form = codec.from_text(row.content)
    year = (form.year or timezone.now().year) + 1
    form = dataclasses.replace(
        form, year=year, verdict=None, printed_verdict=None, attribute="延续性项目"
    )
    return create(user, row.organisation, form, "由上年申报表创建", previous=row)


@serialised
@transaction.atomic
def archive(user: User, row: Declaration) -> Declaration:
    """归档 instead of deleting: the form and its history stay; it leaves the working list."""
    locked = Declaration.objects.select_for_update().get(pk=row.pk)
    check(user.workflow_role, locked.workflow_status, Activity.ARCHIVE)
    if locked.archived_at is not None:
        raise TransitionDenied("该申报表已归档")
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at"])
    audit(user, locked, "归档", f"状态{locked.status}")
    return locked


@serialised
@transaction.atomic
def transition(user: User, row: Declaration, action: Action, comment: str = "") -> Transition:
    """Perform ``action`` through the workflow table; one transition row per change."""
    locked = Declaration.objects.select_for_update().get(pk=row.pk)
    step = apply(user.workflow_role, locked.workflow_status, action, comment)
    if action is Action.SUBMIT:
        integrity.require_open_year(locked.year, "提交申报表")
    if step.verdict is not None or step.clears_verdict:
        form = dataclasses.replace(codec.from_text(locked.content), verdict=step.verdict)
        locked.content = codec.to_text(form)
        summary = hits.summarise(locked.content)
        locked.review_grade, locked.finding_count = summary.grade, summary.total
        hits.record(locked, summary)
    acted_on = locked.revision
    locked.status = step.target
    locked.revision += 1
    fields = ["status", "revision", "content", "review_grade", "finding_count", "updated_at"]
    locked.save(update_fields=fields)
    version: Version | None
    if action is Action.SUBMIT:
        version = _snapshot(locked, user, str(action))
    else:
        version = locked.versions.order_by("-number").first()
    return Transition.objects.create(
        declaration=locked,
        action=action,
        source=step.source,
        target=step.target,
        actor=user,
        role=user.role,
        comment=comment.strip(),
        version=version,
        revision=acted_on,
    )


class Unexplained(TransitionDenied):
    """A submission with blocking findings that are neither fixed nor explained."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"还有 {len(missing)} 条错误级发现未修改也未说明，不能提交")
        self.missing = missing


@serialised
@transaction.atomic
def submit(
    user: User, row: Declaration, explanations: Mapping[str, str], comment: str = ""
) -> Transition:
    """提交: every blocking finding needs a 说明 (kept as a note), then the transition."""
    blocking = engine.review(codec.from_text(row.content)).blocking
    texts = {f.key: explanations.get(f.key, "").strip() for f in blocking}
    if missing := [key for key, text in texts.items() if not text]:
        raise Unexplained(missing)
    for f in blocking:
        Note.objects.create(
            declaration=row,
            revision=row.revision,
            kind=NoteKind.EXPLANATION,
            disposition=Disposition.EXPLAINED,
            finding_key=f.key,
            finding_code=f.code,
            finding_message=f.message,
            text=texts[f.key],
            author=user,
        )
    return transition(user, row, Action.SUBMIT, comment)


@dataclass(frozen=True, slots=True)
class Imported:
    """What one import did: the drafts it created and the forms it found already imported."""

    created: tuple[Declaration, ...]
    existing: tuple[Declaration, ...]


@serialised
@transaction.atomic
def import_forms(user: User, org: Organisation, forms: tuple[Form, ...]) -> Imported:
    """All of ``forms`` as drafts of ``org`` in one transaction (a failure writes nothing).

    A form whose content (without its source location) was imported into ``org`` before and
    not discarded is not created again: the existing declaration is returned instead. A form
    whose year or amounts are outside the limits refuses the whole import (:class:`ImportFailure`).
    """
    for number, form in enumerate(forms, 1):
        try:
            inputs.check_form(form)
        except inputs.InputError as exc:
            raise ImportFailure(f"第{number}份申报表：{exc}") from None
    digests = [codec.identity_digest(f) for f in forms]
    earlier = Declaration.objects.filter(organisation=org, import_digest__in=digests).exclude(
        status=Status.DISCARDED
    )
    before = {row.import_digest: row for row in earlier.order_by("-created_at")}
    created: dict[str, Declaration] = {}
    for form, digest in zip(forms, digests, strict=True):
        if digest not in before and digest not in created:  # a repeat in one file: once
            created[digest] = create(user, org, form, "导入", import_digest=digest)
    existing = {d: before[d] for d in digests if d in before}
    return Imported(tuple(created.values()), tuple(existing.values()))


__all__ = [
    "Conflict",
    "Imported",
    "TransitionDenied",
    "Unexplained",
    "archive",
    "audit",
    "continue_from",
    "create",
    "import_forms",
    "save",
    "submit",
    "transition",
]
