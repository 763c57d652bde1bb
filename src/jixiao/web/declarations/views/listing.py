"""申报表列表 and 财政项目库: search and filters over what the user may see."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from jixiao.web.accounts.models import AuthedRequest, Organisation
from jixiao.web.declarations import hits, inputs, search
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import Declaration
from jixiao.workflow import Role, Status

#: Rows per page: a screenful, and it keeps the list fast (bench/web_bench.py).
PAGE_SIZE = 25
#: ``?sort=`` of the list → ORDER BY (each backed by an index, bench/scale_bench.py).
SORTS = {
    "": ("-updated_at", "-pk"),
    "name": ("project_name", "pk"),
    "total": ("-annual_total_fen", "pk"),
    "year": ("-year", "-updated_at"),
}
#: The 项目库's order: by year, 主管部门 and name.
LIBRARY_ORDER = ("-year", "department_name", "project_name")


def filtered(params: Mapping[str, str], rows: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """``rows`` narrowed by the list's filters (search, year, status, 审核等级, archived, 部门).

    The exports and the 统计 page filter through here (every match); the list and the 项目库
    page a search through :func:`jixiao.web.declarations.search.search` instead.
    """
    q = params.get("q", "").strip()
    if q:
        rows = rows.filter(search.matching(q))
    return narrowed(params, rows)


def narrowed(params: Mapping[str, str], rows: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """``rows`` narrowed by every filter of the list but the search."""
    if year := params.get("year", "").strip():
        rows = rows.filter(year=inputs.parse_year(year))
    if grade := params.get("grade", "").strip():
        rows = rows.filter(review_grade=grade[:2])
    if status := params.get("status", ""):
        rows = rows.filter(status=status)
    else:  # discarded drafts are kept, but listed only when asked for
        rows = rows.exclude(status=Status.DISCARDED)
    if params.get("archived", "") != "1":  # archived forms too
        rows = rows.filter(archived_at=None)
    if org := params.get("org", "").strip():
        pk = inputs.parse_uuid(org, "部门")
        rows = rows.filter(Q(organisation__pk=pk) | Q(organisation__parent__pk=pk))
    return rows


def _found_or_none(
    request: AuthedRequest, rows: QuerySet[Declaration], order: tuple[str, ...]
) -> tuple[search.Found, int]:
    """The filtered, searched rows in ``order`` and 200, or none and 400 with the reason
    shown when a filter is bad."""
    try:
        rows = narrowed(request.GET, rows)
    except inputs.InputError as exc:
        messages.error(request, f"筛选条件有误：{exc}")
        return search.Found(rows.none(), more=False), 400
    if q := request.GET.get("q", "").strip():
        return search.search(rows, q, order), 200
    return search.Found(rows.order_by(*order), more=False), 200


@dataclass(frozen=True, slots=True)
class ListRow:
    """One line of the list, formatted once in Python (cheaper than template filters)."""

    pk: object
    url: str
    year: str
    project_name: str
    department_name: str
    implementer_name: str
    annual_total: str
    status: str
    updated: str
    grade: str  #: 审核等级 of the automatic review under the 审核规则配置 in force
    findings: int  #: how many findings that review produced


def _row(d: Declaration, prefix: str) -> ListRow:
    total = d.annual_total_wan
    updated = timezone.localtime(d.updated_at).strftime("%Y-%m-%d %H:%M")
    return ListRow(
        d.pk,
        f"{prefix}{d.pk}/",
        str(d.year or ""),
        d.project_name,
        d.department_name,
        d.implementer_name,
        "" if total is None else str(total),
        d.status,
        updated,
        d.review_grade,
        d.finding_count,
    )


def _years(rows: QuerySet[Declaration]) -> list[int]:
    """The filter's years: newest to oldest between the first and the last year listed.

    Two index look-ups (MIN and MAX of ``year``) instead of a DISTINCT over every row.
    """
    span = rows.order_by().aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None or span["last"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def _page(
    request: AuthedRequest,
    found: search.Found,
    template: str,
    status: int,
    **extra: object,
) -> HttpResponse:
    paginator = Paginator(found.rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    prefix = reverse("declarations:list")
    # The page shows formatted rows; the paginator only counted and sliced the queryset.
    shown = list(page.object_list)
    hits.fresh(shown)  # a summary of an older 审核规则配置 is redone as it is shown
    page.object_list = [_row(d, prefix) for d in shown]  # type: ignore[misc]
    years = _years(visible(request.user))  # every year the user has, whatever the filter
    context = {
        "page": page,
        "years": years,
        "statuses": list(Status),
        "query": request.GET,
        "more": found.more,
        "search_limit": search.SEARCH_LIMIT,
    }
    return render(request, template, {**context, **extra}, status=status)


@login_required
@require_GET
def declaration_list(request: AuthedRequest) -> HttpResponse:
    """Everything the user may see, newest first, with search and filters."""
    order = SORTS.get(request.GET.get("sort", ""), SORTS[""])
    rows = visible(request.user).defer("content", "indicator_text")
    found, status = _found_or_none(request, rows, order)
    can_file = request.user.workflow_role is Role.FILER
    return _page(request, found, "declarations/list.html", status, can_file=can_file)


@login_required
@require_GET
def library(request: AuthedRequest) -> HttpResponse:
    """财政项目库: approved declarations by year and department."""
    approved = (
        visible(request.user).filter(status=Status.APPROVED).defer("content", "indicator_text")
    )
    found, status = _found_or_none(request, approved, LIBRARY_ORDER)
    departments = Organisation.objects.filter(kind="主管部门").order_by("name")
    return _page(request, found, "declarations/library.html", status, departments=departments)
