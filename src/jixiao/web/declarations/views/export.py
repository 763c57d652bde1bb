"""Exports of what the user may see under the current filters: lists, 项目库, 一体化.

The list and the 项目库 are :func:`jixiao.export.form_list` (one row per form, catalogue
labels, exact 合计 row) with the web's own 状态 column after it; the 一体化 export is
:func:`jixiao.export.yitihua_tables`. Each is bounded by :data:`MAX_EXPORT_ROWS` forms: a
larger selection answers 400 in Chinese and asks for a narrower filter.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from jixiao.export import form_list, to_csv, to_json, to_xlsx, yitihua_tables
from jixiao.export.tabular import Cell, Table
from jixiao.web.accounts.models import AuthedRequest
from jixiao.web.declarations import codec, hits, inputs, store
from jixiao.web.declarations.access import visible
from jixiao.web.declarations.models import Declaration
from jixiao.web.declarations.views.listing import filtered
from jixiao.web.declarations.views.statistics import XLSX, attachment
from jixiao.workflow import Status

#: Most forms one export may hold (decoding is ~1 ms a form; see docs/benchmarks.md).
MAX_EXPORT_ROWS = 5000
STATUS_HEADER = "状态"
#: After 状态: the stored review summary, under the 审核规则配置 in force.
SUMMARY_HEADERS = ("审核等级", "审核发现条数")
LIST_TITLE = "申报表清单"
LIBRARY_TITLE = "财政项目库"
YITIHUA_TITLE = "一体化绩效目标"


class TooMany(Exception):
    """The filtered selection is larger than :data:`MAX_EXPORT_ROWS`."""


def _selection(request: AuthedRequest, rows: QuerySet[Declaration]) -> list[Declaration]:
    rows = filtered(request.GET, rows)
    chosen = list(rows[: MAX_EXPORT_ROWS + 1])
    if len(chosen) > MAX_EXPORT_ROWS:
        raise TooMany(
            f"所选申报表超过{MAX_EXPORT_ROWS}份，请缩小筛选范围（年度、部门、状态）后再导出"
        )
    return chosen


def with_status(rows: Sequence[Declaration]) -> Table:
    """The form list of ``rows`` with 状态, 审核等级 and 审核发现条数 last (blank in 合计).

    Summaries an older 审核规则配置 produced are recomputed first, so an export made before
    the 审核摘要重算 job has finished shows the findings of the configuration in force.
    """
    hits.fresh(rows)
    header, body = form_list(codec.from_text(r.content) for r in rows)
    web: list[list[Cell]] = [[r.status, r.review_grade, r.finding_count] for r in rows]
    web.append(["", "", ""])  # the 合计 row
    return [*header, STATUS_HEADER, *SUMMARY_HEADERS], [
        [*line, *extra] for line, extra in zip(body, web, strict=True)
    ]


def _table(
    request: AuthedRequest, rows: QuerySet[Declaration], fmt: str, title: str
) -> HttpResponse:
    if fmt not in {"xlsx", "csv"}:
        raise Http404("不支持的导出格式")
    try:
        chosen = _selection(request, rows)
    except (inputs.InputError, TooMany) as exc:
        return HttpResponse(
            f"无法导出：{exc}", status=400, content_type="text/plain; charset=utf-8"
        )
    table = with_status(chosen)
    store.audit(request.user, None, "导出", f"{title}（{fmt}）{len(chosen)}份")
    if fmt == "xlsx":
        return attachment(to_xlsx({title: table}), XLSX, f"{title}.xlsx")
    return attachment(to_csv(table), "text/csv; charset=utf-8", f"{title}.csv")


@login_required
@require_GET
def list_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """申报表清单 under the list's filters, newest first (the order of the page)."""
    rows = visible(request.user).order_by("-updated_at")
    return _table(request, rows, fmt, LIST_TITLE)


@login_required
@require_GET
def library_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """财政项目库 (approved forms) under its filters, in the page's order, with 合计."""
    rows = visible(request.user).filter(status=Status.APPROVED)
    rows = rows.order_by("-year", "department_name", "project_name")
    return _table(request, rows, fmt, LIBRARY_TITLE)


def _yitihua_bytes(tables: dict[str, tuple[list[str], list[list[str]]]], fmt: str) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(tables)
    if fmt == "json":
        return to_json(tables)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, table in tables.items():
            archive.writestr(f"{name}.csv", to_csv(table))
    return out.getvalue()


_YITIHUA_TYPES = {"xlsx": XLSX, "json": "application/json", "zip": "application/zip"}


@login_required
@require_GET
def yitihua_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """一体化 data elements of the listed forms: XLSX, JSON, or a ZIP of one CSV per element."""
    if fmt not in _YITIHUA_TYPES:
        raise Http404("不支持的导出格式")
    try:
        chosen = _selection(request, visible(request.user).order_by("-updated_at"))
    except (inputs.InputError, TooMany) as exc:
        return HttpResponse(
            f"无法导出：{exc}", status=400, content_type="text/plain; charset=utf-8"
        )
    tables = yitihua_tables(codec.from_text(r.content) for r in chosen)
    store.audit(request.user, None, "导出", f"{YITIHUA_TITLE}（{fmt}）{len(chosen)}份")
    return attachment(_yitihua_bytes(tables, fmt), _YITIHUA_TYPES[fmt], f"{YITIHUA_TITLE}.{fmt}")
