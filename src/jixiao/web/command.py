"""``jixiao serve [--demo] [--host H] [--port P]``: migrate, optionally load the demo, serve.

Serving uses gunicorn (a production WSGI server) with the settings of
:mod:`jixiao.web.settings`; configure production through environment variables
(docs/deployment.md). Django is imported only inside :func:`serve`, after the settings
module is chosen, so registering the subcommand costs the ``jixiao`` CLI nothing.
"""

from __future__ import annotations

import argparse
import atexit
import ipaddress
import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.web.demo import DemoUser

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand to the ``jixiao`` command line."""
    parser = subparsers.add_parser(
        "serve",
        help="启动网页系统（先执行数据库迁移）",
        description="执行数据库迁移后用 gunicorn 启动网页系统。",
    )
    parser.add_argument(
        "--demo", action="store_true", help="创建示例机构、用户并导入七份示例申报表"
    )
    parser.add_argument(
        "--reset-passwords",
        action="store_true",
        help="与 --demo 同用：重新生成并打印示例账号的密码（否则密码只在首次创建时打印）",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"监听地址（默认 {DEFAULT_HOST}）")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn 工作进程数（默认 4）")
    role = parser.add_mutually_exclusive_group()
    role.add_argument(
        "--no-worker",
        action="store_true",
        help="不在本机启动后台任务进程（多台网页服务器时，任务由单独的工作节点运行）",
    )
    role.add_argument(
        "--worker",
        action="store_true",
        help="只运行后台任务进程（工作节点），不启动网页服务",
    )
    parser.set_defaults(handler=serve)


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, any 127/8 address, ``::1`` or ``localhost``: a local plain-HTTP run."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _setup(host: str) -> None:
    """Choose the settings, then set Django up: nothing may read the settings before this."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    if is_loopback(host):
        # Local plain-HTTP run: cookies must travel without TLS.
        os.environ.setdefault("JIXIAO_SECURE_COOKIES", "0")
    import django

    django.setup()


def _print_accounts(accounts: list[tuple[DemoUser, str]]) -> None:
    if not accounts:
        print("示例账号已存在，密码不变（首次创建时已打印；--reset-passwords 重新生成）。")
        return
    print("示例账号（密码仅显示这一次）：")
    for spec, password in accounts:
        print(f"  {spec.role:<8} {spec.username:<10} 密码 {password}  （{spec.organisation}）")


#: Shown when cookies are Secure but the server is reached directly (not on loopback).
SECURE_HINT = (
    "提示：登录 Cookie 只经 HTTPS 发送（JIXIAO_SECURE_COOKIES 开启）。请经 TLS 代理（如 nginx）"
    "用 https:// 访问；只在可信内网用 http:// 试用时，设 JIXIAO_SECURE_COOKIES=0 后重新启动。"
)


def worker_command() -> list[str]:
    """The background-job worker (django-tasks' database worker) as a command line."""
    return [sys.executable, "-m", "django", "db_worker", "--interval", "0.5", "--no-startup-delay"]


def start_worker() -> subprocess.Popen[bytes]:
    """One worker beside the web server, stopped when ``serve`` exits (zero extra setup)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    process = subprocess.Popen(worker_command(), env=env, preexec_fn=_die_with_parent)
    atexit.register(process.terminate)
    return process


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when ``serve`` dies, even by SIGKILL (no orphan)."""
    import contextlib
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def serve(args: argparse.Namespace) -> int:
    """Migrate, load the demo when asked, then run gunicorn in the foreground."""
    if args.reset_passwords and not args.demo:
        print("错误：--reset-passwords 须与 --demo 同用。", file=sys.stderr)
        return 2
    _setup(args.host)
    from django.conf import settings

    if settings.SESSION_COOKIE_SECURE and not is_loopback(args.host):
        print(SECURE_HINT)
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.demo:
        from jixiao.web.demo import create_demo

        _print_accounts(create_demo(reset_passwords=args.reset_passwords))
        print("示例数据已就绪：五个示例账号，七份 2025 年度示例申报表。")
    if args.worker:
        print("后台任务进程已启动（按 Ctrl+C 停止）。", flush=True)
        return subprocess.call(worker_command())
    if not args.no_worker and not settings.JIXIAO_TASKS_IMMEDIATE:
        start_worker()
        print("后台任务进程已随网页系统启动。", flush=True)
    print(f"网页系统：http://{args.host}:{args.port}/", flush=True)
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "jixiao.web.wsgi:application",
        f"--bind={args.host}:{args.port}",
        f"--workers={args.workers}",
        "--access-logfile=-",
    ]
    run()
    return 0
