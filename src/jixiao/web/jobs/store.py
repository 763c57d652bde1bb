"""Writes of the jobs app, one function per change: create, progress, errors, finish, cancel.

A worker reports progress with :func:`progress` (counts only, one UPDATE) and reads
:func:`cancelled` between items (a bulk import: between batches of files); a cancelled job
stops after the item or batch in hand and keeps everything it already did.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from jixiao.web.accounts.models import Organisation, User
from jixiao.web.declarations import store as declarations_store
from jixiao.web.declarations.inputs import InputError
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
    now = timezone.now()
    fields: dict[str, Any] = {"status": JobStatus.RUNNING, "started_at": now, "heartbeat_at": now}
    if total is not None:
        fields["total"] = total
    started = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED, cancel_requested=False).update(
        **fields
    )
    return started == 1


def progress(
    job_id: uuid.UUID,
    done: int = 0,
    failed: int = 0,
    total: int | None = None,
    created: int = 0,
    existing: int = 0,
) -> None:
    """Add counts (one UPDATE, safe for concurrent parts) and beat the job's heartbeat."""
    fields: dict[str, Any] = {
        "done": F("done") + done,
        "failed": F("failed") + failed,
        "created": F("created") + created,
        "existing": F("existing") + existing,
        "heartbeat_at": timezone.now(),
    }
    if total is not None:
        fields["total"] = total
    Job.objects.filter(pk=job_id).update(**fields)


def error(job_id: uuid.UUID, position: int, name: str, reason: str) -> None:
    errors(job_id, [(position, name, reason)])


def errors(job_id: uuid.UUID, failed: Iterable[tuple[int, str, str]]) -> None:
    """Record each (position, file name, Chinese reason) that failed, in one INSERT."""
    JobError.objects.bulk_create(
        JobError(job_id=job_id, position=p, name=name[:300], reason=reason)
        for p, name, reason in failed
    )


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


def recover(jobs: QuerySet[Job]) -> int:
    """Mark 已中断 the 运行中 jobs among ``jobs`` whose worker stopped beating; how many.

    Called where jobs are read (pages, API) and when a worker starts, so nothing is left
    运行中 forever after a worker was killed; what the job did stays and its summary says so.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_HEARTBEAT_SECONDS)
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    stale = jobs.filter(silent, status=JobStatus.RUNNING)
    marked = 0
    for job in stale.only(
        "pk", "kind", "done", "total", "heartbeat_at", "started_at", "parts_left"
    ):
        if job.parts_left and _parts_waiting(job.pk):
            continue  # its parts wait in the queue for a worker: late, not dead
        summary = interrupted_summary(job)
        marked += stale.filter(pk=job.pk).update(
            status=JobStatus.INTERRUPTED, summary=summary, finished_at=timezone.now()
        )
    return marked


def _parts_waiting(job_id: uuid.UUID) -> bool:
    """Whether a part of the job is still queued (django-tasks-db, the backend deployed)."""
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(status="READY", task_path__endswith=".run_part")
    return ready.filter(args_kwargs__args__0=str(job_id)).exists()


def interrupted_summary(job: Job) -> str:
    last = timezone.localtime(job.heartbeat_at or job.started_at).strftime("%Y-%m-%d %H:%M")
    minutes = max(1, settings.JIXIAO_JOB_HEARTBEAT_SECONDS // 60)
    text = (
        f"已中断：处理任务的进程自 {last} 起超过 {minutes} 分钟没有响应（可能已被停止），"
        f"已处理 {job.done}/{job.total} 项，已完成的部分保留"
    )
    if job.kind == JobKind.IMPORT:
        return text + "；可“继续导入”处理其余文件，已导入的不会重复创建"
    return text + "；请重新发起此任务"


@transaction.atomic
def restart(user: User, job: Job) -> Job:
    """Queue an interrupted import again; it goes on after the files it had counted as done.

    A run that was split into parts counted files out of order, so it starts from the first
    file again (the files already imported are found by the dedupe, not created twice).
    """
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.job_status is not JobStatus.INTERRUPTED or locked.kind != JobKind.IMPORT:
        raise InputError("只有已中断的批量导入任务可以继续")
    resume = 1 if locked.parts_left else locked.done + 1
    if resume == 1:
        locked.done = locked.failed = locked.created = locked.existing = 0
    locked.errors.filter(position__gte=resume).delete()
    locked.failed = locked.errors.count()
    locked.params = {**locked.params, "resume_from": resume}
    locked.status, locked.summary, locked.parts_left = JobStatus.QUEUED, "", 0
    locked.started_at = locked.finished_at = locked.heartbeat_at = None
    locked.cancel_requested = False
    locked.save()
    declarations_store.audit(
        user, None, "继续任务", f"{locked.title}（任务 {locked.pk}，自第 {resume} 个文件）"
    )
    from jixiao.web.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(str(locked.pk)))
    return locked
