"""Start-up time of the ``jixiao`` command line, end to end, against a baseline tree.

    python bench/cli_startup_bench.py [--baseline /path/to/old/src] [--runs 30]

Each command runs as a child process ``python -m jixiao.cli ARGS`` with ``PYTHONPATH`` set to
this tree's ``src`` (and, with ``--baseline``, to the other tree's ``src``, alternating run by
run so both see the same load). Reported per command and tree: the median and the best wall
time and CPU time (user + system, ``getrusage(RUSAGE_CHILDREN)``) over ``--runs`` runs, and the
baseline ÷ this ratio of the medians. The commands are what a user types first:
``jixiao --help``, ``jixiao import FILE`` (a one-form text file, table output) and
``jixiao check --help``. The load (``os.getloadavg``) is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
FORM = """\
项目名称 | 社区图书流动服务 |
年度 | 2025 |
主管部门及代码 | 某市文化和旅游局 |
年度资金总额 | 20 |
年度总体目标 | 为全市社区提供图书流动服务。 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 流动服务次数 | ≥120次 |
"""


def _run(src: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jixiao.cli", *args],
        env={**os.environ, "PYTHONPATH": str(src)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _summary(samples: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    walls, cpus = [w for w, _ in samples], [c for _, c in samples]
    return statistics.median(walls), min(walls), statistics.median(cpus), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="the src directory of the tree to compare")
    parser.add_argument("--runs", type=int, default=30)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        form = Path(tmp) / "form.txt"
        form.write_text(FORM, encoding="utf-8")
        commands = {
            "jixiao --help": ["--help"],
            "jixiao import form.txt": ["import", str(form)],
            "jixiao check --help": ["check", "--help"],
        }
        trees = {"this": SRC, **({"baseline": opts.baseline} if opts.baseline else {})}
        print(f"load {os.getloadavg()[0]:.2f}, {opts.runs} runs per command and tree")
        print("command | tree | wall median | wall best | CPU median | CPU best (ms)")
        for name, args in commands.items():
            samples: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
            for tree in trees:
                _run(trees[tree], args)  # warm the page cache and the bytecode
            for _ in range(opts.runs):
                for tree, src in trees.items():
                    samples[tree].append(_run(src, args))
            medians = {}
            for tree in trees:
                wall, wall_best, cpu, cpu_best = _summary(samples[tree])
                medians[tree] = (wall, cpu)
                figures = " | ".join(f"{x * 1000:.0f}" for x in (wall, wall_best, cpu, cpu_best))
                print(f"{name} | {tree} | {figures}")
            if "baseline" in medians:
                (bw, bc), (tw, tc) = medians["baseline"], medians["this"]
                print(f"{name} | ratio baseline/this | wall {bw / tw:.2f}x | CPU {bc / tc:.2f}x")
        print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
