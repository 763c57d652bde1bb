"""The 任务 pages as a browser uses them (CSRF enforced), each kind of job, and the limits.

Jobs are run here by :func:`jixiao.web.jobs.runners.run`, the function the queue's worker
calls (tests/web/test_jobs.py runs them through a real worker).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.declarations import store
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import AuditEntry, Declaration
from jixiao.web.jobs.models import Job, JobStatus
from jixiao.web.jobs.runners import run
from tests.web.conftest import World, seed_forms
from tests.web.jobs_helpers import BAD_FILES, good_files, zip_of
from tests.web.signed import Signed


def _upload(signed: Signed, *files: tuple[str, bytes]) -> Any:
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return signed.post(reverse("jobs:import"), {"files": uploads})


def _job(response: Any) -> Job:
    assert response.status_code == 302, response.content.decode()[:500]
    return Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def test_it_imports_a_zip_uploaded_on_the_page_and_shows_the_result(world: World) -> None:
    filer = Signed(world.users["filer"])
    files = [*good_files(12), ("坏/乱码.pdf", BAD_FILES["乱码.pdf"])]
    job = _job(_upload(filer, ("十三个.zip", zip_of(iter(files)))))
    queued = filer.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert (
        'hx-trigger="every 2s"' in queued.content.decode() and "取消任务" in queued.content.decode()
    )
    assert run(job.pk) is JobStatus.DONE
    page = filer.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "已完成" in page and "新建 12 份申报表" in page and "乱码.pdf" in page
    assert 'hx-trigger="every 2s"' not in page, "a finished job stops polling"
    assert Declaration.objects.filter(organisation=world.unit).count() == 12
    listing = filer.get(reverse("jobs:list")).content.decode()
    assert "十三个.zip" in listing and "100%" in listing


def test_it_needs_the_csrf_token_to_start_or_cancel(world: World) -> None:
    filer = Signed(world.users["filer"])
    upload = {"files": SimpleUploadedFile("a.zip", zip_of(good_files(2)))}
    assert filer.client.post(reverse("jobs:import"), upload).status_code == 403
    job = _job(_upload(filer, ("a.zip", zip_of(good_files(2)))))
    assert filer.client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 403
    assert filer.client.post(reverse("jobs:export"), {"to": "list-csv"}).status_code == 403
    assert Job.objects.count() == 1


def test_it_cancels_a_queued_job_before_it_does_anything(world: World) -> None:
    filer = Signed(world.users["filer"])
    job = _job(_upload(filer, ("a.zip", zip_of(good_files(5)))))
    assert filer.post(reverse("jobs:cancel", args=[job.pk])).status_code == 302
    assert run(job.pk) is JobStatus.CANCELLED
    job.refresh_from_db()
    assert (job.status, job.done) == ("已取消", 0) and "尚未开始" in job.summary
    assert not Declaration.objects.exists()


def test_it_imports_several_files_of_a_folder(world: World) -> None:
    filer = Signed(world.users["filer"])
    job = _job(_upload(filer, *good_files(3, "文件夹")))
    assert job.total == 3 and run(job.pk) is JobStatus.DONE
    assert Declaration.objects.filter(project_name__startswith="文件夹").count() == 3


def test_it_refuses_zip_bombs_too_many_files_and_broken_archives(
    world: World, settings: Any
) -> None:
    filer = Signed(world.users["filer"])
    bomb = _upload(filer, ("炸弹.zip", zip_of({"zeros.txt": b"0" * (50 * 1024 * 1024)})))
    assert bomb.status_code == 413 and "压缩比" in bomb.content.decode()
    settings.JIXIAO_MAX_JOB_FILES = 5
    many = _upload(filer, ("多.zip", zip_of(good_files(6))))
    assert many.status_code == 400 or many.status_code == 413
    assert "一次最多 5 个" in many.content.decode()
    settings.JIXIAO_MAX_JOB_UNCOMPRESSED_BYTES = 1000
    big = _upload(filer, ("大.zip", zip_of(good_files(2))))
    assert big.status_code == 413 and "解压后" in big.content.decode()
    broken = _upload(filer, ("坏.zip", b"PK\x03\x04" + b"\x00" * 100))
    assert broken.status_code == 400 and "压缩包无法读取" in broken.content.decode()
    assert not Job.objects.exists()


def test_it_lets_only_filers_import_and_only_the_owner_see_a_job(world: World) -> None:
    job = _job(_upload(Signed(world.users["filer"]), ("a.zip", zip_of(good_files(1)))))
    finance = Signed(world.users["finance"])
    assert _upload(finance, ("a.zip", zip_of(good_files(1)))).status_code == 403
    for persona in ("finance", "outsider", "admin", "department"):
        other = Signed(world.users[persona])
        assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert other.post(reverse("jobs:cancel", args=[job.pk])).status_code == 404


def _export(signed: Signed, to: str) -> bytes:
    job = _job(signed.post(reverse("jobs:export"), {"to": to}))
    assert run(job.pk) is JobStatus.DONE, Job.objects.get(pk=job.pk).summary
    response = signed.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response)


def test_it_exports_the_forms_a_user_may_see(world: World) -> None:
    world.declaration("草稿", 0)
    world.declaration("通过", 1)
    outsider = Signed(world.users["outsider"])
    other = dataclasses.replace(seed_forms()[2], project_name="外单位")
    store.create(world.users["outsider"], world.other_unit, other, "导入")
    department = Signed(world.users["department"])
    rows = list(csv.reader(io.StringIO(_export(department, "list-csv").decode("utf-8-sig"))))
    names = {r[1] for r in rows[1:]} | {r[0] for r in rows[1:]}
    assert "外单位" not in names and len(rows) == 1 + 2 + 1, "header, two forms, 合计"
    assert visible(world.users["department"]).count() == 2
    tables = json.loads(_export(department, "yitihua-json"))
    assert set(tables) >= {"PM_PERF_GOAL_INFO", "PM_PERF_INDICATOR"}
    assert _export(department, "list-xlsx")[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(_export(outsider, "yitihua-csv"))) as archive:
        assert {"PM_PERF_GOAL_INFO.csv", "PM_PERF_INDICATOR.csv"} <= set(archive.namelist())


def test_it_bundles_forms_to_one_pdf_or_a_zip(world: World) -> None:
    world.declaration("通过", 0)
    world.declaration("通过", 1)
    finance = Signed(world.users["finance"])
    job = _job(finance.post(reverse("jobs:bundle"), {"fmt": "pdf"}))
    assert run(job.pk) is JobStatus.DONE and (job.total, Job.objects.get(pk=job.pk).done) == (0, 2)
    assert b"".join(finance.get(reverse("jobs:download", args=[job.pk])))[:5] == b"%PDF-"
    downloads = AuditEntry.objects.filter(event="下载任务结果", actor=world.users["finance"])
    assert downloads.count() == 1
    job = _job(finance.post(reverse("jobs:bundle"), {"fmt": "xlsx", "year": "2025"}))
    assert run(job.pk) is JobStatus.DONE
    data = b"".join(finance.get(reverse("jobs:download", args=[job.pk])))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len(archive.namelist()) == 2 and all(n.endswith(".xlsx") for n in archive.namelist())
    bad = finance.post(reverse("jobs:bundle"), {"fmt": "exe"})
    assert bad.status_code == 400 and "未知的打包格式" in bad.content.decode()


def test_it_rebuilds_the_library_as_a_job_for_an_administrator(world: World) -> None:
    world.declaration("通过", 0)
    admin = Signed(world.users["admin"])
    job = _job(admin.post(reverse("jobs:learn")))
    assert run(job.pk) is JobStatus.DONE
    job.refresh_from_db()
    assert "已从 1 份通过的申报表学习" in job.summary and job.percent == 100
    assert Signed(world.users["filer"]).post(reverse("jobs:learn")).status_code == 403


def test_it_fails_an_import_whose_owner_is_no_longer_a_filer_and_writes_nothing(
    world: World,
) -> None:
    filer = world.users["filer"]
    job = _job(_upload(Signed(filer), ("a.zip", zip_of(good_files(3)))))
    filer.role = "主管部门审核人"
    filer.save()
    assert run(job.pk) is JobStatus.FAILED
    job.refresh_from_db()
    assert job.summary.startswith("任务失败：") and "填报人" in job.summary
    assert not Declaration.objects.exists()
