"""Serialised writes: a locked SQLite database is retried a bounded number of times."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations import serial, store
from jixiao.web.declarations.serial import Busy, serialised
from tests.web.conftest import World


def _flaky(failures: int, message: str = "database is locked") -> tuple[list[int], object]:
    calls: list[int] = []

    @serialised
    def write() -> str:
        calls.append(1)
        if len(calls) <= failures:
            raise OperationalError(message)
        return "写入"

    return calls, write


def test_it_retries_a_locked_database_and_then_succeeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serial, "PAUSE", 0)
    calls, write = _flaky(serial.ATTEMPTS - 1)
    assert write() == "写入"  # type: ignore[operator]
    assert len(calls) == serial.ATTEMPTS


def test_it_gives_up_with_a_chinese_busy_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serial, "PAUSE", 0)
    calls, write = _flaky(serial.ATTEMPTS)
    with pytest.raises(Busy, match="系统繁忙"):
        write()  # type: ignore[operator]
    assert len(calls) == serial.ATTEMPTS


def test_it_does_not_retry_other_database_errors() -> None:
    calls, write = _flaky(1, "no such table: x")
    with pytest.raises(OperationalError):
        write()  # type: ignore[operator]
    assert len(calls) == 1


def test_it_answers_busy_as_503_in_the_api_shape(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = world.declaration("已提交")

    def busy(*args: object, **kwargs: object) -> None:
        raise Busy("系统繁忙：数据库正被其他操作占用，您的操作没有生效，请稍后重试")

    monkeypatch.setattr(store, "transition", busy)
    _, key = ApiToken.issue(world.users["department"], "测试")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/declarations/{row.pk}/transitions"
    response = client.post(url, {"action": "受理"}, content_type="application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "busy" and "没有生效" in response.json()["message"]
