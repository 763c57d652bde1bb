"""后台任务 in the API: start imports, exports, bundles and library builds; status; cancel.

Same permissions as the pages: only the owner sees a job (others 404), an import needs a
填报人, a library build a 管理员 (403 otherwise).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from jixiao.web.accounts.models import User
from jixiao.web.apierrors import RESPONSES, ErrorOut
from jixiao.web.declarations.store import audit
from jixiao.web.jobs import start, store
from jixiao.web.jobs.models import FileRole, Job
from jixiao.web.jobs.views import result_response

router = Router(tags=["后台任务"])
Year = Annotated[int, Field(ge=1, le=9999)]


class JobErrorOut(Schema):
    position: int
    name: str
    reason: str


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    status: str
    total: int
    done: int
    failed: int
    percent: int
    summary: str
    cancel_requested: bool
    created_at: datetime
    finished_at: datetime | None
    result: str | None = Field(None, description="结果文件名（可经 /result 下载）")
    errors: list[JobErrorOut] = Field(default_factory=list, description="失败的文件及原因")


class ExportIn(Schema):
    to: str = Field(description="yitihua-xlsx | yitihua-csv | yitihua-json | list-xlsx | list-csv")
    year: Year | None = None
    ids: list[uuid.UUID] = Field(default_factory=list, max_length=100000)


class BundleIn(Schema):
    fmt: str = Field("pdf", description="pdf：汇编为一个 PDF；zip/xlsx/docx/json：每份一个文件")
    year: Year | None = None
    ids: list[uuid.UUID] = Field(default_factory=list, max_length=100000)


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def job_out(job: Job, errors: bool = False) -> dict[str, Any]:
    result = job.files.filter(role=FileRole.RESULT).values_list("name", flat=True).first()
    fields = ("id", "kind", "title", "status", "total", "done", "failed", "percent", "summary")
    out: dict[str, Any] = {name: getattr(job, name) for name in fields}
    out |= {
        "cancel_requested": job.cancel_requested,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "result": result,
        "errors": list(job.errors.values("position", "name", "reason")[:1000]) if errors else [],
    }
    return out


CREATED = {201: JobOut, 413: ErrorOut, **RESPONSES}


@router.get("", response={200: list[JobOut], **RESPONSES}, summary="我的任务（最新 50 个）")
def list_jobs(request: HttpRequest) -> list[dict[str, Any]]:
    return [job_out(j) for j in start.own_jobs(_user(request), 50)]


@router.post("/imports", response=CREATED, summary="批量导入（ZIP 压缩包或多个文件）")
def create_import(request: HttpRequest, files: File[list[UploadedFile]]) -> Status[Any]:
    uploads = [(f.name or "upload", f.read()) for f in files]
    return Status(201, job_out(start.import_job(_user(request), uploads)))


@router.post("/exports", response=CREATED, summary="导出（一体化数据元素或申报表清单）")
def create_export(request: HttpRequest, payload: ExportIn) -> Status[Any]:
    return Status(
        201, job_out(start.export_job(_user(request), payload.to, payload.year, payload.ids))
    )


@router.post("/bundles", response=CREATED, summary="批量打包（汇编 PDF 或压缩包）")
def create_bundle(request: HttpRequest, payload: BundleIn) -> Status[Any]:
    job = start.bundle_job(_user(request), payload.fmt, payload.year, payload.ids)
    return Status(201, job_out(job))


@router.post("/learn", response=CREATED, summary="从通过的申报表重建指标库（管理员）")
def create_learn(request: HttpRequest) -> Status[Any]:
    return Status(201, job_out(start.learn_job(_user(request))))


@router.get("/{pk}", response={200: JobOut, **RESPONSES}, summary="任务进度、失败文件及原因")
def get_job(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    return job_out(start.get_job(_user(request), pk), errors=True)


@router.post("/{pk}/cancel", response={200: JobOut, **RESPONSES}, summary="取消任务")
def cancel_job(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return job_out(store.cancel(user, start.get_job(user, pk)), errors=True)


@router.post("/{pk}/restart", response={200: JobOut, **RESPONSES}, summary="继续已中断的批量导入")
def restart_job(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return job_out(store.restart(user, start.get_job(user, pk)), errors=True)


@router.get("/{pk}/result", response={200: None, **RESPONSES}, summary="下载任务结果文件")
def job_result(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = _user(request)
    job = start.get_job(user, pk)
    response = result_response(job)
    if response is None:
        raise Http404("此任务没有结果文件")
    audit(user, None, "下载任务结果", f"{job.title}（任务 {job.pk}）")
    return response
