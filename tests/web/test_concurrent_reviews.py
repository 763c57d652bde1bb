"""Two 财政审核人 acting at the same moment (SQLite: one writer at a time) both get an answer.

Threads share the file database of the test run; each request is a real token client call.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.test import Client

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations.models import Declaration, Transition
from tests.web.conftest import World
from tests.web.security_probes import at_once

ROUNDS = 3


def _approver(world: World) -> Callable[[Declaration], Any]:
    _, key = ApiToken.issue(world.users["finance"], "并发")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def approve(row: Declaration) -> Any:
        url = f"/api/declarations/{row.pk}/transitions"
        return client.post(url, {"action": "通过"}, content_type="application/json")

    return approve


def test_it_approves_two_forms_approved_at_the_same_moment(
    emptied_history: None, world: World
) -> None:
    for _ in range(ROUNDS):
        first, second = world.declaration("财政审核", 0), world.declaration("财政审核", 1)
        one, two = _approver(world), _approver(world)
        responses = at_once([partial(one, first), partial(two, second)])
        assert [r.status_code for r in responses] == [201, 201]
        statuses = Declaration.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "status", flat=True
        )
        assert set(statuses) == {"通过"}


def test_it_approves_a_form_once_when_two_reviewers_race(
    emptied_history: None, world: World
) -> None:
    for _ in range(ROUNDS):
        row = world.declaration("财政审核")
        one, two = _approver(world), _approver(world)
        responses = at_once([partial(one, row), partial(two, row)])
        codes = sorted(r.status_code for r in responses)
        assert codes in ([201, 400], [201, 403]), codes
        loser = next(r for r in responses if r.status_code != 201).json()
        assert "通过" in loser["message"]
        assert Transition.objects.filter(declaration=row, action="通过").count() == 1
