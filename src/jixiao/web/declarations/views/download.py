"""Downloads: one declaration in any format; a department's disclosure bundle."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from jixiao.web.accounts.models import AuthedRequest, Organisation
from jixiao.web.declarations import codec, engine, inputs, store
from jixiao.web.declarations.access import get_visible, visible
from jixiao.workflow import Status


def _attachment(data: bytes, fmt: str, stem: str) -> HttpResponse:
    response = HttpResponse(data, content_type=engine.FORMATS[fmt][0])
    name = quote(f"{stem}.{fmt}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_GET
def download(request: AuthedRequest, pk: uuid.UUID, fmt: str) -> HttpResponse:
    row = get_visible(request.user, pk)
    if fmt not in engine.FORMATS:
        raise Http404("不支持的下载格式")
    data = engine.render(codec.from_text(row.content), fmt)
    store.audit(request.user, row, "下载", fmt)
    return _attachment(data, fmt, f"{row.year or ''}{row.project_name}")


@login_required
@require_GET
def bundle(request: AuthedRequest, org: uuid.UUID, year: int) -> HttpResponse:
    """公开材料: every approved declaration of a 主管部门 and its units for one year, one PDF."""
    department = get_object_or_404(Organisation, pk=org)
    try:
        inputs.check_year(year)
    except inputs.InputError as exc:
        raise Http404(str(exc)) from None
    rows = visible(request.user).filter(status=Status.APPROVED, year=year)
    rows = rows.filter(organisation__in=[department, *department.children.all()])
    if not rows.exists():
        raise Http404("该部门该年度没有已通过的申报表")
    forms = [codec.from_text(r.content) for r in rows.order_by("project_name")]
    data = engine.bundle(forms, f"{department.name}{year}年度项目支出绩效目标")
    return _attachment(data, "pdf", f"{department.name}{year}年度绩效目标公开")
