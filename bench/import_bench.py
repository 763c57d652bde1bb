"""Forms per second of the text importer on the seed forms repeated to ≥ 10,000 forms.

    python bench/import_bench.py [--forms 10003] [--repeat 3]

Baseline in the same run: decoding the same bytes and splitting them into lines (the least
any text importer must do), so the ratio shows what the parsing itself costs.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

from jixiao.data import seed_bytes
from jixiao.importers.text import TextImporter

SEED_FORMS = 7


def corpus(forms: int) -> bytes:
    copies = -(-forms // SEED_FORMS)
    return b"\n".join([seed_bytes()] * copies)


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=10_003)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = corpus(args.forms)
    importer = TextImporter()
    result = importer.extract(data, "corpus.txt")
    n = len(result.declarations)
    baseline = best_of(args.repeat, lambda: data.decode("utf-8").splitlines())
    seconds = best_of(args.repeat, lambda: importer.extract(data, "corpus.txt"))
    tracemalloc.start()
    importer.extract(data, "corpus.txt")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"corpus: {n} forms, {len(data) / 1e6:.1f} MB")
    print(f"importer: {seconds:.3f} s = {n / seconds:,.0f} forms/s (best of {args.repeat})")
    print(f"baseline decode+splitlines: {baseline:.4f} s = {n / baseline:,.0f} forms/s")
    print(f"ratio importer/baseline time: {seconds / baseline:.0f}x")
    print(f"peak traced memory during one import: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
