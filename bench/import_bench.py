"""Forms per second of the text importer on the seed forms repeated to ≥ 10,000 forms.

    python bench/import_bench.py [--forms 10003] [--repeat 3]

Baseline in the same run: decoding the same bytes and splitting them into lines (the least
any text importer must do), so the ratio shows what the parsing itself costs.
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from collections.abc import Callable

from jixiao.data import seed_bytes
from jixiao.importers.text import TextImporter

SEED_FORMS = 7


def corpus(forms: int) -> bytes:
    copies = -(-forms // SEED_FORMS)
    return b"\n".join([seed_bytes()] * copies)


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best wall time and best CPU time of ``repeat`` runs (CPU time resists a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()  # kept until the clock stops: freeing it is not part of the import
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        del result
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=10_003)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = corpus(args.forms)
    load = os.getloadavg()[0]
    importer = TextImporter()
    result = importer.extract(data, "corpus.txt")
    n = len(result.declarations)
    base_wall, base_cpu = best_of(args.repeat, lambda: data.decode("utf-8").splitlines())
    wall, cpu = best_of(args.repeat, lambda: importer.extract(data, "corpus.txt"))
    tracemalloc.start()
    importer.extract(data, "corpus.txt")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"corpus: {n} forms, {len(data) / 1e6:.1f} MB; load {load:.2f} on {os.cpu_count()} CPUs")
    print(f"importer: {n / wall:,.0f} forms/s wall, {n / cpu:,.0f} CPU (best of {args.repeat})")
    print(f"baseline decode+splitlines: {n / base_wall:,.0f} wall, {n / base_cpu:,.0f} CPU")
    print(f"ratio importer/baseline CPU time: {cpu / base_cpu:.0f}x")
    print(f"peak traced memory during one import: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
