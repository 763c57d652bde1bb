"""Imports are bounded, one transaction, and never duplicate; drafts can be discarded.

Over HTTP as real clients: a CSRF-enforcing browser session for the page, a Bearer token for
the API.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.model import dumps
from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations import store
from jixiao.web.declarations.models import AuditEntry, Declaration, Transition, Version
from tests.web.conftest import World, seed_forms

IMPORT = "/declarations/import/"


def _browser(world: World) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    client.get(IMPORT)
    return client


def _post_page(client: Client, name: str, data: bytes) -> Any:
    token = client.cookies["csrftoken"].value
    body = {"file": SimpleUploadedFile(name, data), "csrfmiddlewaretoken": token}
    return client.post(IMPORT, body)


def _api(world: World) -> Client:
    _, key = ApiToken.issue(world.users["filer"], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _post_api(client: Client, name: str, data: bytes) -> Any:
    return client.post("/api/imports", {"file": SimpleUploadedFile(name, data)})


def _nothing_written() -> bool:
    return not (
        Declaration.objects.exists() or Version.objects.exists() or AuditEntry.objects.exists()
    )


def test_it_writes_nothing_when_one_form_of_the_file_is_refused(world: World) -> None:
    forms = json.loads(dumps(list(seed_forms()[:3])))
    forms[2]["funding"]["fiscal"] = "-1"
    response = _post_api(_api(world), "three.json", json.dumps(forms).encode())
    assert response.status_code == 400 and "不能为负数" in response.json()["message"]
    assert _nothing_written()


@pytest.mark.parametrize("year", [0, 1999, 2101, 10**20])
def test_it_refuses_a_file_whose_year_is_out_of_range(world: World, year: int) -> None:
    forms = json.loads(dumps(list(seed_forms()[:2])))
    forms[1]["year"] = year
    response = _post_api(_api(world), "two.json", json.dumps(forms).encode())
    assert response.status_code == 400
    assert response.json()["message"].startswith("第2份申报表：年度")
    assert _nothing_written()


def test_it_writes_nothing_when_an_import_is_interrupted(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store._insert
    calls = []

    def failing_insert(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:  # the declarations and their hits are written, the versions not
            raise ConnectionResetError("worker killed mid-import")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_insert", failing_insert)
    response = _post_api(_api(world), SEED_NAME, seed_bytes())
    assert response.status_code == 500
    assert response.json()["code"] == "server_error" and "没有生效" in response.json()["message"]
    assert len(calls) == 3
    assert _nothing_written()


def test_it_offers_the_existing_forms_instead_of_importing_twice(world: World) -> None:
    client = _browser(world)
    assert _post_page(client, SEED_NAME, seed_bytes()).status_code == 302
    again = _post_page(client, "renamed-copy.txt", seed_bytes())
    assert again.status_code == 409
    page = again.content.decode()
    assert "此前已经导入" in page
    for row in Declaration.objects.all():
        assert f"/declarations/{row.pk}/" in page
    assert Declaration.objects.count() == 7


def test_it_imports_only_the_new_forms_of_a_partly_known_file(world: World) -> None:
    client = _api(world)
    first = _post_api(client, "two.json", dumps(list(seed_forms()[:2])).encode())
    assert first.status_code == 201 and len(first.json()["created"]) == 2
    more = _post_api(client, "three.json", dumps(list(seed_forms()[:3])).encode())
    body = more.json()
    assert more.status_code == 201
    assert (len(body["created"]), len(body["existing"])) == (1, 2)
    assert {d["id"] for d in body["existing"]} == {d["id"] for d in first.json()["created"]}
    assert Declaration.objects.count() == 3


def test_it_imports_again_after_the_earlier_draft_was_discarded(world: World) -> None:
    client = _api(world)
    data = dumps([seed_forms()[6]]).encode()
    created = _post_api(client, "one.json", data).json()["created"][0]
    url = f"/api/declarations/{created['id']}/transitions"
    discard = client.post(url, {"action": "作废"}, content_type="application/json")
    assert discard.status_code == 201
    assert _post_api(client, "one.json", data).status_code == 201
    assert Declaration.objects.filter(status="已作废").count() == 1
    assert Declaration.objects.filter(status="草稿").count() == 1


def test_it_refuses_an_oversized_upload_with_413_in_chinese(world: World) -> None:
    response = _post_page(_browser(world), "big.txt", b"x" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert "超过 10 MB 的上限" in response.content.decode()
    assert _nothing_written()


def test_it_refuses_more_forms_than_the_limit(world: World, settings: Any) -> None:
    settings.JIXIAO_MAX_IMPORT_FORMS = 6
    response = _post_api(_api(world), SEED_NAME, seed_bytes())
    assert response.status_code == 413
    assert response.json()["message"] == "一次导入最多 6 份申报表，此文件含 7 份，请拆分后分批导入"
    assert _nothing_written()


def test_it_lets_the_filer_discard_a_draft_from_its_page(world: World) -> None:
    row = world.declaration()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    page = client.get(f"/declarations/{row.pk}/").content.decode()
    assert 'value="作废"' in page
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/declarations/{row.pk}/act/", {"action": "作废", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    kept = Declaration.objects.get(pk=row.pk)
    assert kept.status == "已作废"
    step = Transition.objects.get(declaration=row)
    assert (step.action, step.source, step.target, step.actor) == (
        "作废",
        "草稿",
        "已作废",
        world.users["filer"],
    )
    listing = client.get("/declarations/").content.decode()
    assert str(row.pk) not in listing
    assert str(row.pk) in client.get("/declarations/?status=已作废").content.decode()


def test_it_does_not_let_anyone_discard_a_submitted_form(world: World) -> None:
    row = world.declaration("已提交")
    _, key = ApiToken.issue(world.users["filer"], "测试")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/declarations/{row.pk}/transitions"
    response = client.post(url, {"action": "作废"}, content_type="application/json")
    assert response.status_code == 403
    assert Declaration.objects.get(pk=row.pk).status == "已提交"
