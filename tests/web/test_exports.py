"""Web exports read back: the list and the 项目库 (XLSX, CSV) and the 一体化 elements (XLSX,
JSON, CSV ZIP), each against its documented columns and the stored forms, field by field."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.web.declarations import codec, store
from jixiao.web.declarations.models import AuditEntry, Declaration
from jixiao.web.declarations.views import export
from tests.web.conftest import World, seed_forms

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _documented_list_columns() -> list[str]:
    text = (DOCS / "analytics.md").read_text(encoding="utf-8")
    line = re.search(r"^网页清单的列：(.+)。$", text, re.M)
    assert line, "docs/analytics.md names the list columns"
    return line.group(1).split("、")


def _documented_elements(title: str) -> list[str]:
    section = (DOCS / "export.md").read_text(encoding="utf-8").split(f"## {title}")[1]
    section = section.split("\n## ")[0]
    return re.findall(r"^\| `([A-Z0-9_]+)` \|", section, re.M)


def _xlsx(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel on Chinese Windows needs the BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _get(client: Client, name: str, fmt: str, **query: str) -> bytes:
    response = client.get(reverse(f"declarations:{name}", args=[fmt]), query)
    assert response.status_code == 200, response.content[:200]
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _forms(world: World) -> list[Declaration]:
    mine = [world.declaration("通过", index=0), world.declaration(index=1)]
    other = store.create(world.users["outsider"], world.other_unit, seed_forms()[3], "导入")
    return [*mine, other]


def _amount(text: str) -> Decimal | None:
    return None if text == "" else Decimal(text)


def _check_list(table: list[list[str]], rows: list[Declaration]) -> None:
    header = table[0]
    assert header == _documented_list_columns()
    col = {name: i for i, name in enumerate(header)}
    body, total = table[1:-1], table[-1]
    by_name = {r.project_name: r for r in rows}
    assert sorted(line[col["项目名称"]] for line in body) == sorted(by_name)
    for line in body:
        row = by_name[line[col["项目名称"]]]
        form = codec.from_text(row.content)
        assert line[col["年度"]] == str(row.year)
        assert line[col["主管部门"]] == row.department_name
        assert line[col["实施单位"]] == row.implementer_name
        assert line[col["项目属性"]] == row.attribute
        assert Decimal(line[col["年度资金总额（万元）"]]) == codec.from_fen(row.annual_total_fen)
        assert _amount(line[col["财政拨款（万元）"]]) == codec.from_fen(row.fiscal_fen)
        assert _amount(line[col["其他资金（万元）"]]) == codec.from_fen(row.other_fen)
        assert int(line[col["三级指标数"]]) == sum(len(g.real_indicators) for g in form.groups)
        assert line[col["状态"]] == row.status
    assert total[0] == "合计" and total[1] == f"{len(rows)}项"
    exact = sum((codec.from_fen(r.annual_total_fen) or Decimal(0) for r in rows), Decimal(0))
    assert Decimal(total[col["年度资金总额（万元）"]]) == exact
    assert total[col["状态"]] == ""


def test_it_exports_the_list_as_xlsx_and_csv_with_the_filters(world: World) -> None:
    rows = _forms(world)
    finance = world.client("finance")
    _check_list(_xlsx(_get(finance, "list_export", "xlsx")), rows)
    _check_list(_csv(_get(finance, "list_export", "csv")), rows)
    drafts = [r for r in rows if r.status == "草稿"]
    _check_list(_xlsx(_get(finance, "list_export", "xlsx", status="草稿")), drafts)
    assert AuditEntry.objects.filter(event="导出").count() == 3


def test_it_exports_only_what_the_user_may_see(world: World) -> None:
    rows = _forms(world)
    mine = [r for r in rows if r.organisation_id == world.unit.pk]
    _check_list(_xlsx(_get(world.client("filer"), "list_export", "xlsx")), mine)
    theirs = [r for r in rows if r.organisation_id == world.other_unit.pk]
    _check_list(_csv(_get(world.client("outsider"), "list_export", "csv")), theirs)


def test_it_exports_the_library_with_its_totals_row(world: World) -> None:
    rows = _forms(world)
    approved = [r for r in rows if r.status == "通过"]
    table = _xlsx(_get(world.client("department"), "library_export", "xlsx"))
    _check_list(table, approved)
    assert [line[1] for line in table[1:-1]] == sorted(r.project_name for r in approved)


def test_it_exports_the_yitihua_elements_field_by_field(world: World) -> None:
    rows = _forms(world)
    data = json.loads(_get(world.client("finance"), "yitihua_export", "json"))
    goals, indicators = data["PM_PERF_GOAL_INFO"], data["PM_PERF_INDICATOR"]
    assert list(goals[0]) == _documented_elements("PM_PERF_GOAL_INFO")
    assert list(indicators[0]) == _documented_elements("PM_PERF_INDICATOR")
    by_name = {r.project_name: r for r in rows}
    assert sorted(g["PRO_NAME"] for g in goals) == sorted(by_name)
    per_code = Counter(i["PRO_CODE"] for i in indicators)
    for goal in goals:
        row = by_name[goal["PRO_NAME"]]
        form = codec.from_text(row.content)
        assert goal["FISCAL_YEAR"] == str(row.year)
        assert goal["AGENCY_NAME"] == row.department_name
        assert goal["IMPL_AGENCY_NAME"] == row.implementer_name
        assert Decimal(goal["ANNUAL_AMT"]) == codec.from_fen(row.annual_total_fen)
        assert goal["KPI_TARGET"] == form.annual_goal
        assert goal["VERSIONTYPE"] == ("2" if row.status == "通过" else "1")
        names = [i.name for g in form.groups for i in g.real_indicators]
        assert per_code[goal["PRO_CODE"]] == len(names)
        exported = [i["LV3_PERF_IND_NAME"] for i in indicators if i["PRO_CODE"] == goal["PRO_CODE"]]
        assert exported == names


def test_it_exports_the_yitihua_elements_as_xlsx_and_a_zip_of_csv(world: World) -> None:
    _forms(world)
    finance = world.client("finance")
    book = load_workbook(io.BytesIO(_get(finance, "yitihua_export", "xlsx")))
    assert book.sheetnames == ["PM_PERF_GOAL_INFO", "PM_PERF_INDICATOR"]
    archive = zipfile.ZipFile(io.BytesIO(_get(finance, "yitihua_export", "zip")))
    assert sorted(archive.namelist()) == ["PM_PERF_GOAL_INFO.csv", "PM_PERF_INDICATOR.csv"]
    for name in book.sheetnames:
        sheet = [
            ["" if c is None else str(c) for c in r] for r in book[name].iter_rows(values_only=True)
        ]
        assert _csv(archive.read(f"{name}.csv")) == sheet
        assert sheet[0] == _documented_elements(name)


def test_it_refuses_a_selection_over_the_limit_and_a_bad_filter(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forms(world)
    monkeypatch.setattr(export, "MAX_EXPORT_ROWS", 2)
    response = world.client("finance").get(reverse("declarations:list_export", args=["xlsx"]))
    assert response.status_code == 400 and "超过2份" in response.content.decode()
    response = world.client("finance").get(
        reverse("declarations:list_export", args=["csv"]), {"year": "x"}
    )
    assert response.status_code == 400
    assert (
        world.client("finance").get(reverse("declarations:list_export", args=["pdf"])).status_code
        == 404
    )
