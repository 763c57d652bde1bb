"""Forms per second of ``jixiao import FILE --format json > /dev/null``, end to end.

    python bench/import_bench.py [--forms 10003] [--repeat 3]
    python bench/import_bench.py --in-process seed|corpus --forms N   (for callgrind)

Three inputs: (a) one file of the seven seed forms repeated to ``--forms`` forms; (b) one
file of the declarations of the shared corpus (``../shared/corpus/forms``, files whose header
says ``# kind: declaration``, header lines stripped), twenty layouts one after another,
repeated until the importer splits out at least ``--forms`` of them; (c) the same
declarations one per file, ``--forms`` files in one command. The command runs as a child process
(interpreter start, imports, reading, parsing, JSON, writing); its wall time and its CPU time
(``getrusage(RUSAGE_CHILDREN)``) are the best of ``--repeat`` runs. Forms are counted as the
importer splits them out, not as put in.

Baseline in the same run: decoding the same bytes and splitting them into lines, in this
process (the least any text importer must do). For reference also the in-process figures:
parsing alone, and parsing with each form turned into its JSON item as the command does.
``--in-process`` runs that last step once and prints nothing, so that ``valgrind
--tool=callgrind`` on two sizes gives the instructions per form without the start-up.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.data import seed_bytes
from jixiao.importers.detect import import_bytes, iter_import
from jixiao.model.canonical import dump_item

SEED_FORMS = 7
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "forms"
HEADER = ("# source:", "# kind:", "# note:")
JIXIAO = [str(Path(sys.executable).with_name("jixiao"))]  # the installed console script


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float
    cpu: float


def seed_corpus(forms: int) -> bytes:
    copies = -(-forms // SEED_FORMS)
    return b"\n".join([seed_bytes()] * copies)


def declaration_texts() -> list[str]:
    """The corpus declarations as published, without the three header lines."""
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if "# kind: declaration" in lines[:3]:
            texts.append("\n".join(line for line in lines if not line.startswith(HEADER)))
    return texts


def declaration_corpus(forms: int) -> bytes:
    """The declarations one after another, repeated until the importer splits out at least
    ``forms`` (each round splits into its twenty forms)."""
    texts = declaration_texts()
    per_round = len(import_bytes("\n\n".join(texts).encode(), "round.txt").declarations)
    copies = -(-forms // per_round)
    return ("\n\n".join(texts * copies) + "\n").encode()


def declaration_files(forms: int, folder: Path) -> list[Path]:
    """The declarations one per file, each written ``forms / 20`` times over (many files
    in one command, as a user imports a folder)."""
    texts = declaration_texts()
    paths = []
    for n in range(-(-forms // len(texts))):
        for k, text in enumerate(texts):
            paths.append(folder / f"{n:05d}_{k:02d}.txt")
            paths[-1].write_text(text + "\n", encoding="utf-8")
    return paths


def best_of(repeat: int, work: Callable[[], object]) -> Timing:
    """Best wall and CPU time of ``repeat`` runs in this process (the result is kept until
    the clock stops: freeing it is not part of the work)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        del result
    return Timing(min(walls), min(cpus))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(args: list[str], repeat: int) -> Timing:
    """Best wall and CPU time of the command run ``repeat`` times, output to /dev/null."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, wall = children_cpu(), time.perf_counter()
        subprocess.run(
            JIXIAO + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        walls.append(time.perf_counter() - wall)
        cpus.append(children_cpu() - cpu)
    return Timing(min(walls), min(cpus))


def parse_and_dump(data: bytes) -> int:
    """What the command does between reading the file and writing: forms to JSON items."""
    return sum(len(dump_item(d)) for d, _ in iter_import(data, "bench.txt") if d is not None)


def report(name: str, data: bytes, repeat: int) -> None:
    forms = len(import_bytes(data, "bench.txt").declarations)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_bytes(data)
        cli = command(["import", str(path), "--format", "json"], repeat)
    base = best_of(repeat, lambda: data.decode("utf-8").splitlines())
    parse = best_of(repeat, lambda: import_bytes(data, "bench.txt"))
    dump = best_of(repeat, lambda: parse_and_dump(data))
    print(f"\n{name}: {len(data) / 1e6:.1f} MB, {forms:,} forms split out")
    print(rate("jixiao import --format json", forms, cli))
    print(rate("in-process parse", forms, parse))
    print(rate("in-process parse + JSON items", forms, dump))
    print(rate("baseline decode+splitlines", forms, base))
    print(
        f"  ratio to the baseline's CPU time: command {cli.cpu / base.cpu:.0f}x, in-process"
        f" parse {parse.cpu / base.cpu:.0f}x, parse + JSON {dump.cpu / base.cpu:.0f}x"
    )


def report_files(name: str, forms: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = declaration_files(forms, Path(tmp))
        count = sum(len(import_bytes(p.read_bytes(), p.name).declarations) for p in paths)
        cli = command(["import", *map(str, paths), "--format", "json"], repeat)
    print(f"\n{name}: {len(paths):,} files, {count:,} forms split out")
    print(rate("jixiao import --format json", count, cli))


def rate(label: str, forms: int, t: Timing) -> str:
    return (
        f"  {label}: {forms / t.wall:,.0f} forms/s wall ({t.wall:.2f} s),"
        f" {forms / t.cpu:,.0f} forms/s CPU ({t.cpu:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=10_003)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-process", choices=("seed", "corpus"))
    args = parser.parse_args()
    inputs = {"seed": seed_corpus, "corpus": declaration_corpus}
    if args.in_process:
        parse_and_dump(inputs[args.in_process](args.forms))
        return
    load = os.getloadavg()
    print(
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs;"
        f" best of {args.repeat}"
    )
    start = command(["--version"], args.repeat)
    print(f"start-up (jixiao --version): {start.wall:.2f} s wall, {start.cpu:.2f} s CPU")
    report("(a) seed forms repeated", seed_corpus(args.forms), args.repeat)
    report("(b) corpus declarations repeated", declaration_corpus(args.forms), args.repeat)
    report_files("(c) corpus declarations, one per file", args.forms, args.repeat)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
