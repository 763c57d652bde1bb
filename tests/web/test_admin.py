"""管理页面: organisations, users, budget years, policy profiles, declarations, audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.accounts.models import PolicyProfile
from jixiao.web.declarations import codec, engine
from tests.web.conftest import World

PAGES = [
    "admin:accounts_organisation_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_budgetyear_changelist",
    "admin:accounts_policyprofile_changelist",
    "admin:accounts_apitoken_changelist",
    "admin:declarations_declaration_changelist",
    "admin:declarations_auditentry_changelist",
    "admin:declarations_note_changelist",
]


@pytest.mark.parametrize("name", PAGES)
def test_it_shows_admin_pages_to_the_administrator_only(world: World, name: str) -> None:
    world.declaration("已提交")
    assert world.client("admin").get(reverse(name)).status_code == 200
    assert world.client("finance").get(reverse(name)).status_code == 302


def test_it_shows_a_declarations_transitions_inline(world: World) -> None:
    row = world.declaration("主管部门审核")
    url = reverse("admin:declarations_declaration_change", args=[row.pk])
    html = world.client("admin").get(url).content.decode()
    assert "流转记录" in html and "受理" in html


def test_it_lets_the_administrator_choose_the_review_profile(world: World) -> None:
    assert engine.active_profile() == ("yinchuan", (), ())
    PolicyProfile.objects.create(name="classic", is_default=True, ignore="V2, C1")
    assert engine.active_profile() == ("classic", (), ("V2", "C1"))
    row = world.declaration()
    codes = {f.code for f in engine.review(codec.from_text(row.content)).findings}
    assert not any(c.startswith(("V2", "C1")) for c in codes)


def test_it_issues_an_api_token_shown_once(world: World) -> None:
    from jixiao.web.accounts.models import ApiToken

    url = reverse("admin:accounts_apitoken_add")
    data = {"user": str(world.users["filer"].pk), "name": "报送程序"}
    response = world.client("admin").post(url, data, follow=True)
    text = response.content.decode()
    key = text.split("只显示这一次）：", 1)[1].split("<", 1)[0].strip()
    assert ApiToken.user_for(key) == world.users["filer"]
    assert key not in ApiToken.objects.get().digest


def test_it_refuses_a_profile_the_review_engine_does_not_know(world: World) -> None:
    url = reverse("admin:accounts_policyprofile_add")
    response = world.client("admin").post(url, {"name": "不存在", "is_default": "on"})
    assert response.status_code == 200
    assert "未知的审核配置" in response.content.decode()
    assert not PolicyProfile.objects.exists()
