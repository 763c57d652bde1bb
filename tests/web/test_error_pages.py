"""The 400/403/404/500 pages (DEBUG off, as in production) are Chinese, with the reason and
the site's navigation; none shows Django's English "Not Found" or "Bad Request"."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.web.browser import Browser
from tests.web.conftest import World

ENGLISH = ("Not Found", "Bad Request", "Forbidden", "Server Error", "CSRF verification", "boom")


def _page(response: object, status: int) -> str:
    assert response.status_code == status  # type: ignore[attr-defined]
    html: str = response.content.decode()  # type: ignore[attr-defined]
    assert not [word for word in ENGLISH if word in html]
    assert '<html lang="zh-CN">' in html
    return html


def _signed_in(persona: str = "filer") -> Browser:
    browser = Browser()
    browser.login(persona)
    return browser


def test_it_runs_with_debug_off() -> None:
    assert settings.DEBUG is False


def test_it_answers_an_unknown_page_404_in_chinese(world: World) -> None:
    html = _page(_signed_in().get("/no-such-page/"), 404)
    assert "页面不存在（404）" in html and 'href="/declarations/"' in html and "退出" in html


def test_it_answers_an_outsiders_declaration_404_without_revealing_it(world: World) -> None:
    row = world.declaration()
    html = _page(_signed_in("outsider").get(f"/declarations/{row.pk}/"), 404)
    assert "页面不存在，或者您无权查看它" in html and row.project_name not in html


def test_it_shows_the_systems_own_404_reason(world: World) -> None:
    row = world.declaration()
    html = _page(_signed_in().get(f"/declarations/{row.pk}/download/exe/"), 404)
    assert "不支持的下载格式" in html
    html = _page(_signed_in().get(f"/library/bundle/{uuid.uuid4()}/2025/"), 404)
    assert "页面不存在，或者您无权查看它" in html, "Django's English reason is not shown"


def test_it_answers_a_wrong_role_403_with_the_reason(world: World) -> None:
    row = world.declaration("已提交")
    html = _page(_signed_in().get(f"/declarations/{row.pk}/review/"), 403)
    assert "没有权限（403）" in html and "此操作需要以下角色之一：" in html
    assert "主管部门审核人" in html and "财政审核人" in html


def test_it_answers_a_missing_csrf_token_403_in_chinese(world: World) -> None:
    browser = _signed_in()
    html = _page(browser.client.post("/accounts/logout/"), 403)
    assert "安全校验失败（403）" in html and "请刷新页面后重试" in html


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_it_answers_too_many_fields_400_in_chinese(world: World) -> None:
    browser = Browser()
    browser.get("/accounts/login/")
    data = {f"f{i}": "x" for i in range(20)} | {"csrfmiddlewaretoken": browser.token()}
    html = _page(browser.client.post("/accounts/login/", data), 400)
    assert "请求有误（400）" in html and "表单字段过多" in html


def test_it_answers_an_unknown_host_400_in_chinese(world: World) -> None:
    html = _page(Client().get("/accounts/login/", HTTP_HOST="evil.example"), 400)
    assert "主机名不在系统允许的范围内" in html


@pytest.mark.urls("tests.web.crash_urls")
def test_it_answers_a_crash_500_in_chinese(world: World) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.users["filer"])
    html = _page(client.get("/crash/"), 500)
    assert "服务器内部错误（500）" in html and 'href="/"' in html
