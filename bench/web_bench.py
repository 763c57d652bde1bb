"""Web benchmark: a real gunicorn server on PostgreSQL, 50 concurrent users, 127.0.0.1 only.

    PYTHONPATH=src .venv/bin/python bench/web_bench.py \
        --database-url postgres://postgres@127.0.0.1:5432/test --users 50 --seconds 15

The script creates a fresh database ``jixiao_bench`` on that server (dropping an old one),
migrates it, loads the demo (seven seed forms) plus one draft per virtual user, starts
``gunicorn jixiao.web.wsgi:application`` on a free local port, and measures five pages with a
closed-loop Python load generator (each user waits for its answer before the next request):

- 基线: ``/healthz``, a trivial Django view (same middleware, no database);
- 列表: ``/declarations/`` as the 填报人;
- 编辑页: ``/declarations/<id>/edit/`` (the whole form plus the live review);
- 保存: a POST of the editor form, each user on its own draft with the current revision;
- 审核页: ``/declarations/<id>/review/`` as the 财政审核人.

``--think T`` adds a pause between one user's requests, drawn uniformly from 0.5T–1.5T, with
a random start offset, so 50 users do not fire in lock step (a person reading the page);
``--think 0`` saturates the server. Every answer of 400 or above (a 409 conflict on save too)
counts as an error.
"""

from __future__ import annotations

import argparse
import html as html_lib
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("基线", "列表", "编辑页", "保存", "审核页")
BENCH_DB = "jixiao_bench"
PASSWORD = "bench-密码-1"


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


class Session:
    """One virtual user: a keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, object] | None = None
    ) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = "http://127.0.0.1/"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, payload

    def login(self, username: str) -> None:
        self.request("GET", "/accounts/login/")
        body = {"username": username, "password": PASSWORD}
        status, _ = self.request("POST", "/accounts/login/", body)
        if status != 302:
            raise SystemExit(f"登录失败：{username}（HTTP {status}）")


def _env(url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        JIXIAO_DATA_DIR=str(data_dir),
        JIXIAO_SECURE_COOKIES="0",
        JIXIAO_ALLOWED_HOSTS="127.0.0.1",
        JIXIAO_SECRET_KEY="bench-only-secret-key-not-for-production",
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def _fresh_database(admin_url: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from jixiao.web.demo import create_demo
from jixiao.web.accounts.models import User
from jixiao.web.declarations import engine, store
from jixiao.data import SEED_NAME, seed_bytes
from jixiao.workflow import Action
create_demo()
for name in ("tianbao", "caizheng"):
    user = User.objects.get(username=name)
    user.set_password({password!r})
    user.save()
filer = User.objects.get(username="tianbao")
forms = engine.import_file(seed_bytes(), SEED_NAME).declarations
for n in range({users}):
    row = store.create(filer, filer.organisation, forms[n % len(forms)], "导入")
    print("DRAFT", row.pk, row.revision)
"""


def _setup(env: dict[str, str], users: int) -> list[tuple[str, int]]:
    code = SETUP.format(password=PASSWORD, users=users)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    return [(pk, int(rev)) for pk, rev in re.findall(r"^DRAFT (\S+) (\d+)$", out, re.M)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "jixiao.web.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
    ]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn 30 秒内未启动")


def _editor_body(session: Session, pk: str, revision: int, n: int) -> dict[str, object]:
    status, html = session.request("GET", f"/declarations/{pk}/edit/")
    assert status == 200, status
    text = html.decode()
    body: dict[str, object] = {}
    rows = re.search(r'name="rows" id="rows-field" value="([^"]*)"', text)
    body["rows"] = html_lib.unescape(rows.group(1)) if rows else "[]"
    for name in (
        "project_name",
        "department_name",
        "implementer_name",
        "attribute",
        "period",
        "annual_total",
        "fiscal",
        "other",
        "year",
    ):
        found = re.search(rf'name="{name}" value="([^"]*)"', text)
        body[name] = found.group(1) if found else ""
    body.update(annual_goal=f"压测保存 {n}", revision=str(revision), tree="财预〔2015〕88号")
    return body


def _run(
    port: int,
    users: int,
    seconds: float,
    think: float,
    scenario: str,
    drafts: list[tuple[str, int]],
    review_pk: str,
) -> Result:
    result = Result()
    lock = threading.Lock()
    start = threading.Barrier(users + 1)
    stop_at = [0.0]

    def user(n: int) -> None:
        session = Session(port)
        session.login("caizheng" if scenario == "审核页" else "tianbao")
        pk, revision = drafts[n]
        body = _editor_body(session, pk, revision, n) if scenario == "保存" else None
        mine: list[float] = []
        errors = 0
        start.wait()
        if think:
            time.sleep(random.uniform(0, think))
        while time.monotonic() < stop_at[0]:
            t0 = time.perf_counter()
            if scenario == "基线":
                status, _ = session.request("GET", "/healthz")
            elif scenario == "列表":
                status, _ = session.request("GET", "/declarations/")
            elif scenario == "编辑页":
                status, _ = session.request("GET", f"/declarations/{pk}/edit/")
            elif scenario == "审核页":
                status, _ = session.request("GET", f"/declarations/{review_pk}/review/")
            else:
                assert body is not None
                status, _ = session.request("POST", f"/declarations/{pk}/edit/", body)
                if status == 302:
                    body["revision"] = str(int(str(body["revision"])) + 1)
            mine.append(time.perf_counter() - t0)
            errors += status >= 400
            if think:
                time.sleep(random.uniform(0.5 * think, 1.5 * think))
        if scenario == "保存":
            drafts[n] = (pk, int(str(body["revision"])) if body else revision)
        with lock:
            result.latencies.extend(mine)
            result.errors += errors

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    stop_at[0] = time.monotonic() + 3600
    start.wait()
    began = time.monotonic()
    stop_at[0] = began + seconds
    for t in threads:
        t.join()
    result.load = os.getloadavg()[0]  # type: ignore[attr-defined]
    result.elapsed = time.monotonic() - began  # type: ignore[attr-defined]
    return result


def _row(name: str, r: Result) -> str:
    lat = sorted(r.latencies)
    p50 = statistics.median(lat) * 1000
    p95 = lat[int(len(lat) * 0.95) - 1] * 1000
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000
    rate = len(lat) / r.elapsed  # type: ignore[attr-defined]
    load = r.load  # type: ignore[attr-defined]
    return (
        f"| {name} | {len(lat)} | {r.errors} | {rate:,.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} "
        f"| {load:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--think", type=float, default=0.0, help="每个用户两次请求间的停顿（秒）")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument(
        "--pages",
        default=",".join(SCENARIOS),
        help=f"要测的页面，逗号分隔（默认全部：{'、'.join(SCENARIOS)}）",
    )
    args = parser.parse_args()
    pages = [p for p in args.pages.replace("，", ",").split(",") if p]
    if unknown := set(pages) - set(SCENARIOS):
        parser.error(f"未知页面：{'、'.join(sorted(unknown))}")

    data_dir = Path(os.environ.get("TMPDIR", "/tmp")) / "jixiao-web-bench"
    data_dir.mkdir(exist_ok=True)
    env = _env(_fresh_database(args.database_url), data_dir)
    drafts = _setup(env, args.users)
    port = _free_port()
    server = _start(env, port, args.workers)
    try:
        review_pk = drafts[0][0]
        print(
            f"gunicorn {args.workers} 个工作进程，PostgreSQL，{args.users} 个并发用户，"
            f"每项 {args.seconds:g} 秒，思考时间 {args.think:g} 秒，CPU {os.cpu_count()} 核"
        )
        print(f"代码：{ROOT / 'src'}；开始时 1 分钟负载 {os.getloadavg()[0]:.1f}")
        print(
            "| 页面 | 请求数 | 错误 | 吞吐量（次/秒） | p50（毫秒） | p95（毫秒） | p99（毫秒） "
            "| 1 分钟负载 |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for scenario in pages:
            result = _run(port, args.users, args.seconds, args.think, scenario, drafts, review_pk)
            print(_row(scenario, result), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
