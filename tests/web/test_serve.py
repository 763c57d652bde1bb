"""``jixiao serve [--demo]``: the subcommand, the demo data, and the gunicorn command line."""

from __future__ import annotations

import argparse
import sys

import pytest

from jixiao.web import command
from jixiao.web.accounts.models import Organisation, User
from jixiao.web.declarations.models import Declaration
from jixiao.web.demo import DEMO_USERS, create_demo


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_it_adds_serve_with_its_options() -> None:
    args = _parse("serve", "--demo", "--host", "0.0.0.0", "--port", "9000")
    assert (args.demo, args.host, args.port, args.handler) == (True, "0.0.0.0", 9000, command.serve)
    assert (_parse("serve").host, _parse("serve").port) == ("127.0.0.1", 8000)


def test_it_creates_the_seed_organisations_users_and_forms(db: None) -> None:
    accounts = create_demo()
    finance = Organisation.objects.get(name="银川市财政局")
    office = Organisation.objects.get(name="银川市人民政府办公室")
    assert (office.parent, office.kind) == (finance, "主管部门")
    assert {u.role for u, _ in accounts} == {"填报人", "主管部门审核人", "财政审核人", "管理员"}
    for spec, password in accounts:
        assert User.objects.get(username=spec.username).check_password(password)
    assert Declaration.objects.filter(organisation=office).count() == 7
    assert create_demo() == [], "a second start issues no password"
    assert Declaration.objects.count() == 7, "running the demo twice imports the forms once"
    for spec, password in accounts:
        assert User.objects.get(username=spec.username).check_password(password)


def test_it_reissues_demo_passwords_only_when_asked(db: None) -> None:
    first = dict(create_demo())
    second = dict(create_demo(reset_passwords=True))
    assert second.keys() == first.keys() == set(DEMO_USERS)
    for spec, password in second.items():
        user = User.objects.get(username=spec.username)
        assert user.check_password(password) and not user.check_password(first[spec])


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        *[("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True)],
        *[("0.0.0.0", False), ("192.168.1.10", False), ("jixiao.example.gov.cn", False)],
    ],
)
def test_it_knows_loopback_hosts(host: str, loopback: bool) -> None:
    assert command.is_loopback(host) is loopback


def test_it_migrates_loads_the_demo_and_runs_gunicorn(
    db: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, list[str]] = {}
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: seen.setdefault("argv", sys.argv[:]))
    monkeypatch.setattr(command, "start_worker", lambda: seen.setdefault("worker", ["started"]))
    assert command.serve(_parse("serve", "--demo", "--port", "8123")) == 0
    assert seen["worker"] == ["started"], "serve starts a background-job worker beside gunicorn"
    out = capsys.readouterr().out
    assert "示例账号" in out and all(u.username in out for u in DEMO_USERS)
    assert "http://127.0.0.1:8123/" in out
    assert seen["argv"][1:3] == ["jixiao.web.wsgi:application", "--bind=127.0.0.1:8123"]


def test_it_refuses_reset_passwords_without_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.serve(_parse("serve", "--reset-passwords")) == 2
    assert "--reset-passwords 须与 --demo 同用" in capsys.readouterr().err


def test_it_explains_secure_cookies_off_loopback(
    db: None,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: None)
    monkeypatch.setattr(command, "start_worker", lambda: None)
    settings.SESSION_COOKIE_SECURE = True  # type: ignore[attr-defined]
    assert command.serve(_parse("serve", "--host", "0.0.0.0")) == 0
    assert command.SECURE_HINT in capsys.readouterr().out
    assert command.serve(_parse("serve", "--host", "127.0.0.1")) == 0
    assert command.SECURE_HINT not in capsys.readouterr().out
