"""申报表列表 and 财政项目库: search and filters over what the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.accounts.models import Organisation
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import Declaration
from jixiao.workflow import Role, Status


def _filtered(request: HttpRequest, rows: QuerySet[Declaration]) -> QuerySet[Declaration]:
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(
            Q(project_name__icontains=q)
            | Q(department_name__icontains=q)
            | Q(implementer_name__icontains=q)
        )
    if (year := request.GET.get("year", "")).isdigit():
        rows = rows.filter(year=int(year))
    if status := request.GET.get("status", ""):
        rows = rows.filter(status=status)
    if org := request.GET.get("org", ""):
        rows = rows.filter(Q(organisation__pk=org) | Q(organisation__parent__pk=org))
    return rows


def _page(request: HttpRequest, rows: QuerySet[Declaration], template: str, **extra: object):
    paginator = Paginator(rows, 50)
    page = paginator.get_page(request.GET.get("page"))
    year_rows = rows.order_by().exclude(year=None).values_list("year", flat=True).distinct()
    years = sorted(year_rows, reverse=True)
    context = {"page": page, "years": years, "statuses": list(Status), "query": request.GET}
    return render(request, template, {**context, **extra})


@login_required
@require_GET
def declaration_list(request: HttpRequest) -> HttpResponse:
    """Everything the user may see, newest first, with search and filters."""
    rows = _filtered(request, visible(request.user)).defer("content").order_by("-updated_at")
    can_file = request.user.workflow_role is Role.FILER
    return _page(request, rows, "declarations/list.html", can_file=can_file)


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """财政项目库: approved declarations by year and department."""
    approved = visible(request.user).filter(status=Status.APPROVED).defer("content")
    rows = _filtered(request, approved).order_by("-year", "department_name", "project_name")
    departments = Organisation.objects.filter(kind="主管部门").order_by("name")
    return _page(request, rows, "declarations/library.html", departments=departments)
