"""The tiny job the queue benchmark runs on each queue (imported by the workers)."""

from __future__ import annotations

import os
import time

from django_tasks import task

if os.environ.get("QUEUE_BENCH_CELERY"):
    from celery import Celery

    celery_app = Celery(
        "queue_tasks",
        broker=os.environ["QUEUE_BENCH_CELERY"],
        backend=os.environ["QUEUE_BENCH_CELERY"],
    )
    celery_app.conf.update(worker_prefetch_multiplier=4, task_acks_late=False)

    @celery_app.task(name="queue_tasks.celery_tiny")
    def celery_tiny(enqueued: float) -> tuple[float, float]:
        return enqueued, time.time()


@task()
def tiny(enqueued: float) -> tuple[float, float]:
    """Does nothing: returns when it was enqueued and when it ran (wall clock)."""
    return enqueued, time.time()
