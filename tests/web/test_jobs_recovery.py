"""A job whose worker died: 已中断 once its heartbeat is too old, and an import goes on.

A dead worker is simulated as it leaves the database: a 运行中 job whose files up to some
position are imported and whose heartbeat stopped. Everything else runs for real: the API
with a token, the pages with CSRF enforced, django-tasks' database worker.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations.models import AuditEntry, Declaration
from jixiao.web.jobs.models import Job, JobStatus
from jixiao.web.jobs.parts import run_part
from jixiao.web.jobs.runners import run
from tests.web.conftest import World
from tests.web.jobs_helpers import BAD_FILES, good_files, running_worker, zip_of
from tests.web.signed import Signed

pytestmark = pytest.mark.usefixtures("emptied_history")


def _token_client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _upload(client: Client, name: str, data: bytes) -> dict[str, Any]:
    response = client.post("/api/jobs/imports", {"files": SimpleUploadedFile(name, data)})
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def _wait(client: Client, pk: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/jobs/{pk}").json()
        if body["status"] not in {"排队", "运行中"}:
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {pk} did not end in {timeout} s")


def _worker_died(pk: object, done: int, seconds_ago: float) -> None:
    """What a killed worker leaves: 运行中, ``done`` counted, the last heartbeat long ago."""
    beat = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=pk).update(
        status=JobStatus.RUNNING, done=done, started_at=beat, heartbeat_at=beat
    )


def test_it_marks_a_silent_import_interrupted_and_a_restart_imports_the_rest(
    world: World, settings: Any
) -> None:
    settings.JIXIAO_JOB_HEARTBEAT_SECONDS = 60
    files = list(good_files(30, "中断"))
    files[20:20] = [("坏/乱码.pdf", BAD_FILES["乱码.pdf"])]
    client = _token_client(world, "filer")
    with running_worker():  # the dead worker had imported the first ten files
        assert _wait(client, _upload(client, "前十个.zip", zip_of(iter(files[:10])))["id"])
    job = _upload(client, "三十一个.zip", zip_of(iter(files)))
    _worker_died(job["id"], done=8, seconds_ago=30)  # 2 imported files were not yet counted
    assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "运行中", "30 s is alive"
    _worker_died(job["id"], done=8, seconds_ago=120)
    shown = client.get(f"/api/jobs/{job['id']}").json()
    assert shown["status"] == "已中断" and shown["done"] == 8 and shown["total"] == 31
    assert "已处理 8/31 项" in shown["summary"] and "保留" in shown["summary"]
    assert [j["status"] for j in client.get("/api/jobs").json() if j["id"] == job["id"]] == [
        "已中断"
    ]
    restarted = client.post(f"/api/jobs/{job['id']}/restart")
    assert restarted.status_code == 200 and restarted.json()["status"] == "排队"
    with running_worker():
        last = _wait(client, job["id"])
    assert (last["status"], last["done"], last["failed"]) == ("已完成", 31, 1)
    assert [e["position"] for e in last["errors"]] == [21]
    assert "新建 20 份申报表" in last["summary"] and "2 份此前已导入" in last["summary"]
    assert Declaration.objects.filter(organisation=world.unit).count() == 30
    assert AuditEntry.objects.filter(event="继续任务").count() == 1
    assert client.post(f"/api/jobs/{job['id']}/restart").status_code == 400, "only once ended"


def test_it_recovers_a_split_import_from_its_first_file(world: World, settings: Any) -> None:
    settings.JIXIAO_JOB_PART_FILES = 10
    client = _token_client(world, "filer")
    files = list(good_files(25, "分段中断"))
    with running_worker():
        _wait(client, _upload(client, "前五个.zip", zip_of(iter(files[:5])))["id"])
    job = _upload(client, "二十五个.zip", zip_of(iter(files)))
    _worker_died(job["id"], done=5, seconds_ago=3600)  # parts counted out of order
    Job.objects.filter(pk=job["id"]).update(parts_left=3)
    assert _wait(client, job["id"])["status"] == "已中断"
    with running_worker("一号"), running_worker("二号"):
        assert client.post(f"/api/jobs/{job['id']}/restart").json()["status"] == "排队"
        last = _wait(client, job["id"])
    assert (last["status"], last["done"], last["failed"]) == ("已完成", 25, 0)
    assert "新建 20 份申报表" in last["summary"] and "5 份此前已导入" in last["summary"]
    assert Declaration.objects.filter(organisation=world.unit).count() == 25


def test_it_keeps_a_split_import_running_while_a_part_waits_in_the_queue(
    world: World, settings: Any
) -> None:
    settings.JIXIAO_JOB_PART_FILES = 10
    client = _token_client(world, "filer")
    job = _upload(client, "等待.zip", zip_of(good_files(25, "等待")))
    _worker_died(job["id"], done=10, seconds_ago=3600)
    Job.objects.filter(pk=job["id"]).update(parts_left=2)
    waiting = run_part.enqueue(job["id"], 11, 21)
    assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "运行中", "late, not dead"
    DBTaskResult.objects.filter(pk=waiting.id).update(status="RUNNING")  # taken, then killed
    assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "已中断"


def test_it_shows_interrupted_on_the_page_and_continues_with_the_csrf_token(
    world: World,
) -> None:
    filer = Signed(world.users["filer"])
    archive = zip_of(good_files(6, "页面"))
    response = filer.post(reverse("jobs:import"), {"files": SimpleUploadedFile("页.zip", archive)})
    pk = response.url.rstrip("/").split("/")[-1]
    _worker_died(pk, done=0, seconds_ago=3600)
    page = filer.get(reverse("jobs:detail", args=[pk])).content.decode()
    assert "已中断" in page and "继续导入" in page and 'hx-trigger="every 2s"' not in page
    assert "已中断" in filer.get(reverse("jobs:list")).content.decode()
    assert filer.client.post(reverse("jobs:restart", args=[pk])).status_code == 403
    outsider = Signed(world.users["outsider"])
    assert outsider.post(reverse("jobs:restart", args=[pk])).status_code == 404
    assert filer.post(reverse("jobs:restart", args=[pk])).status_code == 302
    assert run(Job.objects.get(pk=pk).pk) is JobStatus.DONE
    assert Declaration.objects.filter(project_name__startswith="页面").count() == 6


def test_it_offers_no_restart_for_an_interrupted_export(world: World) -> None:
    filer = Signed(world.users["filer"])
    response = filer.post(reverse("jobs:export"), {"to": "list-csv"})
    pk = response.url.rstrip("/").split("/")[-1]
    _worker_died(pk, done=0, seconds_ago=3600)
    page = filer.get(reverse("jobs:detail", args=[pk])).content.decode()
    assert "已中断" in page and "请重新发起" in page and "继续导入" not in page
    assert filer.post(reverse("jobs:restart", args=[pk])).status_code == 400
