"""Queue benchmark: django-tasks' database backend (SQLite, PostgreSQL) against Celery + Redis.

    PYTHONPATH=src:bench .venv/bin/python bench/queue_bench.py --jobs 1000 \
        --postgres postgres://postgres@127.0.0.1:5432 --redis redis://127.0.0.1:6379/14

For each queue one worker process is started (django-tasks-db: ``db_worker --interval 0.05``;
Celery: ``celery worker --pool=solo``), then two measurements of a job that does nothing:

- 延迟 (enqueue→start): 50 jobs one after another, each enqueued once the previous has run,
  with the worker idle and polling: the median and p95 of start − enqueue (wall clock);
- 吞吐 (throughput): ``--jobs`` jobs enqueued at once; jobs per second from the first
  enqueue to the last finish, and the time the enqueuing alone took.

The same machine runs everything; the numbers go into docs/deployment.md with the load.
Celery is not a dependency of jixiao: ``.venv/bin/pip install celery`` before the Celery row.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")


def _env(extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": f"{SRC}:{HERE}",
        "DJANGO_SETTINGS_MODULE": "jixiao.web.settings",
        **extra,
    }


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _measure(
    enqueue: Callable[[], Any], wait: Callable[[Any], tuple[float, float]], jobs: int
) -> dict[str, float]:
    latencies = []
    for _ in range(50):
        handle = enqueue()
        enqueued, started = wait(handle)
        latencies.append(started - enqueued)
    begin = time.time()
    handles = [enqueue() for _ in range(jobs)]
    enqueue_seconds = time.time() - begin
    finished = max(wait(h)[1] for h in handles)
    return {
        "latency_p50_ms": statistics.median(latencies) * 1000,
        "latency_p95_ms": _percentile(latencies, 0.95) * 1000,
        "enqueue_ms_per_job": enqueue_seconds / jobs * 1000,
        "jobs_per_second": jobs / (finished - begin),
    }


def django_tasks_db(database_url: str, jobs: int) -> dict[str, float]:
    """One db_worker against ``database_url`` (migrated first)."""
    env = _env({"DATABASE_URL": database_url, "JIXIAO_DATA_DIR": tempfile.mkdtemp()})
    os.environ.update(env)
    sys.path[:0] = [SRC, HERE]
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True)
    import django

    django.setup()
    from queue_tasks import tiny

    worker = subprocess.Popen(
        [sys.executable, "-m", "django", "db_worker", "--interval", "0.05", "--no-startup-delay"],
        env=env,
    )
    try:
        time.sleep(3)

        def wait(result: Any) -> tuple[float, float]:
            while True:
                result.refresh()
                if result.is_finished:
                    return tuple(result.return_value)  # type: ignore[return-value]
                time.sleep(0.01)

        return _measure(lambda: tiny.enqueue(time.time()), wait, jobs)
    finally:
        worker.terminate()
        worker.wait()


def celery_redis(redis_url: str, jobs: int) -> dict[str, float]:
    env = _env({"QUEUE_BENCH_CELERY": redis_url})
    os.environ.update(env)
    sys.path[:0] = [SRC, HERE]
    import queue_tasks

    argv = [sys.executable, "-m", "celery", "-A", "queue_tasks.celery_app", "worker"]
    worker = subprocess.Popen([*argv, "--pool=solo", "-l", "warning"], env=env)
    try:
        time.sleep(5)
        task = queue_tasks.celery_tiny

        def wait(result: Any) -> tuple[float, float]:
            return tuple(result.get(timeout=120))  # type: ignore[return-value]

        return _measure(lambda: task.delay(time.time()), wait, jobs)
    finally:
        worker.terminate()
        worker.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", choices=("sqlite", "postgres", "celery"), action="append")
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    if not args.queue:  # each queue in its own process: Django is set up once per process
        for queue in ("sqlite", "postgres", "celery"):
            subprocess.run([sys.executable, *sys.argv, "--queue", queue], check=True)
        return
    (queue,) = args.queue
    if queue == "sqlite":
        path = os.path.join(tempfile.mkdtemp(), "queue.sqlite3")
        result = django_tasks_db(f"sqlite:///{path}", args.jobs)
    elif queue == "postgres":
        import psycopg

        with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS jixiao_queue_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE jixiao_queue_bench")
        result = django_tasks_db(f"{args.postgres}/jixiao_queue_bench", args.jobs)
    else:
        result = celery_redis(args.redis, args.jobs)
    load = os.getloadavg()[0]
    cells = " | ".join(f"{result[k]:.1f}" for k in sorted(result))
    print(f"| {queue} | {args.jobs} | {cells} | {load:.1f} |", flush=True)


if __name__ == "__main__":
    main()
