"""后台任务 through the API with a token, a real database worker running beside the server.

The Must-show: a ZIP of 1,000 files with 10 bad ones imports 990 forms, reports the 10 with
their reasons, shows progress along the way, and a cancelled import stops and keeps its work.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World
from tests.web.jobs_helpers import BAD_FILES, good_files, running_worker, zip_of

pytestmark = pytest.mark.usefixtures("emptied_history")


def _token_client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _upload(client: Client, name: str, data: bytes) -> Any:
    return client.post("/api/jobs/imports", {"files": SimpleUploadedFile(name, data)})


def _poll(client: Client, pk: str, until: Any, timeout: float = 300) -> list[dict[str, Any]]:
    """Every status seen, polling like the 任务 page does, until ``until(status)`` holds."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/jobs/{pk}").json()
        seen.append(body)
        if until(body):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"job did not get there in {timeout} s: {seen[-1]}")


def _final(body: dict[str, Any]) -> bool:
    return body["status"] in {"已完成", "已失败", "已取消"}


def test_it_imports_990_of_1000_files_and_reports_the_10_bad_ones(
    world: World, settings: Any
) -> None:
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1024 * 1024  # the per-file limit the 2 MB file exceeds
    files = list(good_files(990))
    bad_positions = {name: 100 * k + 50 for k, name in enumerate(BAD_FILES)}
    for name, position in sorted(bad_positions.items(), key=lambda item: item[1]):
        files.insert(position - 1, (f"坏/{name}", BAD_FILES[name]))
    client = _token_client(world, "filer")
    with running_worker():
        created = _upload(client, "一千个文件.zip", zip_of(iter(files)))
        assert created.status_code == 201, created.content
        job = created.json()
        assert (job["status"], job["total"], job["kind"]) == ("排队", 1000, "批量导入")
        seen = _poll(client, job["id"], _final)
    last = seen[-1]
    assert (last["status"], last["done"], last["failed"], last["percent"]) == (
        "已完成",
        1000,
        10,
        100,
    )
    assert Declaration.objects.filter(organisation=world.unit).count() == 990
    assert {e["name"].removeprefix("坏/") for e in last["errors"]} == set(BAD_FILES)
    assert all(e["reason"] for e in last["errors"]), "every failed file says why"
    reasons = {e["name"].removeprefix("坏/"): e["reason"] for e in last["errors"]}
    assert "1 MB 的上限" in reasons["太大.txt"] and "嵌套" in reasons["嵌套.zip"]
    assert [e["position"] for e in last["errors"]] == sorted(bad_positions.values())
    assert "新建 990 份申报表" in last["summary"] and "10 个文件失败" in last["summary"]
    progress = [s["done"] for s in seen if s["status"] == "运行中"]
    assert [d for d in progress if 0 < d < 1000], "progress was reported along the way"
    assert progress == sorted(progress), "progress only moves forward"
    assert (
        AuditEntry.objects.filter(event="导入", declaration__organisation=world.unit).count() == 990
    )
    assert AuditEntry.objects.filter(event="创建批量导入任务").count() == 1


def test_it_stops_a_cancelled_import_and_keeps_what_it_did(world: World) -> None:
    client = _token_client(world, "filer")
    with running_worker():
        job = _upload(client, "取消.zip", zip_of(good_files(600, "取消"))).json()
        _poll(client, job["id"], lambda b: b["done"] >= 20)
        cancelled = client.post(f"/api/jobs/{job['id']}/cancel")
        assert cancelled.status_code == 200 and cancelled.json()["cancel_requested"]
        last = _poll(client, job["id"], _final)[-1]
    kept = Declaration.objects.filter(organisation=world.unit).count()
    assert last["status"] == "已取消"
    assert 20 <= kept < 600 and last["done"] == kept < last["total"] == 600
    assert "已取消" in last["summary"] and f"新建 {kept} 份" in last["summary"]
    assert "保留" in last["summary"] and "其余未处理" in last["summary"]
    time.sleep(0.5)
    assert Declaration.objects.filter(organisation=world.unit).count() == kept, "it stopped"
    assert AuditEntry.objects.filter(event="取消任务").count() == 1


def test_it_dedupes_a_second_import_of_the_same_files(world: World) -> None:
    client = _token_client(world, "filer")
    archive = zip_of(good_files(30, "重复"))
    with running_worker():
        first = _poll(client, _upload(client, "a.zip", archive).json()["id"], _final)[-1]
        second = _poll(client, _upload(client, "b.zip", archive).json()["id"], _final)[-1]
    assert "新建 30 份" in first["summary"]
    assert "新建 0 份" in second["summary"] and "30 份此前已导入" in second["summary"]
    assert Declaration.objects.filter(organisation=world.unit).count() == 30


def test_it_splits_a_large_import_into_parts_that_two_workers_share(
    world: World, settings: Any
) -> None:
    settings.JIXIAO_JOB_PART_FILES = 10
    files = list(good_files(33, "分段"))
    files[4:4] = [("坏/乱码.pdf", BAD_FILES["乱码.pdf"])]
    files[20:20] = [("坏/空文件.txt", BAD_FILES["空文件.txt"])]
    client = _token_client(world, "filer")
    with running_worker("一号"), running_worker("二号"):
        job = _upload(client, "分段.zip", zip_of(iter(files))).json()
        last = _poll(client, job["id"], _final)[-1]
    assert (last["status"], last["total"], last["done"], last["failed"]) == ("已完成", 35, 35, 2)
    assert [(e["position"], e["name"]) for e in last["errors"]] == [
        (5, "坏/乱码.pdf"),
        (21, "坏/空文件.txt"),
    ]
    assert "新建 33 份申报表" in last["summary"] and "2 个文件失败" in last["summary"]
    assert Declaration.objects.filter(organisation=world.unit).count() == 33
    parts = DBTaskResult.objects.filter(task_path__endswith="run_part")
    assert parts.count() == 4 and {p.worker_ids[0] for p in parts} <= {"一号", "二号"}
