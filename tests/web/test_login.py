"""登录 with throttling (django-axes): after 5 wrong passwords for one user from one address,
that pair is locked for 15 minutes with a Chinese message, the right password included."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from tests.web.browser import Browser
from tests.web.conftest import World

WRONG = "错误的密码"


def _fail(browser: Browser, username: str, times: int) -> None:
    for _ in range(times):
        response = browser.login(username, WRONG)
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()


def _lock(browser: Browser, username: str) -> None:
    """Four refusals, then the fifth wrong password locks the pair."""
    _fail(browser, username, 4)
    assert browser.login(username, WRONG).status_code == 429


def test_it_signs_in_through_the_page_with_csrf(world: World) -> None:
    browser = Browser()
    assert browser.login("filer")["Location"] == reverse("declarations:list")
    assert browser.signed_in()


def test_it_refuses_a_login_without_the_csrf_token(world: World) -> None:
    browser = Browser()
    response = browser.client.post("/accounts/login/", {"username": "filer", "password": "x"})
    assert response.status_code == 403 and "安全校验失败" in response.content.decode()


def test_it_locks_out_after_five_failures_even_with_the_right_password(world: World) -> None:
    browser = Browser()
    _lock(browser, "filer")
    response = browser.login("filer")
    html = response.content.decode()
    assert response.status_code == 429 and "登录失败次数过多（5 次）" in html
    assert "15 分钟后再试" in html and response["Retry-After"] == "900"
    assert "Account locked" not in html and not browser.signed_in()


def test_it_counts_per_user_and_address(world: World) -> None:
    _lock(Browser(), "filer")
    assert Browser().login("department").status_code == 302, "another user, same address"
    elsewhere = Browser(REMOTE_ADDR="10.1.2.3")
    assert elsewhere.login("filer").status_code == 302, "the same user from another address"
    assert Browser().login("filer").status_code == 429


def test_it_lets_the_user_in_again_after_the_cool_off(world: World) -> None:
    _lock(Browser(), "filer")
    assert Browser().login("filer").status_code == 429
    attempt = AccessAttempt.objects.get(username="filer")
    attempt.attempt_time -= timedelta(minutes=16)
    attempt.save()
    assert Browser().login("filer").status_code == 302


def test_it_forgets_failures_after_a_successful_login(world: World) -> None:
    _fail(Browser(), "filer", 4)
    assert Browser().login("filer").status_code == 302
    _fail(Browser(), "filer", 4)
    assert Browser().login("filer").status_code == 302


def test_it_throttles_the_admin_login_too(world: World) -> None:
    browser = Browser()
    url = "/admin/login/"
    for expected in (200, 200, 200, 200, 429):
        assert browser.submit(url, {"username": "admin", "password": WRONG}).status_code == expected
    response = browser.submit(url, {"username": "admin", "password": "测试密码-123"})
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()


@override_settings(JIXIAO_FORWARDED_FOR=True)
def test_it_counts_the_client_behind_the_proxy(world: World) -> None:
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    attacker = Browser(**proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    _lock(attacker, "filer")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    colleague = Browser(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert colleague.login("filer").status_code == 302, "the proxy's address is not locked"
