"""Review throughput: forms reviewed per second (target ≥ 5,000 forms/s).

Builds N forms (default 10,003 = the seven seed forms repeated) with the text importer,
then times (wall and CPU) only ``jixiao.review.review`` over all of them in one batch (every rule,
``yinchuan`` profile, batch rule included). Best of ``--rounds`` runs.

    PYTHONPATH=src .venv/bin/python bench/review_bench.py [--forms N] [--rounds R]
"""

from __future__ import annotations

import argparse
import time

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.text import TextImporter
from jixiao.model import Declaration
from jixiao.review import review

TARGET = 5000


def build_forms(count: int) -> list[Declaration]:
    seed = TextImporter().extract(seed_bytes(), SEED_NAME).declarations
    repeats = -(-count // len(seed))
    return list(seed) * repeats


def measure(forms: list[Declaration], rounds: int) -> tuple[float, float]:
    """Best wall time and best CPU time (seconds) of reviewing ``forms``, over ``rounds`` runs.

    CPU time (``time.process_time``) is reported beside wall time because a shared machine
    under load inflates wall time without the review doing more work.
    """
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        report = review(forms, profile="yinchuan")
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        assert len(report.forms) == len(forms)
        del report  # freed outside the clock: freeing a report is not part of reviewing
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description="审核吞吐量基准")
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    forms = build_forms(args.forms)
    wall, cpu = measure(forms, args.rounds)
    for label, seconds in (("墙钟", wall), ("CPU", cpu)):
        rate = len(forms) / seconds
        verdict = "达标" if rate >= TARGET else "未达标"
        print(
            f"{label}：审核 {len(forms)} 张申报表 {seconds:.3f} 秒，{rate:,.0f} 张/秒"
            f"（目标 {TARGET}，{verdict}）"
        )


if __name__ == "__main__":
    main()
