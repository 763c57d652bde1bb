"""任务 pages: the user's jobs with live progress (htmx polling), cancel, results, new jobs."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations.access import filer_organisation
from jixiao.web.declarations.inputs import InputError
from jixiao.web.declarations.store import audit
from jixiao.web.jobs import start, store
from jixiao.web.jobs.models import FileRole, Job
from jixiao.web.jobs.runners import BUNDLES, EXPORTS
from jixiao.workflow import Role

#: Most jobs listed on the page (the newest).
PAGE = 50
BUNDLE_CHOICES = {
    "pdf": BUNDLES["pdf"],
    "zip": "压缩包（每份一个 PDF）",
    "xlsx": "压缩包（每份一个 Excel）",
}


def _context(request: AuthedRequest, **extra: object) -> dict[str, object]:
    jobs = start.own_jobs(request.user, PAGE)
    return {
        "jobs": jobs,
        "running": any(not j.job_status.is_final for j in jobs),
        "exports": {k: v[0] for k, v in EXPORTS.items()},
        "bundles": BUNDLE_CHOICES,
        "is_admin": request.user.is_superuser or request.user.workflow_role is Role.ADMIN,
        "is_filer": request.user.workflow_role is Role.FILER,
        **extra,
    }


@login_required
@require_GET
def job_list(request: AuthedRequest) -> HttpResponse:
    """我的任务: every job with its progress; the rows refresh themselves while any runs."""
    template = "jobs/_rows.html" if request.headers.get("HX-Request") else "jobs/list.html"
    return render(request, template, _context(request))


@login_required
@require_GET
def detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """One job: progress, counts, every error so far with its reason, the result file."""
    job = start.get_job(request.user, pk)
    template = "jobs/_job.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job, "errors": job.errors.all()[:1000]})


@login_required
@require_POST
def cancel(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    job = store.cancel(request.user, start.get_job(request.user, pk))
    messages.info(request, "已请求取消：任务在处理完当前文件后停止，已完成的部分保留")
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def restart(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """继续导入 of an interrupted import: the files it had not done yet."""
    job = start.get_job(request.user, pk)
    try:
        job = store.restart(request.user, job)
    except InputError as exc:
        messages.error(request, f"未能继续：{exc}")
        return render(request, "jobs/detail.html", {"job": job}, status=400)
    messages.success(request, f"已继续导入：从第 {job.params['resume_from']} 个文件起")
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_GET
def download(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The job's result file (404 while there is none)."""
    job = start.get_job(request.user, pk)
    response = result_response(job)
    if response is None:
        return render(request, "jobs/detail.html", {"job": job, "missing": True}, status=404)
    audit(request.user, None, "下载任务结果", f"{job.title}（任务 {job.pk}）")
    return response


def result_response(job: Job) -> HttpResponse | None:
    """The job's result file as a download, or None while it has none."""
    result = job.files.filter(role=FileRole.RESULT).first()
    if result is None:
        return None
    response = HttpResponse(bytes(result.content), content_type=result.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(result.name)}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_zip(request: AuthedRequest) -> HttpResponse:
    """批量导入: a ZIP (or several files, e.g. a folder) becomes a job; 填报人 only."""
    filer_organisation(request.user)
    uploads = request.FILES.getlist("files")
    if request.method == "GET":
        return render(request, "jobs/import.html")
    try:
        job = start.import_job(request.user, [(u.name or "upload", u.read()) for u in uploads])
    except InputError as exc:  # TooLarge: 413 from LimitMiddleware
        messages.error(request, f"未能开始导入：{exc}")
        return render(request, "jobs/import.html", status=400)
    messages.success(request, f"已开始批量导入，共 {job.total} 个文件")
    return redirect("jobs:detail", pk=job.pk)


def _started(request: AuthedRequest, job: Job) -> HttpResponse:
    messages.success(request, f"任务已开始：{job.title}")
    return redirect("jobs:detail", pk=job.pk)


def _refused(request: AuthedRequest, exc: Exception) -> HttpResponse:
    messages.error(request, f"未能开始任务：{exc}")
    return render(request, "jobs/list.html", _context(request), status=400)


def _ticked(request: AuthedRequest) -> list[uuid.UUID]:
    """The forms ticked on the 申报表 list (``selection``: the list's form, where none is a 400)."""
    ids = [uuid.UUID(v) for v in request.POST.getlist("pk")[:100001]]
    if request.POST.get("selection") and not ids:
        raise InputError("请先勾选申报表")
    return ids


@login_required
@require_POST
def export(request: AuthedRequest) -> HttpResponse:
    """数据导出 of the forms the user may see (or those ticked on the list)."""
    post = request.POST
    try:
        job = start.export_job(request.user, post.get("to", ""), post.get("year"), _ticked(request))
    except ValueError as exc:  # InputError and a malformed id alike
        return _refused(request, exc)
    return _started(request, job)


@login_required
@require_POST
def bundle(request: AuthedRequest) -> HttpResponse:
    """批量打包 of the forms the user may see (or those ticked on the list)."""
    post = request.POST
    try:
        job = start.bundle_job(
            request.user, post.get("fmt", ""), post.get("year"), _ticked(request)
        )
    except ValueError as exc:  # InputError and a malformed id alike
        return _refused(request, exc)
    return _started(request, job)


@login_required
@require_POST
def learn(request: AuthedRequest) -> HttpResponse:
    """指标库学习 as a job (管理员)."""
    return _started(request, start.learn_job(request.user))
