"""重置密码 by the 管理员: a temporary password shown once, the old one dead, audited."""

from __future__ import annotations

import re
import uuid

from django.urls import reverse

from jixiao.web.accounts.models import User
from jixiao.web.declarations.models import AuditEntry
from tests.web.browser import PASSWORD, Browser
from tests.web.conftest import World


def _url(world: World, persona: str = "filer") -> str:
    return reverse("accounts:password_reset", args=[world.users[persona].pk])


def _admin() -> Browser:
    browser = Browser()
    browser.login("admin")
    return browser


def _temporary(html: str) -> str:
    match = re.search(r'<code class="temporary-password">([^<]+)</code>', html)
    assert match, "the page shows the temporary password"
    return match[1]


def test_it_confirms_before_resetting(world: World) -> None:
    html = _admin().get(_url(world)).content.decode()
    assert "确认重置密码" in html and "filer" in html and "temporary-password" not in html
    assert world.users["filer"].check_password(PASSWORD)


def test_it_issues_a_temporary_password_once_and_audits_it(world: World) -> None:
    response = _admin().submit(_url(world), {})
    temporary = _temporary(response.content.decode())
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    user = world.users["filer"]
    user.refresh_from_db()
    assert user.check_password(temporary) and not user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(event="重置密码")
    assert (entry.actor, entry.declaration) == (world.users["admin"], None)
    assert "filer" in entry.detail and temporary not in entry.detail
    assert Browser().login("filer", temporary)["Location"] == reverse("declarations:list")


def test_it_signs_the_user_out_everywhere(world: World) -> None:
    victim = Browser()
    victim.login("filer")
    _admin().submit(_url(world), {})
    assert victim.get("/declarations/")["Location"].startswith("/accounts/login/")


def test_it_lifts_a_login_lockout(world: World) -> None:
    locked = Browser()
    for _ in range(5):
        locked.login("filer", "错误的密码")
    assert locked.login("filer").status_code == 429
    temporary = _temporary(_admin().submit(_url(world), {}).content.decode())
    assert locked.login("filer", temporary).status_code == 302


def test_it_refuses_everyone_but_the_administrator(world: World) -> None:
    for persona in ("filer", "department", "finance", "outsider"):
        browser = Browser()
        browser.login(persona)
        response = browser.submit(_url(world, "department"), {})
        assert response.status_code == 403 and "只有管理员可以重置" in response.content.decode()
    assert world.users["department"].check_password(PASSWORD)
    assert not AuditEntry.objects.filter(event="重置密码").exists()


def test_it_answers_404_for_an_unknown_user(world: World) -> None:
    url = reverse("accounts:password_reset", args=[uuid.uuid4()])
    response = _admin().get(url)
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_it_needs_the_csrf_token(world: World) -> None:
    response = _admin().client.post(_url(world))
    assert response.status_code == 403 and "安全校验失败" in response.content.decode()
    assert world.users["filer"].check_password(PASSWORD)


def test_it_is_linked_from_the_admin_user_list(world: World) -> None:
    html = _admin().get(reverse("admin:accounts_user_changelist")).content.decode()
    assert f'href="{_url(world)}"' in html and "重置密码" in html


def _admin_form(world: World, password: str) -> tuple[int, str]:
    user = world.users["filer"]
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    data = {"password1": password, "password2": password, "usable_password": "true"}
    response = _admin().submit(url, data)
    return response.status_code, response.content.decode()


def test_it_audits_the_admins_own_set_password_form(world: World) -> None:
    status, _ = _admin_form(world, "管理员设置-2026")
    assert status == 302
    world.users["filer"].refresh_from_db()
    assert world.users["filer"].check_password("管理员设置-2026")
    entry = AuditEntry.objects.get(event="重置密码")
    assert entry.actor == world.users["admin"] and "系统管理中为用户 filer" in entry.detail


def test_it_applies_the_password_rules_in_the_admin_form(world: World) -> None:
    status, html = _admin_form(world, "1")
    assert (
        status == 200 and "这个密码太短，至少需要 8 个字符。" in html and "密码只包含数字。" in html
    )
    assert not AuditEntry.objects.filter(event="重置密码").exists()


def test_it_applies_the_password_rules_when_the_admin_adds_a_user(world: World) -> None:
    url = reverse("admin:accounts_user_add")
    data = {"username": "xinren", "password1": "1", "password2": "1", "usable_password": "true"}
    response = _admin().submit(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "这个密码太短，至少需要 8 个字符。" in html
    assert not User.objects.filter(username="xinren").exists()
    data |= {"password1": "新同事的密码-2026", "password2": "新同事的密码-2026", "role": "填报人"}
    assert _admin().submit(url, data).status_code == 302


def test_it_makes_the_user_choose_a_new_password_first(world: World) -> None:
    temporary = _temporary(_admin().submit(_url(world), {}).content.decode())
    browser = Browser()
    assert browser.login("filer", temporary)["Location"] == reverse("declarations:list")
    for path in ("/declarations/", "/library/", "/admin/"):
        assert browser.get(path)["Location"] == "/accounts/password/"
    page = browser.get("/accounts/password/").content.decode()
    assert "您的密码由管理员设置，请先设置自己的新密码" in page
    data = {"old_password": temporary, "new_password1": "自己的密码-2026"}
    browser.submit("/accounts/password/", {**data, "new_password2": "自己的密码-2026"})
    assert browser.get("/declarations/").status_code == 200
    world.users["filer"].refresh_from_db()
    assert not world.users["filer"].must_change_password


def test_it_makes_the_user_replace_a_password_the_admin_typed(world: World) -> None:
    _admin_form(world, "管理员设置-2026")
    browser = Browser()
    browser.login("filer", "管理员设置-2026")
    assert browser.get("/declarations/")["Location"] == "/accounts/password/"
    assert browser.get("/accounts/password/").status_code == 200
    logout = browser.client.post("/accounts/logout/", {"csrfmiddlewaretoken": browser.token()})
    assert logout["Location"] == "/accounts/login/", "signing out stays possible"
