"""指标库 pages: search the library, live suggestions for the editor, bundles, far-out values.

Everything here is read-only and open to every signed-in user (the library holds no
organisation's private data beyond names of approved, published projects); curators change
entries in the admin. Inputs are bounded: a query longer than :data:`MAX_QUERY` is 400.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.library import EntryStatus, LibraryFileError, read_library, write_library
from jixiao.model import Level2
from jixiao.values import parse_value
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations.access import require_role
from jixiao.web.indicators.models import LibraryEntry
from jixiao.web.indicators.service import (
    import_library,
    learn_approved,
    stored_library,
    suggester,
    to_entry,
)
from jixiao.web.limits import TooLarge, check_upload, too_large
from jixiao.workflow import Role

MAX_QUERY = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _param(request: HttpRequest, name: str) -> str:
    text = request.GET.get(name, "").strip()
    if len(text) > MAX_QUERY:
        raise BadRequest(f"“{name}”过长（最多{MAX_QUERY}个字）")
    return text


def _level2(request: HttpRequest) -> str:
    text = _param(request, "level2")
    if text and text not in Level2._value2member_map_:
        raise BadRequest(f"“{text}”不是二级指标")
    return text


@login_required
@require_GET
def search(request: AuthedRequest) -> HttpResponse:
    """指标库: entries by name or alias, optionally under one 二级指标."""
    q, level2 = _param(request, "q"), _level2(request)
    rows = LibraryEntry.objects.exclude(status=EntryStatus.RETIRED)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(explanation__icontains=q))
    if level2:
        rows = rows.filter(level2=level2)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, object] = {
        "page": page,
        "entries": [to_entry(row) for row in page],
        "q": q,
        "level2": level2,
        "levels": [lv.value for lv in Level2],
    }
    context["can_learn"] = request.user.workflow_role is Role.ADMIN
    return render(request, "indicators/search.html", context)


@login_required
@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The editor's live suggestions for a typed 三级指标 name (an htmx fragment)."""
    hits = suggester().names(_param(request, "q"), limit=8, level2=_level2(request))
    return render(request, "indicators/_suggestions.html", {"hits": hits})


@login_required
@require_GET
def bundle(request: HttpRequest) -> HttpResponse:
    """The indicators projects like the named one usually declare (an htmx fragment)."""
    answer = suggester().bundle(_param(request, "name"), limit=20)
    return render(request, "indicators/_bundle.html", {"answer": answer})


@login_required
@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """Whether a typed 指标值 lies far outside what the library learnt (an htmx fragment)."""
    value = parse_value(_param(request, "value"))
    far = suggester().outlier(_level2(request), _param(request, "name"), value)
    return render(request, "indicators/_check.html", {"far": far})


@login_required
@require_POST
def relearn(request: AuthedRequest) -> HttpResponse:
    """管理员: learn the library again from every approved declaration."""
    require_role(request.user, Role.ADMIN)
    result = learn_approved()
    messages.success(
        request,
        f"已从{result.forms}份已通过的申报表学习，指标库现有{result.entries}个条目"
        f"（其中人工整理{result.curated}个）。",
    )
    return redirect("indicators:search")


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The whole library as the Excel workbook ``jixiao library build`` writes."""
    data = write_library(stored_library())
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('指标库.xlsx')}"
    return response


@login_required
@require_POST
def upload(request: AuthedRequest) -> HttpResponse:
    """管理员: import a library workbook (ours, or the 9-column layout other tools use)."""
    require_role(request.user, Role.ADMIN)
    file = request.FILES.get("file")
    if file is None:
        raise BadRequest("请选择要导入的指标库 Excel 文件")
    try:
        check_upload(file)
        count = import_library(read_library(file.read(), file.name or "指标库.xlsx"))
    except TooLarge as exc:
        return too_large(request, str(exc))
    except LibraryFileError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:search")
    messages.success(request, f"已导入{count}个指标库条目（编号相同的条目已替换）。")
    return redirect("indicators:search")
