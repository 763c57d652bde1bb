"""Writes of the jobs app, one function per change: create, progress, errors, finish, cancel.

A worker reports progress with :func:`progress` (counts only, one UPDATE) and reads
:func:`cancelled` between items; a cancelled job stops after the item in hand and keeps
everything it already did.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.web.accounts.models import Organisation, User
from jixiao.web.declarations import store as declarations_store
from jixiao.web.jobs.models import FileRole, Job, JobError, JobFile, JobKind, JobStatus

log = logging.getLogger(__name__)


@transaction.atomic
def create(
    owner: User,
    kind: JobKind,
    title: str,
    params: dict[str, Any] | None = None,
    inputs: Iterable[tuple[str, bytes]] = (),
    organisation: Organisation | None = None,
    total: int = 0,
) -> Job:
    """A queued job with its inputs and an audit row, then handed to the queue."""
    job = Job.objects.create(
        kind=kind,
        owner=owner,
        organisation=organisation,
        title=title[:200],
        params=params or {},
        total=total,
    )
    for name, data in inputs:
        JobFile.objects.create(
            job=job, role=FileRole.INPUT, name=name[:300], size=len(data), content=data
        )
    declarations_store.audit(owner, None, f"创建{kind}任务", f"{job.title}（任务 {job.pk}）")
    from jixiao.web.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def start(job_id: uuid.UUID, total: int | None = None) -> bool:
    """Mark a queued job 运行中; False when it was cancelled (or taken) before it started."""
    fields: dict[str, Any] = {"status": JobStatus.RUNNING, "started_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    started = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED, cancel_requested=False).update(
        **fields
    )
    return started == 1


def progress(job_id: uuid.UUID, done: int = 0, failed: int = 0, total: int | None = None) -> None:
    fields: dict[str, Any] = {"done": F("done") + done, "failed": F("failed") + failed}
    if total is not None:
        fields["total"] = total
    Job.objects.filter(pk=job_id).update(**fields)


def count(job_id: uuid.UUID, created: int, existing: int) -> None:
    """Add forms created and found already imported (parts of one import add concurrently)."""
    Job.objects.filter(pk=job_id).update(
        created=F("created") + created, existing=F("existing") + existing
    )


def error(job_id: uuid.UUID, position: int, name: str, reason: str) -> None:
    JobError.objects.create(job_id=job_id, position=position, name=name[:300], reason=reason)


def cancelled(job_id: uuid.UUID) -> bool:
    return bool(Job.objects.filter(pk=job_id).values_list("cancel_requested", flat=True).first())


def result(job_id: uuid.UUID, name: str, content_type: str, data: bytes) -> None:
    JobFile.objects.create(
        job_id=job_id,
        role=FileRole.RESULT,
        name=name[:300],
        content_type=content_type,
        size=len(data),
        content=data,
    )


def finish(job_id: uuid.UUID, status: JobStatus, summary: str) -> None:
    Job.objects.filter(pk=job_id).update(status=status, summary=summary, finished_at=timezone.now())


@transaction.atomic
def cancel(user: User, job: Job) -> Job:
    """Ask a job to stop: a queued one is 已取消 at once, a running one after its current item."""
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.job_status.is_final:
        return locked
    locked.cancel_requested = True
    fields = ["cancel_requested"]
    if locked.job_status is JobStatus.QUEUED:
        locked.status = JobStatus.CANCELLED
        locked.summary = "已取消：任务尚未开始，没有处理任何内容"
        locked.finished_at = timezone.now()
        fields += ["status", "summary", "finished_at"]
    locked.save(update_fields=fields)
    declarations_store.audit(user, None, "取消任务", f"{locked.title}（任务 {locked.pk}）")
    return locked
