"""Two web nodes, one PostgreSQL, one Redis: a save on one is seen, reviewed, cached on the other.

Starts two gunicorn servers on two loopback ports against a database of its own and a Redis
database of its own (``JIXIAO_CACHE_URL``), as docs/deployment.md runs them. Skipped unless
PostgreSQL (``JIXIAO_TWO_NODE_PG``, default 127.0.0.1:5432) and Redis (127.0.0.1:6379) answer.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

PG = os.environ.get("JIXIAO_TWO_NODE_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = f"jixiao_two_nodes_{os.getpid()}"
REDIS = "redis://127.0.0.1:6379/13"

SETUP = """
import json, django
django.setup()
from jixiao.web.accounts.models import ApiToken, User
from jixiao.web.declarations.models import Declaration
from jixiao.web.demo import create_demo
passwords = {spec.username: pw for spec, pw in create_demo(reset_passwords=True)}
filer = User.objects.get(username="tianbao")
filer.must_change_password = False
filer.save()
_, token = ApiToken.issue(filer, "两节点测试")
row = Declaration.objects.filter(organisation=filer.organisation).order_by("project_name")[0]
print(json.dumps({"password": passwords["tianbao"], "token": token, "pk": str(row.pk)}))
"""


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


pytestmark = pytest.mark.skipif(
    not (_answers("127.0.0.1", 5432) and _answers("127.0.0.1", 6379)),
    reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379",
)


def _env(data_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "PYTEST"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "jixiao.web.settings",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "JIXIAO_CACHE_URL": REDIS,
        "JIXIAO_DATA_DIR": data_dir,  # the same secret key for both nodes, as in production
        "JIXIAO_SECURE_COOKIES": "0",
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1",
    }


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="module")
def cluster() -> Iterator[dict[str, Any]]:
    """Two nodes (ports), the seed data and the Redis they share; everything removed after."""
    import redis

    data_dir = tempfile.mkdtemp(prefix="jixiao-two-nodes-")
    env = _env(data_dir)
    _psql(f'CREATE DATABASE "{DB_NAME}"')
    cache = redis.Redis.from_url(REDIS)
    cache.flushdb()
    servers: list[subprocess.Popen[bytes]] = []
    try:
        py = sys.executable
        subprocess.run([py, "-m", "django", "migrate", "-v0"], env=env, check=True)
        setup = subprocess.run([py, "-c", SETUP], env=env, check=True, capture_output=True)
        facts = json.loads(setup.stdout.decode().strip().splitlines()[-1])
        ports = [_free_port(), _free_port()]
        for port in ports:
            servers.append(_gunicorn(env, port, Path(data_dir)))
        for port in ports:
            _wait(port)
        yield {**facts, "ports": ports, "redis": cache}
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        cache.flushdb()
        _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def _gunicorn(env: dict[str, str], port: int, log_dir: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application"]
    argv += [f"--bind=127.0.0.1:{port}", "--workers=1", "--timeout=120"]
    log = (log_dir / f"node-{port}.log").open("wb")
    return subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError(f"node on port {port} did not start")


def _api(cluster: dict[str, Any], node: int) -> tuple[str, dict[str, str]]:
    base = f"http://127.0.0.1:{cluster['ports'][node]}/api"
    return base, {"Authorization": f"Bearer {cluster['token']}"}


def _save(cluster: dict[str, Any], node: int, change: Any) -> dict[str, Any]:
    base, auth = _api(cluster, node)
    current = requests.get(f"{base}/declarations/{cluster['pk']}", headers=auth, timeout=60)
    body = current.json()
    content = change(body["content"])
    saved = requests.put(
        f"{base}/declarations/{cluster['pk']}",
        json={"revision": body["revision"], "content": content},
        headers=auth,
        timeout=60,
    )
    assert saved.status_code == 200, saved.text
    return dict(saved.json())


def _report(cluster: dict[str, Any], node: int) -> dict[str, Any]:
    base, auth = _api(cluster, node)
    answer = requests.get(f"{base}/declarations/{cluster['pk']}/report", headers=auth, timeout=60)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _renamed(name: str) -> Any:
    def change(content: dict[str, Any]) -> dict[str, Any]:
        return {**content, "project_name": name}

    return change


def _no_goal(content: dict[str, Any]) -> dict[str, Any]:
    return {**content, "annual_goal": ""}


def _codes(report: dict[str, Any]) -> set[str]:
    return {f["code"] for f in report["findings"]}


def test_it_sees_a_save_on_one_node_from_the_other(cluster: dict[str, Any]) -> None:
    saved = _save(cluster, 0, _renamed("两节点测试项目"))
    base, auth = _api(cluster, 1)
    seen = requests.get(f"{base}/declarations/{cluster['pk']}", headers=auth, timeout=60).json()
    assert seen["project_name"] == "两节点测试项目" and seen["revision"] == saved["revision"]


def test_it_reviews_on_one_node_what_was_saved_on_the_other_and_shares_the_cache(
    cluster: dict[str, Any],
) -> None:
    redis = cluster["redis"]
    before = _report(cluster, 0)
    _save(cluster, 0, _no_goal)
    on_b = _report(cluster, 1)  # B never saw this content: reviews it and shares the review
    assert _codes(on_b) - _codes(before), "the emptied 年度绩效目标 is a finding on the other node"
    keys = set(redis.keys("*jixiao:review:*"))
    assert keys, "the review went into the shared Redis cache"
    on_a = _report(cluster, 0)  # A's own process never reviewed it: takes B's from Redis
    assert on_a == on_b and set(redis.keys("*jixiao:review:*")) == keys
    _save(cluster, 1, _renamed("再次修改"))  # a save on B: A must not answer from a stale entry
    assert _report(cluster, 0)["findings"] == _report(cluster, 1)["findings"]
    assert len(set(redis.keys("*jixiao:review:*"))) == len(keys) + 1


def test_it_shares_signed_in_sessions_between_nodes(cluster: dict[str, Any]) -> None:
    a, b = (f"http://127.0.0.1:{p}" for p in cluster["ports"])
    browser = requests.Session()
    login = browser.get(f"{a}/accounts/login/", timeout=60)
    assert login.ok
    answer = browser.post(
        f"{a}/accounts/login/",
        data={
            "username": "tianbao",
            "password": cluster["password"],
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{a}/accounts/login/"},
        timeout=60,
    )
    assert answer.ok and "退出" in answer.text
    on_b = browser.get(f"{b}/declarations/{cluster['pk']}/", timeout=60)
    assert on_b.status_code == 200 and "退出" in on_b.text, "the session signed in on A works on B"
