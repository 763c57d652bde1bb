"""指标库 benchmark: live editor suggestions from a library learnt from 10⁵ indicators.

    PYTHONPATH=src:. .venv/bin/python bench/library_bench.py \
        --database-url postgres://postgres@127.0.0.1:5432/test --users 10 --seconds 15

The seed and the corpus declarations are varied (a place prefix on every indicator name, the
numbers scaled) until they hold ``--indicators`` indicators; the library is learnt from them
in this process (timed), written as the Excel workbook ``jixiao library build`` writes, and
imported into a fresh PostgreSQL database ``jixiao_bench_lib`` beside the demo. A gunicorn
server then answers ``/indicators/suggest/?q=…`` — the fragment the editor fetches while the
clerk types — for ``--users`` closed-loop users typing prefixes (2–6 characters) of real
names; the baseline in the same run is ``/healthz``. Results as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import replace
from pathlib import Path

from web_bench import (
    PASSWORD,
    Result,
    Session,
    _env,
    _free_port,
    _row,
    _start,
)

from jixiao.importers.base import ImportFailure
from jixiao.importers.detect import import_bytes
from jixiao.library import Library, learn, write_library
from jixiao.model import Declaration, Indicator
from jixiao.values import parse_value

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "forms"
PLACES = ("", "市级", "区级", "县域", "全市", "农村", "城区", "社区", "重点", "年度")
BENCH_DB = "jixiao_bench_lib"


def base_forms() -> list[Declaration]:
    from jixiao.data import SEED_NAME, seed_bytes

    forms = list(import_bytes(seed_bytes(), SEED_NAME).declarations)
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            forms += import_bytes(path.read_bytes(), path.name).declarations
        except ImportFailure:
            continue  # a monitoring or self-evaluation table
    return forms


def _vary(decl: Declaration, n: int, rng: random.Random) -> Declaration:
    groups = []
    for group in decl.groups:
        rows = []
        for ind in group.indicators:
            name = rng.choice(PLACES) + ind.name
            text = ind.value_text
            if ind.value.number is not None:
                scaled = ind.value.number * rng.choice((1, 1, 2, 3))
                text = text.replace(format(ind.value.number, "f"), format(scaled, "f"), 1)
            rows.append(Indicator(name, text, parse_value(text)))
        groups.append(replace(group, indicators=tuple(rows)))
    return replace(
        decl, project_name=f"{rng.choice(PLACES)}{decl.project_name}{n}", groups=tuple(groups)
    )


def synthesise(count: int) -> list[tuple[str, Declaration]]:
    rng = random.Random(20261201)
    base = base_forms()
    forms, total, n = [], 0, 0
    while total < count:
        decl = _vary(base[n % len(base)], n, rng)
        forms.append((f"合成{n}", decl))
        total += len(decl.indicators)
        n += 1
    return forms


SETUP = """
import django
django.setup()
from pathlib import Path
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from jixiao.library import read_library
from jixiao.web.demo import create_demo
from jixiao.web.accounts.models import User
from jixiao.web.indicators.service import import_library
create_demo()
user = User.objects.get(username="tianbao")
user.set_password({password!r})
user.save()
print("IMPORTED", import_library(read_library(Path({path!r}).read_bytes())))
"""


def _fresh_database(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def _queries(library: Library, count: int) -> list[str]:
    rng = random.Random(7)
    names = [e.name for e in library.entries]
    out = []
    for _ in range(count):
        name = rng.choice(names)
        out.append(name[: rng.randint(2, 6)])
    return out


def _run(port: int, users: int, seconds: float, queries: list[str], baseline: bool) -> Result:
    result = Result()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user(n: int) -> None:
        session = Session(port)
        session.login("tianbao")
        mine, errors, i = [], 0, n
        while time.monotonic() < stop_at:
            q = urllib.parse.quote(queries[i % len(queries)])
            path = "/healthz" if baseline else f"/indicators/suggest/?q={q}"
            t0 = time.perf_counter()
            status, _ = session.request("GET", path)
            mine.append(time.perf_counter() - t0)
            errors += status >= 400
            i += users
        with lock:
            result.latencies.extend(mine)
            result.errors += errors

    began = time.monotonic()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.load = os.getloadavg()[0]  # type: ignore[attr-defined]
    result.elapsed = time.monotonic() - began  # type: ignore[attr-defined]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    args = parser.parse_args()

    forms = synthesise(args.indicators)
    t0 = time.process_time()
    library = learn(forms)
    learnt = time.process_time() - t0
    indicators = sum(len(d.indicators) for _, d in forms)
    print(
        f"合成 {len(forms)} 份申报表、{indicators} 个三级指标；学习用时 {learnt:.1f} 秒（CPU），"
        f"得到 {len(library.entries)} 个条目、{len(library.bundles)} 个指标包"
    )
    work = Path(tempfile.mkdtemp(prefix="jixiao-library-bench-"))
    workbook = work / "library.xlsx"
    workbook.write_bytes(write_library(library))
    env = _env(_fresh_database(args.database_url), work)
    code = SETUP.format(password=PASSWORD, path=str(workbook))
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    port = _free_port()
    server = _start(env, port, args.workers)
    try:
        queries = _queries(library, 2000)
        print(
            f"gunicorn {args.workers} 个工作进程，{args.users} 个并发用户，每项 {args.seconds:g} 秒"
        )
        print("| 请求 | 次数 | 错误 | 吞吐量（次/秒） | p50 | p95 | p99（毫秒） | 负载 |")
        print("|---|---|---|---|---|---|---|---|")
        _run(port, args.users, 3, queries, baseline=False)  # every worker builds its suggester
        print(_row("基线 /healthz", _run(port, args.users, args.seconds, queries, True)))
        print(
            _row(
                "指标建议 /indicators/suggest/",
                _run(port, args.users, args.seconds, queries, False),
            )
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
