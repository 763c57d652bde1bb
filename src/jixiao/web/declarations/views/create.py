"""Create a declaration: from blank, by importing a file, or from last year's (延续性项目)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.importers.base import ImportFailure
from jixiao.model import Declaration as Form
from jixiao.model import Organisation as OrgName
from jixiao.model import TreeVariant
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import engine, inputs, integrity, store
from jixiao.web.declarations.access import filer_organisation, get_visible, require_role
from jixiao.web.declarations.codec import MoneyError
from jixiao.web.declarations.inputs import InputError
from jixiao.web.limits import check_form_count, check_upload
from jixiao.workflow import Role, TransitionDenied


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthedRequest) -> HttpResponse:
    """A blank draft in the user's organisation, then straight to the editor."""
    org = filer_organisation(request.user)
    if request.method == "GET":
        return render(request, "declarations/new.html", {"trees": list(TreeVariant)})
    name = request.POST.get("project_name", "").strip()[:300]
    try:
        if not name:
            raise InputError("请填写项目名称")
        year = inputs.parse_year(request.POST.get("year", ""))
        tree = inputs.parse_tree(request.POST.get("tree", ""))
        integrity.require_open_year(year, "新建申报表")
    except (InputError, TransitionDenied) as exc:
        messages.error(request, str(exc))
        return render(request, "declarations/new.html", {"trees": list(TreeVariant)}, status=400)
    form = Form(
        year=year,
        project_name=name,
        implementer=OrgName(org.name, org.code),
        department=OrgName(org.parent.name if org.parent else org.name),
        tree=tree,
    )
    row = store.create(request.user, org, form, "新建")
    return redirect("declarations:edit", pk=row.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: AuthedRequest) -> HttpResponse:
    """Upload txt/pdf/xlsx/docx/json; every new form in the file becomes a draft, all or none."""
    org = filer_organisation(request.user)
    upload = request.FILES.get("file")
    if request.method == "GET" or upload is None:
        status = 400 if request.method == "POST" else 200
        return render(request, "declarations/import.html", status=status)
    check_upload(upload)
    try:
        result = engine.import_file(upload.read(), upload.name or "upload")
        check_form_count(len(result.declarations))
        done = store.import_forms(request.user, org, result.declarations)
    except (ImportFailure, MoneyError, TransitionDenied) as exc:
        messages.error(request, f"导入失败：{exc}")
        return render(request, "declarations/import.html", status=400)
    for issue in result.issues:
        messages.warning(request, f"导入提示：{issue}")
    if not done.created:
        messages.error(request, "此文件中的申报表此前已经导入，没有重复创建")
        context = {"existing": done.existing}
        return render(request, "declarations/import.html", context, status=409)
    messages.success(request, f"已导入 {len(done.created)} 份申报表（草稿）")
    if done.existing:
        messages.info(request, f"另有 {len(done.existing)} 份此前已导入，未重复创建")
    if len(done.created) == 1 and not done.existing:
        return redirect("declarations:edit", pk=done.created[0].pk)
    return redirect("declarations:list")


@login_required
@require_POST
def continue_next_year(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """A 延续性项目: next year's draft copied from this declaration."""
    source = get_visible(request.user, pk)
    require_role(request.user, Role.FILER)
    try:
        row = store.continue_from(request.user, source)
    except TransitionDenied as exc:  # not approved, or next year is closed
        raise PermissionDenied(str(exc)) from None
    messages.success(request, f"已由上年申报表创建 {row.year} 年度草稿")
    return redirect("declarations:edit", pk=row.pk)
