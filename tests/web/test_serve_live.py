"""``jixiao serve --demo`` started for real, used by a script client over plain http://127.0.0.1.

The server runs in a subprocess with a fresh data directory and none of the test settings, so
the loopback defaults are what a user gets: cookies that travel without TLS, a CSRF-checked
login, and demo passwords that stay the same across starts of the same data directory.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_DROPPED = ("JIXIAO_", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
    return {**env, "JIXIAO_DATA_DIR": str(data_dir)}


def _wait_until_up(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server stopped"
        try:
            with urllib.request.urlopen(base + "healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("the server did not answer within 60 s")


@contextmanager
def _serve(data_dir: Path, *extra: str) -> Iterator[tuple[str, str]]:
    """Start ``jixiao serve --demo``; yields the base URL and the banner it printed."""
    port = _free_port()
    argv = [sys.executable, "-m", "jixiao.cli", "serve", "--demo", "--workers", "1"]
    proc = subprocess.Popen(
        [*argv, "--port", str(port), *extra],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = _banner(proc)
        base = f"http://127.0.0.1:{port}/"
        _wait_until_up(base, proc)
        yield base, banner
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _banner(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("网页系统："):
            break
    return "".join(lines)


def _passwords(banner: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)\s+密码 (\S+)", banner))


def _login(base: str, username: str, password: str) -> tuple[str, str]:
    """Log in as a browser-less script does; returns the final URL and the page."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "accounts/login/") as page:
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "the login page carries a CSRF token"
    form = {"csrfmiddlewaretoken": token[1], "username": username, "password": password}
    data = urllib.parse.urlencode(form).encode()
    with opener.open(base + "accounts/login/", data) as answer:
        return answer.geturl(), answer.read().decode()


def test_it_logs_a_script_client_in_over_plain_http_with_stable_passwords(
    tmp_path: Path,
) -> None:
    with _serve(tmp_path) as (base, banner):
        passwords = _passwords(banner)
        assert "密码仅显示这一次" in banner and set(passwords) >= {"tianbao", "caizheng"}
        url, html = _login(base, "tianbao", passwords["tianbao"])
        assert url == base + "declarations/" and "申报表" in html
        url, html = _login(base, "tianbao", "错误的密码")
        assert url.endswith("accounts/login/") and "用户名或密码不正确" in html
    with _serve(tmp_path) as (base, banner):
        assert _passwords(banner) == {} and "密码不变" in banner
        url, _ = _login(base, "caizheng", passwords["caizheng"])
        assert url == base + "declarations/", "the first start's password still works"
