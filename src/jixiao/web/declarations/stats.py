"""统计: the tables behind the dashboard, each one GROUP BY over the forms the user may see.

Every table is a header and rows of cells (:mod:`jixiao.export.tabular`), so the page shows
it beside its chart and exports it to XLSX unchanged. Money is summed in integer 分 by the
database and shown in 万元 as an exact ``Decimal``; average scores are exact too (integer
hundredths summed, divided as decimals). Rule hits come from the stored summary
(:mod:`jixiao.web.declarations.hits`), never from reviewing forms on page load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from jixiao.export.tabular import Cell
from jixiao.model.catalogue import FieldKey, FormText, spec
from jixiao.review.registry import REGISTRY
from jixiao.web.declarations.codec import from_fen
from jixiao.web.declarations.models import Declaration, FindingHit
from jixiao.web.evaluation.models import EvaluationRecord
from jixiao.web.monitoring.models import MonitoringReportRecord

PROJECTS = "项目数"
BUDGET = spec(FieldKey.ANNUAL_TOTAL).name + FormText.MONEY_UNIT_SUFFIX
NOT_GRADED = "未评定"
#: How many rule codes the most-common table lists.
TOP_CODES = 15


@dataclass(frozen=True, slots=True)
class Chart:
    """One table of the 统计 page and how to draw it.

    ``kind`` is an ECharts series type (bar, pie, line); column 0 is the category, the
    columns in ``plotted`` are drawn, every column is shown in the table and exported.
    """

    key: str
    title: str
    kind: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    plotted: tuple[int, ...]

    @property
    def table(self) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...]]:
        return self.header, self.rows


@dataclass(frozen=True, slots=True)
class Scope:
    """The filtered forms, and the same filters without the year (for the trend)."""

    rows: QuerySet[Declaration]
    all_years: QuerySet[Declaration]


def _wan(fen: int | None) -> Decimal:
    return from_fen(fen or 0) or Decimal(0)


def _grouped(rows: QuerySet[Declaration], column: str) -> list[tuple[Cell, int, Decimal]]:
    grouped = (
        rows.order_by()
        .values(column)
        .annotate(n=Count("pk"), fen=Sum("annual_total_fen"))
        .order_by("-fen", column)
    )
    return [(str(g[column] or NOT_GRADED), g["n"], _wan(g["fen"])) for g in grouped]


def _money_chart(key: str, title: str, label: str, rows: list[tuple[Cell, int, Decimal]]) -> Chart:
    return Chart(key, title, "bar", (label, PROJECTS, BUDGET), tuple(rows), (1, 2))


def by_department(scope: Scope) -> Chart:
    rows = _grouped(scope.rows, "department_name")
    return _money_chart(
        "department", "各主管部门项目数与资金", spec(FieldKey.DEPARTMENT).name, rows
    )


def by_status(scope: Scope) -> Chart:
    rows = _grouped(scope.rows, "status")
    return Chart(
        "status", "各状态项目数与资金", "pie", ("状态", PROJECTS, BUDGET), tuple(rows), (1,)
    )


def by_grade(scope: Scope) -> Chart:
    rows = _grouped(scope.rows, "review_grade")
    return _money_chart("grade", "各审核等级项目数与资金", "审核等级", rows)


def by_year(scope: Scope) -> Chart:
    grouped = (
        scope.all_years.order_by()
        .exclude(year=None)
        .values("year")
        .annotate(n=Count("pk"), fen=Sum("annual_total_fen"))
        .order_by("year")
    )
    rows = tuple((f"{g['year']}年度", g["n"], _wan(g["fen"])) for g in grouped)
    return Chart("trend", "历年项目数与资金", "line", ("年度", PROJECTS, BUDGET), rows, (1, 2))


def _hits(scope: Scope) -> QuerySet[FindingHit]:
    return FindingHit.objects.filter(declaration__in=scope.rows.order_by().values("pk"))


def _rule_title(code: str) -> str:
    entry = REGISTRY.get(code)
    return "" if entry is None else entry.title


def top_codes(scope: Scope) -> Chart:
    grouped = (
        _hits(scope)
        .values("code")
        .annotate(forms=Count("declaration"), hits=Sum("count"))
        .order_by("-forms", "code")[:TOP_CODES]
    )
    rows = tuple((g["code"], _rule_title(g["code"]), g["forms"], g["hits"]) for g in grouped)
    header = ("规则代码", "检查内容", "涉及项目数", "发现条数")
    return Chart("codes", "最常见的审核发现", "bar", header, rows, (2,))


def hits_by_department(scope: Scope) -> Chart:
    grouped = (
        _hits(scope)
        .values("declaration__department_name")
        .annotate(forms=Count("declaration", distinct=True), hits=Sum("count"))
        .order_by("-hits", "declaration__department_name")
    )
    rows = tuple(
        (g["declaration__department_name"] or NOT_GRADED, g["forms"], g["hits"]) for g in grouped
    )
    header = (spec(FieldKey.DEPARTMENT).name, "有发现的项目数", "发现条数")
    return Chart("code_departments", "各主管部门审核发现", "bar", header, rows, (2,))


def lights(scope: Scope) -> Chart:
    reports = MonitoringReportRecord.objects.filter(declaration__in=scope.rows.values("pk"))
    grouped = reports.values("overall_light").annotate(n=Count("pk")).order_by("-n")
    rows = tuple((g["overall_light"], g["n"]) for g in grouped)
    return Chart("lights", "绩效监控预警", "pie", ("项目预警", "监控表数"), rows, (1,))


def _average(total: int | None, n: int) -> Decimal:
    return (Decimal(total or 0) / 100 / n).quantize(Decimal("0.01")) if n else Decimal(0)


def scores(scope: Scope) -> Chart:
    records = EvaluationRecord.objects.filter(declaration__in=scope.rows.values("pk"))
    grouped = (
        records.values("grade")
        .annotate(n=Count("pk"), points=Sum("total_hundredths"))
        .order_by("grade")
    )
    rows = tuple((g["grade"], g["n"], _average(g["points"], g["n"])) for g in grouped)
    return Chart(
        "scores", "绩效自评等级与平均分", "bar", ("自评等级", "自评表数", "平均分"), rows, (1,)
    )


#: The dashboard's tables in page order, by key (the export URL names one).
CHARTS: dict[str, Callable[[Scope], Chart]] = {
    "department": by_department,
    "status": by_status,
    "grade": by_grade,
    "trend": by_year,
    "codes": top_codes,
    "code_departments": hits_by_department,
    "lights": lights,
    "scores": scores,
}


def charts(scope: Scope) -> list[Chart]:
    return [make(scope) for make in CHARTS.values()]


def totals(scope: Scope) -> tuple[int, Decimal]:
    """项目数 and 年度资金总额 of the filtered forms."""
    summed = scope.rows.order_by().aggregate(n=Count("pk"), fen=Sum("annual_total_fen"))
    return summed["n"], _wan(summed["fen"])
