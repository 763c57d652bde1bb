"""Finance dashboard of monitoring over 10⁴ reports on PostgreSQL (target < 500 ms).

    PYTHONPATH=src:. .venv/bin/python bench/monitoring_web_bench.py \
        --database-url postgres://postgres@127.0.0.1:5432/postgres --reports 10000 --repeat 20

Creates a fresh database ``jixiao_h10_bench`` on that server (dropping an old one), migrates
it, creates a finance bureau with 20 departments of 5 units each, 10⁴ approved declarations
and one monitoring report each (the examples' base report at 1–6月, every tenth pushed to
red, so the red list of 100 is full; lights and red rows stored as a save stores them),
then requests ``/monitoring/dashboard/`` as the 财政审核人 through Django's test client in
this process, ``--repeat`` times, after one warm-up. Baseline
in the same run: ``/healthz`` (same middleware, no database). Prints median and p95.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time

import psycopg

BENCH_DB = "jixiao_h10_bench"


def _fresh_database(url: str) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return url.rsplit("/", 1)[0] + "/" + BENCH_DB


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    os.environ.setdefault("JIXIAO_DATA_DIR", "/tmp/jixiao-h10-bench")
    os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", "testserver")
    os.makedirs(os.path.join(os.environ["JIXIAO_DATA_DIR"], "static"), exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _load(count: int) -> object:
    from jixiao.model import dumps as dump_declarations
    from jixiao.monitoring import dumps, fill_row
    from jixiao.monitoring.examples import base_report
    from jixiao.monitoring.lights import report_lights
    from jixiao.review.examples import parse_example
    from jixiao.web.accounts.models import Organisation, OrgKind, User
    from jixiao.web.declarations.models import Declaration
    from jixiao.web.monitoring.models import MonitoringReportRecord, MonitoringRound
    from jixiao.web.monitoring.store import red_lights
    from jixiao.workflow import Role, Status

    finance = Organisation.objects.create(name="财政局", kind=OrgKind.FINANCE)
    units = []
    for d in range(20):
        dept = Organisation.objects.create(
            name=f"部门{d:02d}", kind=OrgKind.DEPARTMENT, parent=finance
        )
        units += [
            Organisation.objects.create(name=f"部门{d:02d}单位{u}", kind=OrgKind.UNIT, parent=dept)
            for u in range(5)
        ]
    user = User.objects.create_user(
        "finance", password="x", role=Role.FINANCE_REVIEWER, organisation=finance
    )
    forms, _, _ = parse_example("")
    decl_text = dump_declarations(forms)
    green = base_report()
    red = fill_row(green, 0, actual="10")
    variants = [(dumps([r]), report_lights(r), r) for r in (green, red)]
    decls = Declaration.objects.bulk_create(
        [
            Declaration(
                organisation=units[n % len(units)],
                year=2025,
                project_name=f"项目{n:05d}",
                status=Status.APPROVED.value,
                content=decl_text,
                created_by=user,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    round_ = MonitoringRound.objects.create(
        year=2025, month=6, deadline=datetime.date(2099, 1, 1), opened_by=user
    )
    rows = []
    for n, decl in enumerate(decls):
        content, lights, report = variants[1 if n % 10 == 0 else 0]
        rows.append(
            MonitoringReportRecord(
                round=round_,
                declaration=decl,
                organisation=decl.organisation,
                project_name=decl.project_name,
                content=content,
                overall_light=lights.overall.value,
                target_light=lights.target.value,
                budget_light=lights.budget.light.value,
                red_lights=red_lights(report, lights),
            )
        )
    MonitoringReportRecord.objects.bulk_create(rows, batch_size=1000)
    return user


def _time(client: object, url: str, repeat: int) -> list[float]:
    times = []
    client.get(url)  # type: ignore[attr-defined]  # warm-up
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description="监控看板基准（PostgreSQL）")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _setup_django(_fresh_database(args.database_url))
    start = time.perf_counter()
    user = _load(args.reports)
    elapsed = time.perf_counter() - start
    print(f"载入 {args.reports} 份监控表 {elapsed:.1f} 秒；负载 {os.getloadavg()[0]:.1f}")
    from django.test import Client

    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    for label, url in (
        ("看板 /monitoring/dashboard/", "/monitoring/dashboard/"),
        ("基线 /healthz", "/healthz"),
    ):
        times = _time(client, url, args.repeat)
        p95 = statistics.quantiles(times, n=20)[-1]
        median = statistics.median(times)
        print(f"{label}：中位数 {median:.1f} 毫秒，p95 {p95:.1f} 毫秒（{args.repeat} 次）")
    print(f"负载 {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
