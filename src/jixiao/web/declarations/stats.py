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
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Sum

from jixiao.export.tabular import Cell
from jixiao.model.catalogue import FieldKey, FormText, spec
from jixiao.review.registry import REGISTRY
from jixiao.web.declarations import hits
from jixiao.web.declarations.codec import from_fen
from jixiao.web.declarations.models import Declaration, FindingHit
from jixiao.web.evaluation.models import EvaluationRecord
from jixiao.web.monitoring.models import MonitoringReportRecord

K = TypeVar("K", str, int)
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
class Group:
    """One cell of the cube: forms of one 主管部门, status, 审核等级 and year."""

    department: str
    status: str
    grade: str
    year: int | None
    n: int
    fen: int
    hits: int
    flagged: int  #: forms with at least one finding
    stale: int = 0  #: forms whose review summary was computed under another 审核规则配置


@dataclass(frozen=True, slots=True)
class Scope:
    """The filtered forms, and their cube over every year (the trend ignores the year)."""

    rows: QuerySet[Declaration]
    groups: tuple[Group, ...]
    year: int | None = None

    @property
    def current(self) -> tuple[Group, ...]:
        """The cube cells of the chosen year (all when no year is chosen)."""
        return tuple(g for g in self.groups if self.year is None or g.year == self.year)

    @property
    def stale(self) -> int:
        """How many of the chosen year's forms have a stale summary (:func:`hits.stale`)."""
        return sum(g.stale for g in self.current)


def cube(all_years: QuerySet[Declaration]) -> QuerySet[Any, Any]:
    """The GROUP BY behind every count and sum of the page (one scan of the table)."""
    current = hits.current_fingerprint()
    return (
        all_years.order_by()
        .values("department_name", "status", "review_grade", "year")
        .annotate(
            n=Count("pk"),
            fen=Sum("annual_total_fen"),
            hits=Sum("finding_count"),
            flagged=Count("pk", filter=Q(finding_count__gt=0)),
            stale=Count("pk", filter=~Q(review_config=current)),
        )
    )


def scope_of(all_years: QuerySet[Declaration], year: int | None) -> Scope:
    """The forms of the chosen year, with the cube of every year (for the trend)."""
    grouped = cube(all_years)
    groups = tuple(
        Group(
            g["department_name"],
            g["status"],
            g["review_grade"],
            g["year"],
            g["n"],
            g["fen"] or 0,
            g["hits"] or 0,
            g["flagged"],
            g["stale"],
        )
        for g in grouped
    )
    rows = all_years if year is None else all_years.filter(year=year)
    return Scope(rows, groups, year)


def _wan(fen: int | None) -> Decimal:
    return from_fen(fen or 0) or Decimal(0)


def _tally(groups: tuple[Group, ...], key: Callable[[Group], K]) -> dict[K, list[int]]:
    """Per ``key``: [项目数, 分, 有发现的项目数, 发现条数] summed over the cube cells."""
    out: dict[K, list[int]] = {}
    for g in groups:
        cell = out.setdefault(key(g), [0, 0, 0, 0])
        for i, value in enumerate((g.n, g.fen, g.flagged, g.hits)):
            cell[i] += value
    return out


def _summed(
    groups: tuple[Group, ...], key: Callable[[Group], str]
) -> list[tuple[Cell, int, Decimal]]:
    """(label, 项目数, 万元) per ``key``, the largest budget first."""
    tally = _tally(groups, lambda g: key(g) or NOT_GRADED)
    ordered = sorted(tally.items(), key=lambda item: (-item[1][1], item[0]))
    return [(label, n, _wan(fen)) for label, (n, fen, _f, _h) in ordered]


def _money_chart(key: str, title: str, label: str, rows: list[tuple[Cell, int, Decimal]]) -> Chart:
    return Chart(key, title, "bar", (label, PROJECTS, BUDGET), tuple(rows), (1, 2))


def by_department(scope: Scope) -> Chart:
    rows = _summed(scope.current, lambda g: g.department)
    return _money_chart(
        "department", "各主管部门项目数与资金", spec(FieldKey.DEPARTMENT).name, rows
    )


def by_status(scope: Scope) -> Chart:
    rows = _summed(scope.current, lambda g: g.status)
    return Chart(
        "status", "各状态项目数与资金", "pie", ("状态", PROJECTS, BUDGET), tuple(rows), (1,)
    )


def by_grade(scope: Scope) -> Chart:
    rows = _summed(scope.current, lambda g: g.grade)
    return _money_chart("grade", "各审核等级项目数与资金", "审核等级", rows)


def by_year(scope: Scope) -> Chart:
    tally = _tally(tuple(g for g in scope.groups if g.year is not None), lambda g: g.year or 0)
    rows = tuple((f"{y}年度", n, _wan(fen)) for y, (n, fen, _f, _h) in sorted(tally.items()))
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
    """Per 主管部门 from the stored count on each form (no join with the hits table)."""
    tally = _tally(scope.current, lambda g: g.department or NOT_GRADED)
    ordered = sorted(tally.items(), key=lambda item: (-item[1][3], item[0]))
    rows = tuple((name, forms, hits) for name, (_n, _fen, forms, hits) in ordered)
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
    current = scope.current
    return sum(g.n for g in current), _wan(sum(g.fen for g in current))
