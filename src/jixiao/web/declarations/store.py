"""Writes to the database, each in one transaction with its audit or transition row.

Saves use optimistic locking: an update succeeds only when the row still has the revision
the editor started from, so a stale save changes nothing and raises :class:`Conflict`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Model, QuerySet
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
    FindingHit,
    Note,
    NoteKind,
    Transition,
    Version,
)
from jixiao.web.declarations.serial import serialised
from jixiao.workflow import Action, Activity, Status, TransitionDenied, apply, check

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Model)


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


@dataclass(frozen=True, slots=True)
class Writer:
    """Who writes new drafts into which organisation, with what they all share, read once.

    A single write reviews through the review caches (:func:`engine.stored`: the page of the
    new form follows and finds it there); a bulk import reads the review rules once for each
    batch (``rules``) and reviews every new form under them without filling the caches.
    """

    user: User
    org: Organisation
    closed: frozenset[int]
    rules: engine.Rules | None = None

    @classmethod
    def of(cls, user: User, org: Organisation, batch: bool = False) -> Writer:
        return cls(user, org, integrity.closed_years(), engine.Rules.now() if batch else None)

    def review(self, content: str, form: Form) -> engine.Stored:
        if self.rules is None:
            return engine.stored(content)
        return engine.reviewed(content, form, self.rules)


@dataclass(frozen=True, slots=True)
class Draft:
    """The rows of one new declaration, not yet written: the row, its hits, version, audit."""

    row: Declaration
    hits: list[FindingHit]
    version: Version
    entry: AuditEntry


def draft(
    writer: Writer,
    form: Form,
    reason: str,
    previous: Declaration | None = None,
    import_digest: str = "",
) -> Draft:
    """The rows :func:`create` writes for ``form``; refused (Chinese) for a closed year."""
    integrity.refuse_closed(form.year, writer.closed, "创建")
    form = integrity.bind_organisation(integrity.as_new(form), writer.org)
    columns = _columns(form)
    summary = hits.summary_of(writer.review(str(columns["content"]), form))
    row = Declaration(
        organisation=writer.org,
        created_by=writer.user,
        previous=previous,
        import_digest=import_digest,
        **summary.columns(),
        **columns,
    )
    version = Version(
        declaration=row,
        number=1,
        revision=row.revision,
        reason=reason,
        content=row.content,
        annual_total_fen=row.annual_total_fen,
        fiscal_fen=row.fiscal_fen,
        other_fen=row.other_fen,
        created_by=writer.user,
    )
    entry = AuditEntry(declaration=row, actor=writer.user, event=reason, detail=form.project_name)
    return Draft(row, hits.rows(row, summary), version, entry)


def insert(drafts: list[Draft]) -> None:
    """Write ``drafts``: one statement a table whatever their number (in the caller's
    transaction)."""
    _insert(Declaration, [d.row for d in drafts])
    _insert(FindingHit, [h for d in drafts for h in d.hits])
    _insert(Version, [d.version for d in drafts])
    _insert(AuditEntry, [d.entry for d in drafts])


def _insert(model: type[M], rows: list[M]) -> None:
    """``bulk_create``; on PostgreSQL several rows go by ``COPY`` instead.

    Django sends a PostgreSQL bulk insert as arrays (``UNNEST``), and psycopg builds each
    array literal in Python, escaping every quote of every canonical-JSON text with a
    regular expression: most of a bulk import's time. ``COPY`` writes the same columns,
    prepared by the same fields (``pre_save`` for the times, ``get_db_prep_save``), in C.
    """
    if connection.vendor != "postgresql" or len(rows) < 2:
        model._default_manager.bulk_create(rows)
        return
    fields = [f for f in model._meta.concrete_fields if not f.db_returning]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.connection.cursor().copy(sql) as copy,
    ):
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])
    for row in rows:
        row._state.adding, row._state.db = False, connection.alias


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
    new = draft(Writer.of(user, org), form, reason, previous, import_digest)
    insert([new])
    return new.row


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
        for name, value in summary.columns().items():
            setattr(locked, name, value)
        hits.record(locked, summary)
    acted_on = locked.revision
    locked.status = step.target
    locked.revision += 1
    fields = ["status", "revision", "content", "updated_at", *hits.Summary.COLUMNS]
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


def _checked(forms: tuple[Form, ...]) -> list[str]:
    """The identity digests of ``forms``; :class:`ImportFailure` for one outside the limits."""
    for number, form in enumerate(forms, 1):
        try:
            inputs.check_form(form)
        except inputs.InputError as exc:
            raise ImportFailure(f"第{number}份申报表：{exc}") from None
    return [codec.identity_digest(f) for f in forms]


def _earlier(org: Organisation, digests: Iterable[str]) -> QuerySet[Declaration]:
    """The declarations of ``org`` imported before with one of ``digests`` (not discarded)."""
    rows = Declaration.objects.filter(organisation=org, import_digest__in=set(digests))
    return rows.exclude(status=Status.DISCARDED)


@serialised
@transaction.atomic
def import_forms(user: User, org: Organisation, forms: tuple[Form, ...]) -> Imported:
    """All of ``forms`` as drafts of ``org`` in one transaction (a failure writes nothing).

    A form whose content (without its source location) was imported into ``org`` before and
    not discarded is not created again: the existing declaration is returned instead. A form
    whose year or amounts are outside the limits refuses the whole import (:class:`ImportFailure`).
    """
    digests = _checked(forms)
    before = {row.import_digest: row for row in _earlier(org, digests).order_by("-created_at")}
    writer = Writer.of(user, org)
    drafts = _plan(writer, forms, digests, set(before))
    insert(drafts)
    existing = {d: before[d] for d in digests if d in before}
    return Imported(tuple(d.row for d in drafts), tuple(existing.values()))


def _plan(
    writer: Writer, forms: tuple[Form, ...], digests: list[str], seen: set[str]
) -> list[Draft]:
    """The drafts of ``forms`` not among the ``seen`` digests, each once; adds theirs to it."""
    drafts: list[Draft] = []
    for form, digest in zip(forms, digests, strict=True):
        if digest not in seen:  # a repeat in one file, or of an earlier file: once
            drafts.append(draft(writer, form, "导入", import_digest=digest))
            seen.add(digest)
    return drafts


#: What makes one file of a bulk import fail (with its Chinese reason) while the others go in.
FILE_ERRORS = (ImportFailure, codec.MoneyError, TransitionDenied, ValueError)


@dataclass(frozen=True, slots=True)
class FileImport:
    """What a bulk import did with one file: forms created, found imported before, or why not."""

    created: int = 0
    existing: int = 0
    error: str = ""


@serialised
@transaction.atomic
def import_batch(
    user: User, org: Organisation, files: Sequence[tuple[Form, ...]]
) -> list[FileImport]:
    """Each of ``files`` (the forms read from one file) as :func:`import_forms` writes it, all
    in one transaction: each file whole or not at all, a bad one reported, the others kept.

    The closed years and review rules are read once, the earlier imports found with one
    query and the rows of every file written with one INSERT per table. Should the database
    refuse a row, the batch is written again file by file, each in its own savepoint, so
    only that file is left out.
    """
    writer = Writer.of(user, org, batch=True)
    checked: list[list[str] | str] = []
    for forms in files:
        try:
            checked.append(_checked(forms))
        except FILE_ERRORS as exc:
            checked.append(str(exc) or type(exc).__name__)
    wanted = [d for c in checked if isinstance(c, list) for d in c]
    before = set(_earlier(org, wanted).values_list("import_digest", flat=True))
    seen = set(before)
    planned = [_file_plan(writer, f, c, seen) for f, c in zip(files, checked, strict=True)]
    try:
        with transaction.atomic():
            insert([d for drafts, _ in planned for d in drafts])
        return [result for _, result in planned]
    except DatabaseError:
        log.warning("a bulk import batch was refused by the database; writing it file by file")
    seen = set(before)
    results = []
    for forms, c in zip(files, checked, strict=True):
        drafts, result = _file_plan(writer, forms, c, seen)
        try:
            with transaction.atomic():
                insert(drafts)
        except DatabaseError as exc:
            seen.difference_update(d.row.import_digest for d in drafts)
            result = FileImport(error=f"写入数据库时被拒绝（{exc}），此文件未导入")
        results.append(result)
    return results


def _file_plan(
    writer: Writer,
    forms: tuple[Form, ...],
    checked: list[str] | str,
    seen: set[str],
) -> tuple[list[Draft], FileImport]:
    """The drafts of one file of a batch and what they do (``seen``: digests written so far)."""
    if isinstance(checked, str):
        return [], FileImport(error=checked)
    mark = set(seen)
    try:
        drafts = _plan(writer, forms, checked, seen)
    except FILE_ERRORS as exc:
        seen.intersection_update(mark)  # nothing of this file is written
        return [], FileImport(error=str(exc) or type(exc).__name__)
    existing = {d for d in checked if d in mark}
    return drafts, FileImport(created=len(drafts), existing=len(existing))


__all__ = [
    "FILE_ERRORS",
    "Conflict",
    "Draft",
    "FileImport",
    "Imported",
    "TransitionDenied",
    "Unexplained",
    "Writer",
    "archive",
    "audit",
    "continue_from",
    "create",
    "draft",
    "import_batch",
    "import_forms",
    "insert",
    "save",
    "submit",
    "transition",
]
