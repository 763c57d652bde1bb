"""A large bulk import as parts: one queued task per ``JIXIAO_JOB_PART_FILES`` files.

Every worker (on any machine) can take a part, so an import of 10⁵ files uses all of them.
Counts and errors are added with single UPDATEs (concurrent parts do not lose any); the part
that finishes last — :func:`end_part` decrements ``parts_left`` under a row lock — writes the
summary and the final status (已取消 when a cancel was asked; what the parts did stays).
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django_tasks import task

from jixiao.web.jobs import store
from jixiao.web.jobs.models import Job, JobStatus
from jixiao.web.jobs.runners import (
    Counter,
    cancelled_summary,
    import_range,
    import_summary,
    resume_from,
)

log = logging.getLogger(__name__)


def split(job: Job) -> bool:
    """Queue the parts of a large import; False (nothing queued) when one part is enough."""
    size = int(settings.JIXIAO_JOB_PART_FILES)
    first, end = resume_from(job), job.total + 1
    if end - first <= size:
        return False
    ranges = [(start, min(start + size, end)) for start in range(first, end, size)]
    Job.objects.filter(pk=job.pk).update(parts_left=len(ranges))
    for start, stop in ranges:
        run_part.enqueue(str(job.pk), start, stop)
    return True


@task()
def run_part(job_id: str, start: int, stop: int) -> str:
    """Import the files at positions ``start`` … ``stop - 1`` of the job."""
    pk = uuid.UUID(job_id)
    job = Job.objects.select_related("owner", "organisation").get(pk=pk)
    counter = Counter(pk)
    try:
        import_range(job, counter, range(start, stop))
    except Exception as exc:  # this part fails, the others go on; the reason is shown
        log.exception("job %s part %s-%s failed", job_id, start, stop)
        store.error(pk, start, f"第 {start}–{stop - 1} 个文件", f"这一部分未能完成：{exc}")
    finally:
        counter.flush()
        end_part(pk)
    return f"{start}-{stop - 1}"


@transaction.atomic
def end_part(job_id: uuid.UUID) -> None:
    """One part fewer; the last one ends the job with its summary."""
    job = Job.objects.select_for_update().get(pk=job_id)
    job.parts_left = max(0, job.parts_left - 1)
    job.save(update_fields=["parts_left"])
    if job.parts_left:
        return
    summary = import_summary(job)
    if job.cancel_requested:
        store.finish(job.pk, JobStatus.CANCELLED, cancelled_summary(job, summary))
    else:
        store.finish(job.pk, JobStatus.DONE, summary)
