"""修改密码: every signed-in user changes their own password under Django's rules, in Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.declarations.models import AuditEntry
from tests.web.browser import PASSWORD, Browser
from tests.web.conftest import PERSONAS, World

URL = "/accounts/password/"
NEW = "新的密码-绩效2026"


def _change(browser: Browser, old: str, new: str, again: str | None = None) -> str:
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    response = browser.submit(URL, data)
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_it_is_the_url_the_header_links_to(world: World) -> None:
    assert reverse("accounts:password_change") == URL
    browser = Browser()
    browser.login("filer")
    assert f'href="{URL}"' in browser.get("/declarations/").content.decode()


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_it_lets_every_user_change_their_password(world: World, persona: str) -> None:
    browser = Browser()
    browser.login(persona)
    assert _change(browser, PASSWORD, NEW) == reverse("declarations:list")
    assert "密码已修改" in browser.get("/declarations/").content.decode()
    assert browser.signed_in(), "the browser that changed it stays signed in"
    user = world.users[persona]
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(event="修改密码")
    assert (entry.actor, entry.declaration) == (user, None)


def test_it_refuses_the_password_1_with_django_rules_in_chinese(world: World) -> None:
    browser = Browser()
    browser.login("filer")
    html = _change(browser, PASSWORD, "1")
    assert "这个密码太短，至少需要 8 个字符。" in html
    assert "这个密码太常见了。" in html and "密码只包含数字。" in html
    assert "too short" not in html and "This password" not in html
    assert world.users["filer"].check_password(PASSWORD)


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("错误的旧密码", NEW, NEW, "你的旧密码不正确"),
        (PASSWORD, NEW, "另一个密码-2026", "输入的两个密码不一致"),
        (PASSWORD, "filer2026", "filer2026", "密码跟 用户名 太相似了"),
    ],
)
def test_it_explains_each_refusal_in_chinese(
    world: World, old: str, new: str, again: str, message: str
) -> None:
    browser = Browser()
    browser.login("filer")
    assert message in _change(browser, old, new, again)
    world.users["filer"].refresh_from_db()
    assert world.users["filer"].check_password(PASSWORD)
    assert not AuditEntry.objects.filter(event="修改密码").exists()


def test_it_needs_the_csrf_token_and_a_signed_in_user(world: World) -> None:
    browser = Browser()
    browser.login("filer")
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    refused = browser.client.post(URL, data)
    assert refused.status_code == 403 and "安全校验失败" in refused.content.decode()
    assert Browser().get(URL)["Location"].startswith("/accounts/login/")
    world.users["filer"].refresh_from_db()
    assert world.users["filer"].check_password(PASSWORD)


def test_it_signs_out_other_browsers_of_the_user(world: World) -> None:
    other = Browser()
    other.login("filer")
    browser = Browser()
    browser.login("filer")
    _change(browser, PASSWORD, NEW)
    assert other.get("/declarations/")["Location"].startswith("/accounts/login/")
