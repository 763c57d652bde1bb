"""Every URL pattern and every API route, for every persona: 200/201/302/401/403/404.

Columns: anonymous, 填报人 (unit A), 主管部门审核人 (A's department), 财政审核人,
outsider (填报人 of unit B, another department), 管理员. A URL pattern or API route that is
not in the matrix fails :func:`test_it_covers_every_url_pattern_and_api_route`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.web.api import api
from tests.web.conftest import PERSONAS, World


@dataclass(frozen=True)
class Case:
    name: str  #: URL name, or "api:<METHOD> <path>"
    method: str
    status: str  #: status of the declaration the URL points at
    expected: str  #: one code per persona, in PERSONAS order
    data: dict[str, Any] = field(default_factory=dict)
    kind: str = "page"


PAGE_CASES = [
    Case("home", "get", "草稿", "302 302 302 302 302 302"),
    Case("healthz", "get", "草稿", "200 200 200 200 200 200"),
    Case("login", "get", "草稿", "200 200 200 200 200 200"),
    Case("logout", "post", "草稿", "302 302 302 302 302 302"),
    Case("declarations:list", "get", "草稿", "302 200 200 200 200 200"),
    Case("declarations:library", "get", "通过", "302 200 200 200 200 200"),
    Case("declarations:statistics", "get", "通过", "302 200 200 200 200 200"),
    Case("declarations:statistics_export", "get", "通过", "302 200 200 200 200 200"),
    Case("declarations:list_export", "get", "草稿", "302 200 200 200 200 200"),
    Case("declarations:library_export", "get", "通过", "302 200 200 200 200 200"),
    Case("declarations:yitihua_export", "get", "通过", "302 200 200 200 200 200"),
    Case("declarations:new", "get", "草稿", "302 200 403 403 200 403"),
    Case("declarations:import", "get", "草稿", "302 200 403 403 200 403"),
    Case("declarations:detail", "get", "草稿", "302 200 200 200 404 200"),
    Case("declarations:edit", "get", "草稿", "302 200 403 403 404 403"),
    Case("declarations:findings", "post", "草稿", "302 200 403 403 404 403"),
    Case("declarations:submit", "get", "草稿", "302 200 403 403 404 403"),
    Case("declarations:act", "post", "已提交", "302 403 302 403 404 403", {"action": "受理"}),
    Case("declarations:review", "get", "已提交", "302 403 200 200 404 403"),
    Case("declarations:continue", "post", "通过", "302 302 403 403 404 403"),
    Case("declarations:archive", "post", "通过", "302 403 403 403 404 302"),
    Case("declarations:versions", "get", "草稿", "302 200 200 200 404 200"),
    Case("declarations:download", "get", "通过", "302 200 200 200 404 200"),
    Case("declarations:bundle", "get", "通过", "302 200 200 200 404 200"),
    Case("admin:index", "get", "草稿", "302 302 302 302 302 200"),
    Case("declarations:bulk", "post", "已提交", "302 403 200 403 403 403", {"op": "转送财政审核"}),
    Case(
        "declarations:bulk",
        "post",
        "草稿",
        "302 200 200 200 404 200",
        {"op": "下载", "confirm": "1"},
    ),
    Case("accounts:password_change", "get", "草稿", "302 200 200 200 200 200"),
    Case("accounts:password_reset", "get", "草稿", "302 403 403 403 403 200"),
    Case("accounts:password_reset", "post", "草稿", "302 403 403 403 403 200"),
    Case("indicators:search", "get", "草稿", "302 200 200 200 200 200"),
    Case("indicators:suggest", "get", "草稿", "302 200 200 200 200 200", {"q": "满意度"}),
    Case("indicators:bundle", "get", "草稿", "302 200 200 200 200 200", {"name": "热线"}),
    Case("indicators:check", "get", "草稿", "302 200 200 200 200 200", {"value": "≥5%"}),
    Case("indicators:learn", "post", "草稿", "302 403 403 403 403 302"),
    Case("indicators:export", "get", "草稿", "302 200 200 200 200 200"),
    Case("indicators:import", "post", "草稿", "302 403 403 403 403 400"),
    Case("evaluation:list", "get", "通过", "302 200 200 200 200 200"),
    Case("evaluation:rounds", "get", "通过", "302 403 403 200 403 403"),
    Case("evaluation:detail", "get", "通过", "302 200 200 200 404 200"),
    Case("evaluation:save", "post", "通过", "302 302 403 403 404 403", {"revision": "1"}),
    Case("evaluation:act", "post", "通过", "302 302 403 403 404 403", {"action": "提交"}),
    Case("evaluation:template", "get", "通过", "302 200 200 200 404 200"),
    Case("evaluation:preview", "post", "通过", "302 200 200 200 404 200"),
    Case("evaluation:upload", "post", "通过", "302 400 403 403 404 403"),
    Case("monitoring:todo", "get", "通过", "302 200 200 200 200 200"),
    Case(
        "monitoring:open_round",
        "post",
        "通过",
        "302 403 403 302 403 403",
        {"year": "2025", "month": "6", "deadline": "2099-12-31"},
    ),
    Case("monitoring:dashboard", "get", "通过", "302 200 200 200 200 200"),
    Case("monitoring:report", "get", "通过", "302 200 200 200 404 200"),
    Case("monitoring:template", "get", "通过", "302 200 200 200 404 200"),
    Case("monitoring:upload", "post", "通过", "302 303 403 403 404 403"),
    Case("monitoring:act", "post", "通过", "302 302 403 403 404 403", {"action": "提交"}),
    Case("jobs:list", "get", "草稿", "302 200 200 200 200 200"),
    Case("jobs:import", "get", "草稿", "302 200 403 403 200 403"),
    Case("jobs:import", "post", "草稿", "302 302 403 403 302 403"),
    Case("jobs:export", "post", "草稿", "302 302 302 302 302 302", {"to": "list-csv"}),
    Case("jobs:bundle", "post", "草稿", "302 302 302 302 302 302", {"fmt": "pdf"}),
    # the forms ticked on the 申报表 list (the row's id is added): an outsider's are not visible
    Case("jobs:bundle", "post", "草稿", "302 302 302 302 400 302", {"fmt": "pdf", "selection": 1}),
    Case(
        "jobs:export", "post", "草稿", "302 302 302 302 400 302", {"to": "list-csv", "selection": 1}
    ),
    Case("jobs:learn", "post", "草稿", "302 403 403 403 403 302"),
    Case("jobs:detail", "get", "草稿", "302 200 404 404 404 404"),
    Case("jobs:cancel", "post", "草稿", "302 302 404 404 404 404"),
    Case("jobs:restart", "post", "草稿", "302 400 404 404 404 404"),
    Case("jobs:download", "get", "草稿", "302 200 404 404 404 404"),
]

API_CASES = [
    Case("GET /declarations", "get", "草稿", "401 200 200 200 200 200"),
    Case("POST /declarations", "post", "草稿", "401 201 403 403 201 403"),
    Case("GET /declarations/{pk}", "get", "草稿", "401 200 200 200 404 200"),
    Case("PUT /declarations/{pk}", "put", "草稿", "401 200 403 403 404 403"),
    Case("GET /declarations/{pk}/report", "get", "草稿", "401 200 200 200 404 200"),
    Case("GET /declarations/{pk}/transitions", "get", "已提交", "401 200 200 200 404 200"),
    Case(
        "POST /declarations/{pk}/transitions",
        "post",
        "已提交",
        "401 403 201 403 404 403",
        {"action": "受理"},
    ),
    Case("GET /declarations/{pk}/versions", "get", "草稿", "401 200 200 200 404 200"),
    Case("POST /imports", "post", "草稿", "401 201 403 403 201 403"),
    Case("GET /indicators/suggest", "get", "草稿", "401 200 200 200 200 200", {"q": "满意度"}),
    Case("GET /indicators/bundle", "get", "草稿", "401 200 200 200 200 200", {"name": "热线"}),
    Case("GET /evaluations", "get", "通过", "401 200 200 200 200 200"),
    Case("GET /evaluations/{pk}", "get", "通过", "401 200 200 200 404 200"),
    Case("GET /monitoring", "get", "通过", "401 200 200 200 200 200"),
    Case(
        "POST /monitoring/rounds",
        "post",
        "通过",
        "401 403 403 201 403 403",
        {"year": 2025, "deadline": "2099-12-31"},
    ),
    Case("GET /monitoring/{pk}", "get", "通过", "401 200 200 200 404 200"),
    Case(
        "POST /monitoring/{pk}/transitions",
        "post",
        "通过",
        "401 201 403 403 404 403",
        {"action": "提交"},
    ),
    Case("GET /jobs", "get", "草稿", "401 200 200 200 200 200"),
    Case("POST /jobs/imports", "post", "草稿", "401 201 403 403 201 403"),
    Case("POST /jobs/exports", "post", "草稿", "401 201 201 201 201 201", {"to": "list-csv"}),
    Case("POST /jobs/bundles", "post", "草稿", "401 201 201 201 201 201", {"fmt": "pdf"}),
    Case("POST /jobs/bundles", "post", "草稿", "401 201 201 201 400 201", {"ids": "row"}),
    Case(
        "POST /jobs/exports",
        "post",
        "草稿",
        "401 201 201 201 400 201",
        {"to": "list-csv", "ids": "row"},
    ),
    Case("POST /jobs/learn", "post", "草稿", "401 403 403 403 403 201"),
    Case("GET /jobs/{pk}", "get", "草稿", "401 200 404 404 404 404"),
    Case("POST /jobs/{pk}/cancel", "post", "草稿", "401 200 404 404 404 404"),
    Case("POST /jobs/{pk}/restart", "post", "草稿", "401 400 404 404 404 404"),
    Case("GET /jobs/{pk}/result", "get", "草稿", "401 200 404 404 404 404"),
    Case("GET /review-config", "get", "草稿", "401 200 200 200 200 200"),
    Case(
        "PUT /review-config",
        "put",
        "草稿",
        "401 403 403 403 403 200",
        {"profile": "classic", "ignore": "V2"},
    ),
    Case("GET /openapi.json", "get", "草稿", "302 200 200 200 200 200"),
    Case("GET /docs", "get", "草稿", "302 200 200 200 200 200"),
]
for case in API_CASES:
    object.__setattr__(case, "kind", "api")

CASES = [
    (c, p, int(code))
    for c in PAGE_CASES + API_CASES
    for p, code in zip(PERSONAS, c.expected.split(), strict=True)
]


_EXPORTS = {
    "declarations:statistics",
    "declarations:statistics_export",
    "declarations:list_export",
    "declarations:library_export",
    "declarations:yitihua_export",
}


def _page_url(case: Case, world: World, pk: object) -> str:
    kwargs: dict[str, Any] = {}
    if case.name.startswith("declarations:") and case.name not in {
        "declarations:list",
        "declarations:library",
        "declarations:new",
        "declarations:import",
        "declarations:bundle",
        "declarations:bulk",
        *_EXPORTS,
    }:
        kwargs["pk"] = pk
    if case.name in _EXPORTS - {"declarations:statistics"}:
        kwargs = {"fmt": "xlsx"}
    if case.name == "declarations:statistics_export":
        kwargs = {"key": "department", "fmt": "xlsx"}
    if case.name == "declarations:download":
        kwargs["fmt"] = "pdf"
    if case.name == "declarations:bundle":
        kwargs = {"org": world.department.pk, "year": 2025}
    if case.name == "accounts:password_reset":
        kwargs = {"pk": world.users["filer"].pk}
    if case.name.startswith("evaluation:") and case.name not in {
        "evaluation:list",
        "evaluation:rounds",
    }:
        kwargs = {"pk": _evaluation(world).pk}
    if case.name.startswith("monitoring:") and case.name not in _MONITORING_LISTS:
        kwargs = {"pk": _monitoring(world).pk}
    if case.name.startswith("jobs:"):
        kwargs = {"pk": _job(world).pk} if case.name in _JOB_PAGES else {}
    return reverse(case.name, kwargs=kwargs or None)


_JOB_PAGES = {"jobs:detail", "jobs:cancel", "jobs:restart", "jobs:download"}


def _job(world: World) -> Any:
    """A running export of the 填报人 that already has its result file."""
    from jixiao.web.jobs import store
    from jixiao.web.jobs.models import JobKind

    job = store.create(world.users["filer"], JobKind.EXPORT, "测试导出", {"to": "list-csv"})
    store.start(job.pk)
    store.result(job.pk, "测试导出.csv", "text/csv", "项目名称\n".encode())
    return job


_MONITORING_LISTS = {"monitoring:todo", "monitoring:open_round", "monitoring:dashboard"}


def _monitoring(world: World) -> Any:
    """The monitoring report of the approved declaration, in a round the 财政 opened."""
    import datetime

    from jixiao.web.monitoring import store
    from jixiao.web.monitoring.models import MonitoringReportRecord

    deadline = datetime.date.today() + datetime.timedelta(days=30)
    store.open_round(world.users["finance"], 2025, 6, deadline)
    return MonitoringReportRecord.objects.get()


def _evaluation(world: World) -> Any:
    """The self-evaluation of the approved declaration, in a round the 财政 opened."""
    import datetime

    from jixiao.web.evaluation import store
    from jixiao.web.evaluation.models import EvaluationRecord

    deadline = datetime.date.today() + datetime.timedelta(days=30)
    store.open_round(world.users["finance"], 2025, deadline)
    return EvaluationRecord.objects.get()


def _request(case: Case, world: World, persona: str) -> int:
    row = world.declaration(case.status)
    client = world.client(persona)
    if case.kind == "page":
        url = _page_url(case, world, row.pk)
        ticked = case.name == "declarations:bulk" or "selection" in case.data
        data = {**case.data, "pk": str(row.pk)} if ticked else case.data
        if case.name == "jobs:import" and case.method == "post":
            data = {"files": _seed_upload()}
        response = getattr(client, case.method)(url, data)
        return response.status_code
    pk = _evaluation(world).pk if "/evaluations/" in case.name else row.pk
    if case.name.startswith(("GET /monitoring/", "POST /monitoring/{")):
        pk = _monitoring(world).pk
    if case.name.startswith(("GET /jobs/", "POST /jobs/{")):
        pk = _job(world).pk
    path = "/api" + case.name.split(" ", 1)[1].replace("{pk}", str(pk))
    if case.name == "POST /jobs/imports":
        return client.post(path, {"files": _seed_upload()}).status_code
    if case.name == "POST /imports":
        upload = {"file": _seed_upload()}
        return client.post(path, upload).status_code
    if case.method == "put" and case.data:
        return client.put(path, case.data, content_type="application/json").status_code
    if case.method == "put":
        body = {"revision": row.revision, "content": json.loads(row.content)}
        return client.put(path, body, content_type="application/json").status_code
    if case.name == "POST /declarations":
        body = {"content": json.loads(row.content)}
        return client.post(path, body, content_type="application/json").status_code
    if case.method == "post":
        body = {**case.data, "ids": [str(row.pk)]} if "ids" in case.data else case.data
        return client.post(path, body, content_type="application/json").status_code
    return client.get(path, case.data).status_code


def _seed_upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(SEED_NAME, seed_bytes(), content_type="text/plain")


@pytest.mark.parametrize(
    ("case", "persona", "expected"), CASES, ids=[f"{c.name}-{p}" for c, p, _ in CASES]
)
def test_it_answers_each_persona_as_the_matrix_says(
    world: World, case: Case, persona: str, expected: int
) -> None:
    assert _request(case, world, persona) == expected


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"}:
                continue
            names |= _names(p.url_patterns, f"{p.namespace}:" if p.namespace else prefix)
        elif p.name:
            names.add(prefix + p.name)
    return names


def test_it_covers_every_url_pattern_and_api_route() -> None:
    pages = _names(get_resolver().url_patterns)
    assert pages | {"admin:index"} == {c.name for c in PAGE_CASES}
    schema = api.get_openapi_schema()
    routes = {
        f"{m.upper()} {p.removeprefix('/api')}" for p, ops in schema["paths"].items() for m in ops
    }
    assert routes | {"GET /openapi.json", "GET /docs"} == {c.name for c in API_CASES}
