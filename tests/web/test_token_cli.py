"""``jixiao token create|list|revoke USER``: the key printed once works, revoked keys do not."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.cli import main
from jixiao.web.accounts.models import ApiToken
from tests.web.conftest import World


def _key(out: str) -> str:
    return out.strip().splitlines()[-1]


def _works(key: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/declarations").status_code


def test_it_creates_a_token_whose_key_works_once_printed(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "create", "filer", "--name", "财政一体化对接"]) == 0
    out = capsys.readouterr().out
    assert "密钥只显示这一次" in out
    key = _key(out)
    assert _works(key) == 200
    token = ApiToken.objects.get(user=world.users["filer"])
    assert token.name == "财政一体化对接" and key not in token.digest


def test_it_lists_tokens_without_their_keys(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["token", "create", "filer"])
    key = _key(capsys.readouterr().out)
    assert main(["token", "list", "filer"]) == 0
    captured = capsys.readouterr()
    token = ApiToken.objects.get()
    assert str(token.pk) in captured.out and key not in captured.out
    assert "共 1 个令牌" in captured.err


def test_it_revokes_one_token_or_all(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    keys = []
    for _ in range(3):
        main(["token", "create", "filer"])
        keys.append(_key(capsys.readouterr().out))
    first = ApiToken.objects.order_by("created").first()
    assert first is not None
    assert main(["token", "revoke", "filer", "--id", str(first.pk)]) == 0
    assert [_works(k) for k in keys] == [401, 200, 200]
    assert main(["token", "revoke", "filer"]) == 0
    assert "已吊销 filer 的 2 个令牌" in capsys.readouterr().out
    assert [_works(k) for k in keys] == [401, 401, 401]


def test_it_refuses_an_unknown_user_or_token_in_chinese(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "create", "nobody"]) == 2
    assert "没有用户“nobody”" in capsys.readouterr().err
    assert main(["token", "revoke", "filer", "--id", "not-a-uuid"]) == 2
