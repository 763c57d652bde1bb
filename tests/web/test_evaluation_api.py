"""Self-evaluations in the API, with a Bearer token: list and detail, isolation per organisation."""

from __future__ import annotations

import datetime

from django.test import Client

from jixiao.web.evaluation import store
from jixiao.web.evaluation.models import EvaluationRecord
from tests.web.conftest import World
from tests.web.test_api import token_client


def _record(world: World) -> EvaluationRecord:
    world.declaration("通过")
    deadline = datetime.date.today() + datetime.timedelta(days=10)
    store.open_round(world.users["finance"], 2025, deadline)
    return EvaluationRecord.objects.get()


def test_it_lists_the_visible_self_evaluations_with_their_scores(world: World) -> None:
    record = _record(world)
    body = token_client(world, "filer").get("/api/evaluations").json()
    assert body["count"] == 1 and body["items"][0]["id"] == str(record.pk)
    assert body["items"][0]["total"] == str(record.total) and body["items"][0]["status"] == "填报中"
    outsider = token_client(world, "outsider").get("/api/evaluations").json()
    assert outsider["count"] == 0 and outsider["items"] == []


def test_it_returns_one_form_with_every_rows_explanation(world: World) -> None:
    record = _record(world)
    response = token_client(world, "department").get(f"/api/evaluations/{record.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["content"]["schema"] == "jixiao.self-evaluation/1"
    rows = body["score"]["rows"]
    assert rows and all(r["explanation"] for r in rows)
    assert (
        body["score"]["total"] == f"{record.total:.2f}" and body["score"]["grade"] == record.grade
    )


def test_outsiders_get_404_and_anonymous_401(world: World) -> None:
    record = _record(world)
    assert token_client(world, "outsider").get(f"/api/evaluations/{record.pk}").status_code == 404
    assert Client().get("/api/evaluations").status_code == 401
