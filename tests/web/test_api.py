"""The JSON API as programs use it: Bearer tokens (no CSRF), pagination, the one error shape.

Token clients here enforce CSRF checks like a browser would, so a write that passes proves the
token path needs none; session clients must send ``X-CSRFToken``.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration, Note, Transition
from tests.web.conftest import World, seed_forms

PEOPLE = ("filer", "department", "finance")


def token_client(world: World, persona: str) -> Client:
    """A program's client: only a Bearer token, no session cookie, CSRF checks enforced."""
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _json(client: Client, method: str, url: str, body: object) -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    return str(body["message"])


def test_it_authenticates_with_a_bearer_token(world: World) -> None:
    row = world.declaration()
    response = token_client(world, "filer").get("/api/declarations")
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 1 and [d["id"] for d in page["items"]] == [str(row.pk)]
    assert page["items"][0]["annual_total"] == "53.15"


def test_it_runs_the_whole_workflow_with_tokens_alone(world: World) -> None:
    filer, department, finance = (
        token_client(world, p) for p in ("filer", "department", "finance")
    )
    content = json.loads(codec.to_text(seed_forms()[0]))
    created = _json(filer, "post", "/api/declarations", {"content": content})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    url = f"/api/declarations/{pk}/transitions"
    report = filer.get(f"/api/declarations/{pk}/report").json()
    blocking = [f["key"] for f in report["findings"] if f["severity"] in ("错误", "阻断")]
    assert len(blocking) == report["blocking"] >= 1
    refused = _json(filer, "post", url, {"action": "提交"})
    assert _error(refused, 400, "unexplained_findings").startswith("还有")
    assert refused.json()["details"]["unexplained"] == blocking
    explanations = dict.fromkeys(blocking, "已与主管部门确认，按原表填报")
    steps = [
        (filer, {"action": "提交", "explanations": explanations}, "已提交"),
        (department, {"action": "受理"}, "主管部门审核"),
        (department, {"action": "转送财政审核", "comment": "同意"}, "财政审核"),
        (finance, {"action": "通过"}, "通过"),
    ]
    for client, body, target in steps:
        response = _json(client, "post", url, body)
        assert response.status_code == 201, response.content
        assert response.json()["target"] == target
    row = Declaration.objects.get(pk=pk)
    assert row.status == "通过"
    assert Transition.objects.filter(declaration=row).count() == 4
    assert Note.objects.filter(declaration=row, kind="说明").count() == len(blocking)
    assert all("sessionid" not in c.cookies for c in (filer, department, finance))
    assert finance.get(f"/api/declarations/{pk}").json()["status"] == "通过"


def test_it_refuses_an_unknown_token_in_chinese(world: World) -> None:
    client = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert "令牌" in _error(client.get("/api/declarations"), 401, "unauthorized")


def test_it_never_falls_back_to_the_session_when_a_token_is_sent(world: World) -> None:
    client = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    client.force_login(world.users["filer"])
    _error(client.get("/api/declarations"), 401, "unauthorized")


def test_it_enforces_csrf_for_session_writes(world: World) -> None:
    row = world.declaration("已提交")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["department"])
    url = f"/api/declarations/{row.pk}/transitions"
    refused = _json(client, "post", url, {"action": "受理"})
    assert "CSRF" in _error(refused, 403, "csrf")
    assert Declaration.objects.get(pk=row.pk).status == "已提交"
    client.get("/accounts/login/")  # a page sets the CSRF cookie, as a browser would see
    token = client.cookies["csrftoken"].value
    ok = client.post(
        url, {"action": "受理"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert ok.status_code == 201
    assert Declaration.objects.get(pk=row.pk).status == "主管部门审核"


def test_it_hides_other_organisations_declarations(world: World) -> None:
    row = world.declaration()
    response = token_client(world, "outsider").get(f"/api/declarations/{row.pk}")
    assert "未找到" in _error(response, 404, "not_found")


def test_it_answers_unknown_paths_and_methods_in_the_same_shape(world: World) -> None:
    client = token_client(world, "filer")
    _error(client.get("/api/nothing-here"), 404, "not_found")
    bad_id = client.get("/api/declarations/not-a-uuid")
    assert "UUID" in _error(bad_id, 422, "validation_error")
    _error(client.delete("/api/declarations"), 405, "method_not_allowed")


def test_it_paginates_with_the_total_count(world: World) -> None:
    for index in range(3):
        world.declaration(index=index)
    client = token_client(world, "filer")
    first = client.get("/api/declarations?page_size=2").json()
    second = client.get("/api/declarations?page_size=2&page=2").json()
    beyond = client.get("/api/declarations?page_size=2&page=9").json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    assert beyond == {"count": 3, "page": 9, "page_size": 2, "items": []}
    ids = {d["id"] for d in first["items"] + second["items"]}
    assert ids == {str(r.pk) for r in Declaration.objects.all()}


def test_it_explains_bad_parameters_in_chinese(world: World) -> None:
    client = token_client(world, "filer")
    message = _error(client.get("/api/declarations?page=0"), 422, "validation_error")
    assert "page" in message and "不能小于 1" in message
    response = client.get("/api/declarations?status=随便")
    assert "应为以下之一" in _error(response, 422, "validation_error")


def test_it_saves_with_the_current_revision_and_refuses_a_stale_one(world: World) -> None:
    row = world.declaration()
    client = token_client(world, "filer")
    content = json.loads(row.content)
    content["annual_goal"] = "接口修改"
    body = {"revision": row.revision, "content": content}
    first = _json(client, "put", f"/api/declarations/{row.pk}", body)
    assert first.status_code == 200 and first.json()["revision"] == row.revision + 1
    stale = _json(client, "put", f"/api/declarations/{row.pk}", body)
    assert "已被他人修改" in _error(stale, 409, "conflict")


def test_it_rejects_float_money_in_content(world: World) -> None:
    row = world.declaration()
    content = json.loads(row.content)
    content["funding"]["annual_total"] = 53.15
    body = {"revision": row.revision, "content": content}
    response = _json(token_client(world, "filer"), "put", f"/api/declarations/{row.pk}", body)
    _error(response, 400, "bad_request")
    assert Declaration.objects.get(pk=row.pk).revision == row.revision


def test_it_performs_transitions_with_the_same_rules(world: World) -> None:
    row = world.declaration("财政审核")
    client = token_client(world, "finance")
    url = f"/api/declarations/{row.pk}/transitions"
    missing = _json(client, "post", url, {"action": "退回修改"})
    assert "须填写意见" in _error(missing, 400, "transition_denied")
    ok = _json(client, "post", url, {"action": "退回修改", "comment": "请改"})
    assert ok.status_code == 201 and ok.json()["target"] == "退回修改"
    assert Transition.objects.filter(declaration=row).count() == 4


def test_it_lets_the_filer_discard_a_draft_and_keeps_it(world: World) -> None:
    row = world.declaration()
    client = token_client(world, "filer")
    response = _json(client, "post", f"/api/declarations/{row.pk}/transitions", {"action": "作废"})
    assert response.status_code == 201 and response.json()["target"] == "已作废"
    assert client.get("/api/declarations").json()["count"] == 0
    kept = client.get("/api/declarations?status=已作废").json()
    assert [d["id"] for d in kept["items"]] == [str(row.pk)]
    again = _json(client, "put", f"/api/declarations/{row.pk}", {"revision": 2, "content": {}})
    _error(again, 403, "forbidden")


def test_it_returns_the_review_report(world: World) -> None:
    row = world.declaration()
    client = token_client(world, "department")
    report = client.get(f"/api/declarations/{row.pk}/report").json()
    assert report["blocking"] >= 1
    assert any(f["code"] == "A403" for f in report["findings"])


def test_it_keeps_the_openapi_document_and_docs_behind_login(world: World) -> None:
    anonymous = Client()
    for url in ("/api/openapi.json", "/api/docs"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    schema = world.client("filer").get("/api/openapi.json").json()
    assert "/api/declarations/{pk}/transitions" in schema["paths"]
    assert schema["info"]["title"] == "预算绩效目标管理系统 API"


def test_it_serves_the_docs_page_from_its_own_static_files(world: World) -> None:
    page = world.client("filer").get("/api/docs").content.decode()
    assert "cdn" not in page.lower() and "https://" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert world.client("filer").get("/static/ninja/swagger-ui-bundle.js").status_code == 200
