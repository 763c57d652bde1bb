"""统计: counts, money, rule hits, lights and scores of what each user may see; XLSX per table."""

from __future__ import annotations

import dataclasses
import datetime
import io
from collections import Counter
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.web.declarations import codec, engine, store
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World, seed_forms

URL = reverse("declarations:statistics")


def _charts(client: Client, **query: str) -> dict[str, Any]:
    response = client.get(URL, query)
    assert response.status_code == 200
    return {chart.key: chart for chart, _ in response.context["charts"]}


def _three(world: World) -> list[Declaration]:
    """Two forms of unit A (one approved), one of the outsider's unit B."""
    mine = [world.declaration("通过", index=0), world.declaration(index=1)]
    other = store.create(world.users["outsider"], world.other_unit, seed_forms()[2], "导入")
    return [*mine, other]


def _wan(rows: list[Declaration]) -> Decimal:
    return sum((codec.from_fen(r.annual_total_fen) or Decimal(0) for r in rows), Decimal(0))


def test_it_counts_projects_and_money_by_department_for_finance(world: World) -> None:
    rows = _three(world)
    table = _charts(world.client("finance"))["department"].rows
    expected = {
        name: (len(group), _wan(group))
        for name in {r.department_name for r in rows}
        for group in [[r for r in rows if r.department_name == name]]
    }
    assert {row[0]: (row[1], row[2]) for row in table} == expected


def test_it_shows_a_unit_only_its_own_forms(world: World) -> None:
    rows = _three(world)
    mine = [r for r in rows if r.organisation_id == world.unit.pk]
    charts = _charts(world.client("filer"))
    assert sum(row[1] for row in charts["status"].rows) == len(mine)
    assert {row[0] for row in charts["department"].rows} == {mine[0].department_name}
    outsider = _charts(world.client("outsider"), org=str(world.department.pk))
    assert outsider["department"].rows == ()


def test_it_counts_rule_hits_as_the_review_finds_them(world: World) -> None:
    rows = _three(world)
    expected_forms: Counter[str] = Counter()
    expected_hits: Counter[str] = Counter()
    for row in rows:
        codes = Counter(f.code for f in engine.review(codec.from_text(row.content)).findings)
        expected_forms.update(codes.keys())
        expected_hits.update(codes)
    table = _charts(world.client("finance"))["codes"].rows
    assert table, "the seed forms have findings"
    for code, _title, forms, hits in table:
        assert (forms, hits) == (expected_forms[code], expected_hits[code])
    assert len(table) == min(len(expected_forms), 15)
    per_department = _charts(world.client("finance"))["code_departments"].rows
    assert sum(hits for _d, _f, hits in per_department) == sum(expected_hits.values())
    assert {d: f for d, f, _h in per_department} == {
        name: sum(1 for r in rows if r.department_name == name and r.finding_hits.exists())
        for name in {r.department_name for r in rows}
    }


def test_it_recounts_hits_and_grade_when_a_form_is_saved(world: World) -> None:
    row = world.declaration()
    form = codec.from_text(row.content)
    emptied = dataclasses.replace(form, groups=())
    store.save(world.users["filer"], row, emptied, row.revision)
    review = engine.review(codec.from_text(Declaration.objects.get(pk=row.pk).content))
    codes = Counter(f.code for f in review.findings)
    charts = _charts(world.client("filer"))
    assert {c: h for c, _t, _f, h in charts["codes"].rows} == dict(codes.most_common(15))
    assert [g[0] for g in charts["grade"].rows] == [review.grade]


def test_it_filters_by_year_department_status_and_grade(world: World) -> None:
    rows = _three(world)
    finance = world.client("finance")
    by_org = _charts(finance, org=str(world.department.pk))["status"].rows
    assert sum(r[1] for r in by_org) == 2
    approved = _charts(finance, status="通过")["department"].rows
    assert [(r[0], r[1]) for r in approved] == [(rows[0].department_name, 1)]
    grade = rows[2].review_grade
    graded = _charts(finance, grade=grade)["grade"].rows
    assert [r[0] for r in graded] == [grade]
    none = _charts(finance, year="2030")
    assert none["department"].rows == ()
    assert [r[0] for r in none["trend"].rows] == ["2025年度"]  # the trend ignores the year


def test_it_answers_400_on_a_bad_filter(world: World) -> None:
    assert world.client("finance").get(URL, {"year": "abc"}).status_code == 400
    assert world.client("finance").get(URL, {"org": "x"}).status_code == 400


def test_it_counts_monitoring_lights_and_self_evaluation_scores(world: World) -> None:
    from jixiao.web.evaluation import store as evaluation
    from jixiao.web.evaluation.models import EvaluationRecord
    from jixiao.web.monitoring import store as monitoring
    from jixiao.web.monitoring.models import MonitoringReportRecord

    _three(world)
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    monitoring.open_round(world.users["finance"], 2025, 6, deadline)
    evaluation.open_round(world.users["finance"], 2025, deadline)
    charts = _charts(world.client("finance"))
    lights = Counter(MonitoringReportRecord.objects.values_list("overall_light", flat=True))
    assert dict((r[0], r[1]) for r in charts["lights"].rows) == dict(lights)
    record = EvaluationRecord.objects.get()
    assert charts["scores"].rows == ((record.grade, 1, record.total.quantize(Decimal("0.01"))),)


def test_it_exports_each_table_as_shown(world: World) -> None:
    _three(world)
    finance = world.client("finance")
    for key, chart in _charts(finance, status="草稿").items():
        url = reverse("declarations:statistics_export", args=[key, "xlsx"])
        response = finance.get(url, {"status": "草稿"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [
            [str(c) if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)
        ]
        assert cells[0] == list(chart.header)
        assert cells[1:] == [[str(c) for c in row] for row in chart.rows]


def test_it_draws_charts_from_the_vendored_echarts(world: World) -> None:
    page = world.client("filer").get(URL).content.decode()
    assert "jixiao/echarts.min.js" in page and "jixiao/charts.js" in page
    assert "http://" not in page.split("<main>")[1] and "https://" not in page


def test_it_says_how_many_of_the_filtered_forms_have_a_stale_summary(world: World) -> None:
    rows = _three(world)
    Declaration.objects.filter(pk=rows[0].pk).update(year=2031, review_config="0" * 16)
    Declaration.objects.filter(pk=rows[2].pk).update(year=2032, review_config="0" * 16)
    finance = world.client("finance")

    def stale(**query: str) -> int:
        response = finance.get(URL, query)
        assert response.status_code == 200
        return int(response.context["stale"])

    assert stale() == 2
    assert stale(year="2031") == 1
    assert stale(year="2032") == 1
    assert stale(year=str(rows[1].year)) == 0
    assert (
        "其中 2 份申报表的审核摘要是按此前的审核规则配置计算的" in finance.get(URL).content.decode()
    )
    Declaration.objects.filter(pk=rows[2].pk).update(
        archived_at=datetime.datetime.now(datetime.UTC)
    )
    assert stale() == 1
