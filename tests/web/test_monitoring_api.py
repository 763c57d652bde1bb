"""Monitoring in the API with token clients: same permissions as the pages."""

from __future__ import annotations

import datetime
import json

from django.test import Client

from jixiao.web.accounts.models import ApiToken
from jixiao.web.monitoring.models import MonitoringReportRecord
from tests.web.conftest import World

DEADLINE = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def _client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _post(client: Client, path: str, body: dict[str, object]) -> object:
    return client.post(f"/api/monitoring{path}", json.dumps(body), content_type="application/json")


def _open(world: World) -> MonitoringReportRecord:
    response = _post(_client(world, "finance"), "/rounds", {"year": 2025, "deadline": DEADLINE})
    assert response.status_code == 201, response.content  # type: ignore[attr-defined]
    assert json.loads(response.content)["reports"] == 1  # type: ignore[attr-defined]
    return MonitoringReportRecord.objects.get()


def test_it_opens_a_round_for_finance_only(world: World) -> None:
    world.declaration("通过")
    response = _post(_client(world, "filer"), "/rounds", {"year": 2025, "deadline": DEADLINE})
    assert response.status_code == 403  # type: ignore[attr-defined]
    _open(world)


def test_it_lists_and_shows_reports_with_their_lights(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    page = json.loads(_client(world, "filer").get("/api/monitoring").content)
    assert page["count"] == 1 and page["items"][0]["status"] == "待填报"
    detail = json.loads(_client(world, "department").get(f"/api/monitoring/{record.pk}").content)
    assert detail["content"]["schema"] == "jixiao.monitoring/1"
    assert detail["lights"]["period"] == "1–6月" and detail["lights"]["indicators"]
    assert _client(world, "outsider").get(f"/api/monitoring/{record.pk}").status_code == 404
    assert json.loads(_client(world, "outsider").get("/api/monitoring").content)["count"] == 0


def test_it_moves_a_report_through_the_workflow(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    assert (
        _post(
            _client(world, "filer"),
            f"/{record.pk}/transitions",  # type: ignore[attr-defined]
            {"action": "提交"},
        ).status_code
        == 201
    )
    refused = _post(
        _client(world, "finance"), f"/{record.pk}/transitions", {"action": "转送财政审核"}
    )
    assert refused.status_code == 403  # type: ignore[attr-defined]
    assert "只能由主管部门审核人执行" in refused.content.decode()  # type: ignore[attr-defined]
    _post(_client(world, "department"), f"/{record.pk}/transitions", {"action": "转送财政审核"})
    done = _post(
        _client(world, "finance"),
        f"/{record.pk}/transitions",
        {"action": "审核并确定处理意见", "comment": "按计划推进", "follow_up": "继续执行"},
    )
    assert json.loads(done.content)["follow_up"] == "继续执行"  # type: ignore[attr-defined]


def test_it_rejects_an_unknown_action(world: World) -> None:
    world.declaration("通过")
    record = _open(world)
    response = _post(_client(world, "filer"), f"/{record.pk}/transitions", {"action": "删除"})
    assert response.status_code == 422  # type: ignore[attr-defined]
