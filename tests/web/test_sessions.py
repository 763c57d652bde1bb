"""Idle sessions: 8 hours without a request signs the user out; every visit renews the session."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from jixiao.web.accounts.sessions import RENEW_AFTER
from tests.web.browser import Browser
from tests.web.conftest import World

EIGHT_HOURS = 8 * 3600


def _session(browser: Browser) -> Session:
    return Session.objects.get(session_key=browser.client.cookies["sessionid"].value)


def _age_by(browser: Browser, seconds: int) -> None:
    """Pretend ``seconds`` passed since the session was last renewed."""
    row = _session(browser)
    data = row.get_decoded()
    data["jixiao_seen"] = data.get("jixiao_seen", int(time.time())) - seconds
    row.session_data = Session.objects.encode(data)
    row.expire_date -= timedelta(seconds=seconds)
    row.save()


def test_it_gives_a_session_eight_hours(world: World) -> None:
    browser = Browser()
    response = browser.login("filer")
    assert response.cookies["sessionid"]["max-age"] == EIGHT_HOURS
    left = _session(browser).expire_date - timezone.now()
    assert timedelta(hours=8) - left < timedelta(seconds=30)


def test_it_signs_out_after_eight_idle_hours(world: World) -> None:
    browser = Browser()
    browser.login("filer")
    _age_by(browser, EIGHT_HOURS + 1)
    assert browser.get("/declarations/")["Location"].startswith("/accounts/login/")


def test_it_renews_the_session_on_a_visit(world: World) -> None:
    browser = Browser()
    browser.login("filer")
    _age_by(browser, 7 * 3600)
    response = browser.get("/declarations/")
    assert response.status_code == 200 and response.cookies["sessionid"]["max-age"] == EIGHT_HOURS
    left = _session(browser).expire_date - timezone.now()
    assert left > timedelta(hours=7, minutes=59)


def test_it_writes_the_session_at_most_once_a_minute(world: World) -> None:
    browser = Browser()
    browser.login("filer")
    _age_by(browser, RENEW_AFTER // 2)
    before = _session(browser).expire_date
    response = browser.get("/declarations/")
    assert "sessionid" not in response.cookies and _session(browser).expire_date == before


def test_it_reads_the_idle_age_from_the_environment() -> None:
    env = {**os.environ, "JIXIAO_SESSION_IDLE_MINUTES": "30"}
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    argv = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1800"
