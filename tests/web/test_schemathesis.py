"""schemathesis against the API's own OpenAPI document: no server error, answers as documented.

Every operation is called in-process through the WSGI application (real middleware, real
token auth) as a 填报人 with a Bearer token, with cases schemathesis generates from the
schema — valid ones and deliberately invalid ones (both generation modes). Half the cases
aim at the filer's real forms (a 草稿, a submitted and an approved one) instead of a random
UUID, and bodies that carry ``content`` are often a real form with one field replaced by
arbitrary JSON, so the parsers behind the schema are fuzzed too. Every answer must be other
than 5xx, with a status, content type and body the document declares.
``JIXIAO_SCHEMATHESIS_EXAMPLES`` sets the cases per operation and mode (default 10; .ci/run 80).
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jixiao.web.accounts.models import ApiToken
from jixiao.web.api import api
from jixiao.web.wsgi import application
from tests.web.conftest import World

EXAMPLES = int(os.environ.get("JIXIAO_SCHEMATHESIS_EXAMPLES", "10"))
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _label(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Requests keep the test's database connection, as Django's test client arranges."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _tamper(content: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``content`` with ``key`` (a top-level field, or one in the funding) set to ``value``."""
    tampered = copy.deepcopy(content)
    if key in tampered.get("funding", {}):
        tampered["funding"][key] = value
    else:
        tampered[key] = value
    return tampered


def _aim(
    case: Any, pk: str | None, content: dict[str, Any], tamper: tuple[str, Any] | None
) -> None:
    if pk is not None and "pk" in (case.path_parameters or {}):
        case.path_parameters["pk"] = pk
    if tamper is not None and isinstance(case.body, dict) and "content" in case.body:
        case.body["content"] = _tamper(content, *tamper)


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
@pytest.mark.parametrize("operation", OPERATIONS, ids=_label)
def test_it_answers_every_generated_request_without_a_server_error(
    world: World, in_test_transaction: None, operation: Any, mode: GenerationMode
) -> None:
    rows = [world.declaration(status) for status in ("草稿", "已提交", "通过")]
    content = json.loads(rows[0].content)
    keys = sorted({*content, *content["funding"]} - {"funding"})
    _, key = ApiToken.issue(world.users["filer"], "schemathesis")
    headers = {"Authorization": f"Bearer {key}", "Host": "localhost"}
    seen: Counter[int] = Counter()

    @given(
        case=operation.as_strategy(generation_mode=mode),
        pk=st.none() | st.sampled_from([str(r.pk) for r in rows]),
        tamper=st.none() | st.tuples(st.sampled_from(keys), JSON),
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, pk: str | None, tamper: tuple[str, Any] | None) -> None:
        _aim(case, pk, content, tamper)
        response = case.call(app=application, headers=headers)
        seen[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()
    assert seen and max(seen) < 500, seen
    if mode is GenerationMode.POSITIVE and operation.path.startswith("/api/declarations/{pk}"):
        assert set(seen) - {404}, f"no case reached a real form: {seen}"
