"""Create a declaration: from blank, by importing a file, or from last year's (延续性项目)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.importers.base import ImportFailure
from jixiao.model import Declaration as Form
from jixiao.model import Organisation as OrgName
from jixiao.model import TreeVariant
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import engine, store
from jixiao.web.declarations.access import filer_organisation, get_visible, require_role
from jixiao.web.declarations.codec import MoneyError
from jixiao.workflow import Role

MAX_UPLOAD = 20 * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def new(request: AuthedRequest) -> HttpResponse:
    """A blank draft in the user's organisation, then straight to the editor."""
    org = filer_organisation(request.user)
    if request.method == "GET":
        return render(request, "declarations/new.html", {"trees": list(TreeVariant)})
    name = request.POST.get("project_name", "").strip()
    year = request.POST.get("year", "")
    if not name or not year.isdigit():
        messages.error(request, "请填写项目名称和四位数字年度")
        return render(request, "declarations/new.html", {"trees": list(TreeVariant)}, status=400)
    form = Form(
        year=int(year),
        project_name=name,
        implementer=OrgName(org.name, org.code),
        department=OrgName(org.parent.name if org.parent else org.name),
        tree=TreeVariant(request.POST.get("tree") or TreeVariant.CLASSIC),
    )
    row = store.create(request.user, org, form, "新建")
    return redirect("declarations:edit", pk=row.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: AuthedRequest) -> HttpResponse:
    """Upload txt/pdf/xlsx/docx/json; every form in the file becomes a draft."""
    org = filer_organisation(request.user)
    upload = request.FILES.get("file")
    if request.method == "GET" or upload is None:
        status = 400 if request.method == "POST" else 200
        return render(request, "declarations/import.html", status=status)
    try:
        if (upload.size or 0) > MAX_UPLOAD:
            raise ImportFailure(f"{upload.name}：文件超过 20MB")
        result = engine.import_file(upload.read(), upload.name or "upload")
        rows = [store.create(request.user, org, f, "导入") for f in result.declarations]
    except (ImportFailure, MoneyError) as exc:
        messages.error(request, f"导入失败：{exc}")
        return render(request, "declarations/import.html", status=400)
    for issue in result.issues:
        messages.warning(request, f"导入提示：{issue}")
    messages.success(request, f"已导入 {len(rows)} 份申报表（草稿）")
    if len(rows) == 1:
        return redirect("declarations:edit", pk=rows[0].pk)
    return redirect("declarations:list")


@login_required
@require_POST
def continue_next_year(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """A 延续性项目: next year's draft copied from this declaration."""
    source = get_visible(request.user, pk)
    require_role(request.user, Role.FILER)
    row = store.continue_from(request.user, source)
    messages.success(request, f"已由上年申报表创建 {row.year} 年度草稿")
    return redirect("declarations:edit", pk=row.pk)
