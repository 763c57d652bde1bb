"""统计: the dashboard of the forms the user may see, each chart with its table and XLSX."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.export.tabular import to_csv, to_xlsx
from jixiao.review.scoring import Grade
from jixiao.web.accounts.models import AuthedRequest, Organisation, OrgKind
from jixiao.web.declarations import inputs, stats
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import Declaration
from jixiao.web.declarations.views.listing import filtered
from jixiao.workflow import Role, Status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def scope(request: AuthedRequest) -> stats.Scope:
    """The user's forms under the page's filters (InputError when a filter is bad)."""
    text = request.GET.get("year", "").strip()
    year = inputs.parse_year(text) if text else None
    without_year = request.GET.copy()
    without_year.pop("year", None)
    return stats.scope_of(filtered(without_year, visible(request.user)), year)


def departments(request: AuthedRequest) -> list[Organisation]:
    """The 主管部门 the user may filter by: all for 财政 and 管理员, its own for a 主管部门."""
    user = request.user
    if user.is_superuser or user.workflow_role in {Role.FINANCE_REVIEWER, Role.ADMIN}:
        return list(Organisation.objects.filter(kind=OrgKind.DEPARTMENT).order_by("name"))
    if user.workflow_role is Role.DEPARTMENT_REVIEWER and user.organisation is not None:
        return [user.organisation]
    return []


def _years(request: AuthedRequest) -> list[int]:
    rows = visible(request.user).order_by().exclude(year=None)
    years = rows.values_list("year", flat=True).distinct()
    return sorted((y for y in years if y is not None), reverse=True)


def _data(chart: stats.Chart) -> dict[str, object]:
    """The chart's rows for ECharts: numbers as exact decimal text, never floats."""
    rows = [[str(c) for c in row] for row in chart.rows]
    return {"kind": chart.kind, "header": chart.header, "plotted": chart.plotted, "rows": rows}


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    """统计: counts and money by department, status, grade and year; rule hits; lights; scores."""
    try:
        current = scope(request)
    except inputs.InputError as exc:
        messages.error(request, f"筛选条件有误：{exc}")
        current, code = stats.scope_of(Declaration.objects.none(), None), 400
    else:
        code = 200
    charts = [(c, _data(c)) for c in stats.charts(current)]
    count, budget = stats.totals(current)
    context = {
        "charts": charts,
        "count": count,
        "budget": budget,
        "stale": current.stale,
        "query": request.GET,
        "years": _years(request),
        "statuses": list(Status),
        "grades": list(Grade),
        "departments": departments(request),
    }
    return render(request, "declarations/statistics.html", context, status=code)


@login_required
@require_GET
def chart_export(request: AuthedRequest, key: str, fmt: str) -> HttpResponse:
    """One dashboard table under the same filters, as XLSX (or CSV)."""
    make = stats.CHARTS.get(key)
    if make is None or fmt not in {"xlsx", "csv"}:
        raise Http404("没有这个统计表")
    try:
        chart = make(scope(request))
    except inputs.InputError as exc:
        return HttpResponse(f"筛选条件有误：{exc}", status=400, content_type="text/plain")
    if fmt == "xlsx":
        return attachment(to_xlsx({chart.title: chart.table}), XLSX, f"{chart.title}.xlsx")
    return attachment(to_csv(chart.table), "text/csv; charset=utf-8", f"{chart.title}.csv")


def attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
