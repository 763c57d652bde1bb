"""Review throughput: forms reviewed per second (target ≥ 5,000 forms/s).

Builds N forms (default 10,003 = the seven seed forms repeated) with the text importer,
then times (wall and CPU) only ``jixiao.review.review`` over all of them in one batch (every rule,
``yinchuan`` profile, batch rules included). Best of ``--rounds`` runs. Also says how much of
the CPU time went to CPython's cyclic garbage collector (timed with ``gc.callbacks``, which
only observes: the collector runs as it would anywhere else).

    PYTHONPATH=src .venv/bin/python bench/review_bench.py [--forms N] [--rounds R]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.text import TextImporter
from jixiao.model import Declaration
from jixiao.review import review

TARGET = 5000


def build_forms(count: int) -> list[Declaration]:
    seed = TextImporter().extract(seed_bytes(), SEED_NAME).declarations
    repeats = -(-count // len(seed))
    return list(seed) * repeats


class GcClock:
    """CPU seconds spent in the garbage collector, and how many full collections ran."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started
            self.full += info["generation"] == 2


def measure(forms: list[Declaration], rounds: int) -> tuple[float, float, GcClock]:
    """Best wall time and best CPU time (seconds) of reviewing ``forms``, over ``rounds`` runs,
    with the collector's share of that best CPU round.

    CPU time (``time.process_time``) is reported beside wall time because a shared machine
    under load inflates wall time without the review doing more work.
    """
    best_wall = best_cpu = float("inf")
    best_gc = GcClock()
    for _ in range(rounds):
        clock = GcClock()
        callback: Callable[[str, dict[str, int]], None] = clock
        gc.callbacks.append(callback)
        wall, cpu = time.perf_counter(), time.process_time()
        report = review(forms, profile="yinchuan")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        gc.callbacks.remove(callback)
        best_wall = min(best_wall, wall)
        if cpu < best_cpu:
            best_cpu, best_gc = cpu, clock
        assert len(report.forms) == len(forms)
        del report  # freed outside the clock: freeing a report is not part of reviewing
    return best_wall, best_cpu, best_gc


def main() -> None:
    parser = argparse.ArgumentParser(description="审核吞吐量基准")
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    forms = build_forms(args.forms)
    wall, cpu, collector = measure(forms, args.rounds)
    for label, seconds in (("墙钟", wall), ("CPU", cpu)):
        rate = len(forms) / seconds
        verdict = "达标" if rate >= TARGET else "未达标"
        print(
            f"{label}：审核 {len(forms)} 张申报表 {seconds:.3f} 秒，{rate:,.0f} 张/秒"
            f"（目标 {TARGET}，{verdict}）"
        )
    share = 100 * collector.seconds / cpu
    print(
        f"其中垃圾回收 {collector.seconds:.3f} 秒 CPU（{share:.0f}%），完整回收 {collector.full} 次"
    )


if __name__ == "__main__":
    main()
