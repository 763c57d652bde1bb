"""The queue's one task: run a job by its id (django-tasks; docs/deployment.md)."""

from __future__ import annotations

import uuid

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    """Run the job; returns the status it ended with."""
    from jixiao.web.jobs.runners import run

    return str(run(uuid.UUID(job_id)))
