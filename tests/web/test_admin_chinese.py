"""系统管理 in Chinese: models, fields, choices (roles, statuses) and django-axes' pages."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from jixiao.web import settings as project_settings
from jixiao.web.accounts.models import LoginFailures
from tests.web.browser import Browser
from tests.web.conftest import World

CHINESE = re.compile(r"[\u4e00-\u9fff]")
APPS = ("accounts", "declarations", "axes")
ENGLISH_CHOICES = ("Filer", "Department Reviewer", "Finance Reviewer", "Draft", "Submitted")
ENGLISH_CHOICES += ("Department Review", "Finance Review", "Approved", "Returned", "Rejected")
CATALOGUE = Path(project_settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def _admin_page(name: str) -> str:
    browser = Browser()
    browser.login("admin")
    response = browser.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _fields() -> list[tuple[str, models.Field]]:  # type: ignore[type-arg]
    return [
        (f"{model._meta.label}.{field.name}", field)
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if not field.auto_created
    ]


@pytest.mark.parametrize(("name", "field"), _fields(), ids=[n for n, _ in _fields()])
def test_it_names_every_field_in_chinese(name: str, field: models.Field) -> None:  # type: ignore[type-arg]
    with translation.override("zh-hans"):
        assert CHINESE.search(str(field.verbose_name)), name
        for _, label in field.choices or ():
            assert CHINESE.search(str(label)), f"{name}: {label}"


@pytest.mark.parametrize("app", APPS)
def test_it_names_every_model_in_chinese(app: str) -> None:
    with translation.override("zh-hans"):
        for model in apps.get_app_config(app).get_models():
            assert CHINESE.search(str(model._meta.verbose_name)), model
            assert CHINESE.search(str(model._meta.verbose_name_plural)), model


def test_it_names_the_apps_in_the_admin_in_chinese(world: World) -> None:
    index = _admin_page("admin:index")
    assert "机构与用户" in index and "申报表" in index and "登录失败计数" in index
    assert ">Axes<" not in index and ">Accounts<" not in index


def test_it_shows_roles_in_chinese_on_the_user_list(world: World) -> None:
    html = _admin_page("admin:accounts_user_changelist")
    assert "填报人" in html and "主管部门审核人" in html and "财政审核人" in html
    assert not [word for word in ENGLISH_CHOICES if word in html]


def test_it_shows_statuses_in_chinese_on_the_declaration_list(world: World) -> None:
    world.declaration("财政审核")
    html = _admin_page("admin:declarations_declaration_changelist")
    assert "草稿" in html and "财政审核" in html and "退回修改" in html
    assert not [word for word in ENGLISH_CHOICES if word in html]


def test_it_shows_the_login_throttle_in_chinese(world: World) -> None:
    for _ in range(2):
        Browser().login("filer", "错误的密码")
    Browser().login("department")
    english = ("Access", "access attempt", "Attempt", "IP Address", "Failed Logins", "Status")
    for name in ("loginfailures", "loginrecord"):
        html = _admin_page(f"admin:accounts_{name}_changelist")
        assert "用户名" in html and "IP 地址" in html
        assert not [word for word in english if word in html]
    html = _admin_page("admin:accounts_loginfailures_changelist")
    assert "登录失败计数" in html and "失败次数" in html and "还可尝试 3 次" in html
    browser = Browser()
    browser.login("admin")
    row = LoginFailures.objects.get(username="filer")
    change = browser.get(reverse("admin:accounts_loginfailures_change", args=[row.pk]))
    html = change.content.decode()
    assert "filer 从 127.0.0.1 登录失败 2 次" in html
    assert not [word for word in english if word in html]


def test_it_keeps_the_compiled_catalogue_current() -> None:
    """The .mo Django reads says what the .po says (run msgfmt after editing the .po)."""
    source = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = re.findall(
        r'^msgid "(.+)"\n(?:msgid_plural ".+"\n)?msgstr(?:\[0\])? "(.+)"$', source, re.M
    )
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert entries and len(catalogue._catalog) == len(entries) + 1  # type: ignore[attr-defined]
    for msgid, msgstr in entries:
        assert catalogue.gettext(msgid) == msgstr


#: Capitalised English words of an admin UI; data (JSON, user names, addresses) never has them.
UI_ENGLISH = re.compile(
    r"\b(Add|Change|Delete|View|Save|Search|Filter|Status|Name|Date|Time|Yes|No|Can|Access"
    r"|Attempt(ed)?|Log|Model|Link|Users?|Password|Groups?|Permissions?|Filer|Draft|Submitted"
    r"|Review(er)?|Approved|Returned|Rejected|Admin|Finance|Department|Home|History)\b"
)


def _admin_urls() -> list[str]:
    from django.contrib import admin

    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{info}_changelist"), reverse(f"{info}_add")]
        if row := model.objects.first():
            urls.append(reverse(f"{info}_change", args=[row.pk]))
            urls.append(reverse(f"{info}_history", args=[row.pk]))
    return urls


def test_it_shows_no_english_on_any_admin_page(world: World) -> None:
    world.declaration("财政审核")
    Browser().login("filer", "错误的密码")
    browser = Browser()
    browser.login("admin")
    offenders = {}
    pages = [browser.get(url) for url in _admin_urls()]
    shown = [page for page in pages if page.status_code == 200]  # some models refuse 添加
    assert len(shown) > 20
    for page in shown:
        url, html = page.request["PATH_INFO"], page.content.decode()
        html = re.sub(r"<(script|style|svg|textarea)\b.*?</\1>", "", html, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", html)
        if found := {m[0] for m in UI_ENGLISH.finditer(text)}:
            offenders[url] = found
    assert len(offenders) == 0 and UI_ENGLISH.search("Attempted Access: 2026-12-01"), offenders
