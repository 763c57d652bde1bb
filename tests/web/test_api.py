"""The JSON API: token and session auth, the same permissions, optimistic locking."""

from __future__ import annotations

import json

from django.test import Client

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration, Transition
from tests.web.conftest import World


def _token_client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_it_authenticates_with_a_bearer_token(world: World) -> None:
    row = world.declaration()
    response = _token_client(world, "filer").get("/api/declarations")
    assert response.status_code == 200
    assert [d["id"] for d in response.json()] == [str(row.pk)]
    assert response.json()[0]["annual_total"] == "53.15"


def test_it_refuses_an_unknown_token(world: World) -> None:
    client = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert client.get("/api/declarations").status_code == 401


def test_it_hides_other_organisations_declarations(world: World) -> None:
    row = world.declaration()
    assert _token_client(world, "outsider").get(f"/api/declarations/{row.pk}").status_code == 404


def test_it_saves_with_the_current_revision_and_refuses_a_stale_one(world: World) -> None:
    row = world.declaration()
    client = _token_client(world, "filer")
    content = json.loads(row.content)
    content["annual_goal"] = "接口修改"
    body = {"revision": row.revision, "content": content}
    first = client.put(f"/api/declarations/{row.pk}", body, content_type="application/json")
    assert first.status_code == 200 and first.json()["revision"] == row.revision + 1
    stale = client.put(f"/api/declarations/{row.pk}", body, content_type="application/json")
    assert stale.status_code == 409
    assert "已被他人修改" in stale.json()["detail"]


def test_it_rejects_float_money_in_content(world: World) -> None:
    row = world.declaration()
    content = json.loads(row.content)
    content["funding"]["annual_total"] = 53.15
    body = {"revision": row.revision, "content": content}
    response = _token_client(world, "filer").put(
        f"/api/declarations/{row.pk}", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).annual_goal != ""


def test_it_performs_transitions_with_the_same_rules(world: World) -> None:
    row = world.declaration("财政审核")
    client = _token_client(world, "finance")
    url = f"/api/declarations/{row.pk}/transitions"
    missing = client.post(url, {"action": "退回修改"}, content_type="application/json")
    assert missing.status_code == 400 and "须填写意见" in missing.json()["detail"]
    ok = client.post(
        url, {"action": "退回修改", "comment": "请改"}, content_type="application/json"
    )
    assert ok.status_code == 201 and ok.json()["target"] == "退回修改"
    assert Transition.objects.filter(declaration=row).count() == 4


def test_it_returns_the_review_report(world: World) -> None:
    row = world.declaration()
    report = _token_client(world, "department").get(f"/api/declarations/{row.pk}/report").json()
    assert report["blocking"] >= 1
    assert any(f["code"] == "A403" for f in report["findings"])


def test_it_documents_every_route_in_openapi(world: World) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert "/api/declarations/{pk}/transitions" in schema["paths"]
    assert schema["info"]["title"] == "预算绩效目标管理系统 API"


def test_it_enforces_csrf_for_session_writes(world: World) -> None:
    row = world.declaration("已提交")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["department"])
    url = f"/api/declarations/{row.pk}/transitions"
    response = client.post(url, {"action": "受理"}, content_type="application/json")
    assert response.status_code == 403
    assert Declaration.objects.get(pk=row.pk).status == "已提交"
