"""Monitoring lights throughput: reports lit per second (target ≥ 5,000 reports/s).

Builds N monitoring reports (default 10,000) from the seven seed declarations, each filled
with deterministic pseudo-random 1–m月 values in the target's unit, likelihoods, causes and
budget execution, at cut-off months 3, 6 and 9. Then times, in one process, best of
``--rounds``:

- ``report_lights`` over every report (every indicator light, the budget light, the project
  light, each with its Chinese explanation) — the measured workload;
- ``check_report`` (lights plus the checks M01–M07) — for information;
- the baseline: ``json.loads`` of the same reports' canonical JSON text (decoding only).

    PYTHONPATH=src .venv/bin/python bench/monitoring_bench.py [--reports N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from decimal import Decimal

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.text import TextImporter
from jixiao.monitoring import FundSource, MonitoringReport, dumps, fill_budget, fill_row, new_report
from jixiao.monitoring.engine import check_report
from jixiao.monitoring.lights import report_lights
from jixiao.values import IndicatorValue, format_value

TARGET = 5000
LIGHTS = "预警灯 report_lights"  #: the measured workload; the others are for information
LIKELIHOODS = ("确定能", "确定能", "确定能", "有可能", "完全不可能")


def _entry(rng: random.Random, value: IndicatorValue) -> dict[str, object]:
    entry: dict[str, object] = {"likelihood": rng.choice(LIKELIHOODS)}
    if value.is_quantitative and value.number is not None and not value.is_date:
        share = Decimal(rng.randint(20, 160)) / 100
        amount = (value.number * share).quantize(Decimal("0.1"))
        scale = value.scale.value if value.scale else ""
        entry["actual"] = f"{amount}{scale}{value.unit}"
        entry["forecast"] = format_value(value).lstrip("≥≤<>=")
    elif value.kind.value == "定性":
        entry["actual"] = rng.choice(("达成目标", "部分达成", "未达成", ""))
    if entry["likelihood"] != "确定能":
        entry.update(causes=["经费保障"], measures="加快进度")
    return entry


def build_reports(count: int) -> list[MonitoringReport]:
    seed = TextImporter().extract(seed_bytes(), SEED_NAME).declarations
    rng = random.Random(20251)
    reports = []
    for n in range(count):
        decl = seed[n % len(seed)]
        report = new_report(decl, (3, 6, 9)[n % 3])
        for i, row in enumerate(report.rows):
            report = fill_row(report, i, **_entry(rng, row.target))  # type: ignore[arg-type]
        budget = report.total.budget or Decimal(1)
        executed = (budget * Decimal(rng.randint(10, 90)) / 100).quantize(Decimal("0.01"))
        reports.append(fill_budget(report, FundSource.TOTAL, executed=executed, forecast=budget))
    return reports


def best(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``work`` over ``rounds`` runs (result freed outside)."""
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        del result
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description="监控预警灯吞吐量基准")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    reports = build_reports(args.reports)
    text = dumps(reports)
    rows = sum(len(r.rows) for r in reports)
    print(
        f"负载 {os.getloadavg()[0]:.1f}；{len(reports)} 份监控表，{rows} 个指标，"
        f"JSON {len(text) / 1e6:.1f} MB"
    )
    runs = (
        (LIGHTS, lambda: [report_lights(r) for r in reports]),
        ("预警灯+检查 check_report", lambda: [check_report(r) for r in reports]),
        ("基线 json.loads", lambda: json.loads(text)),
    )
    for label, work in runs:
        wall, cpu = best(work, args.rounds)
        rate_cpu, rate_wall = len(reports) / cpu, len(reports) / wall
        verdict = "达标" if rate_cpu >= TARGET else "未达标"
        print(
            f"{label}：CPU {cpu:.3f} 秒（{rate_cpu:,.0f} 份/秒），墙钟 {wall:.3f} 秒"
            f"（{rate_wall:,.0f} 份/秒）"
            + (f"；目标 {TARGET}，{verdict}" if "基线" not in label else "")
        )


if __name__ == "__main__":
    main()
