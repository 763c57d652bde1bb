"""Exports read back and compared field by field with the forms and the documented columns."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.data import seed_bytes
from jixiao.export import GOAL_INFO, INDICATOR, form_list, to_xlsx, yitihua_tables
from jixiao.export.docs import render
from jixiao.export.yitihua import compute_sign, index_value, project_code
from jixiao.importers.detect import import_bytes
from jixiao.model import Indicator
from jixiao.values import parse_value

SEED = import_bytes(seed_bytes(), "seed.txt").declarations


def _seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes())
    return path


def _check_goal_rows(rows: list[dict[str, str]]) -> None:
    assert [r["PRO_NAME"] for r in rows] == [d.project_name for d in SEED]
    for row, decl in zip(rows, SEED, strict=True):
        assert list(row) == [c.name for c in GOAL_INFO]
        assert row["FISCAL_YEAR"] == str(decl.year)
        assert row["PRO_CODE"] == project_code(decl)
        assert row["AGENCY_NAME"] == decl.department.name
        assert row["IMPL_AGENCY_NAME"] == decl.implementer.name
        assert row["KPI_TARGET"] == decl.annual_goal
        assert Decimal(row["ANNUAL_AMT"]) == decl.funding.annual_total
        assert row["FISCAL_AMT"] == format(decl.funding.fiscal, "f")
        assert row["FIN_PERF_CODE"] == ("1" if decl.verdict else "0")


def _check_indicator_rows(rows: list[dict[str, str]]) -> None:
    expected = [(d, g, i) for d in SEED for g in d.groups for i in g.real_indicators]
    assert len(rows) == len(expected)
    for row, (decl, group, ind) in zip(rows, expected, strict=True):
        assert list(row) == [c.name for c in INDICATOR]
        assert row["PRO_CODE"] == project_code(decl)
        assert row["LV1_PERF_IND_NAME"] == group.level1.value
        assert row["LV2_PERF_IND_NAME"] == group.level2.value
        assert row["LV3_PERF_IND_NAME"] == ind.name
        assert row["KPI_VAL"] == ind.value_text
        assert row["COMPUTESIGN"] == compute_sign(ind)
        assert row["LV3_PERF_IND_CODE"].startswith(row["PRO_CODE"])
        assert row["LV2_PERF_IND_CODE"].startswith(row["LV1_PERF_IND_CODE"])


def test_it_exports_yitihua_json_that_reads_back_field_by_field(tmp_path: Path) -> None:
    out = tmp_path / "一体化.json"
    assert (
        main(
            [
                "export",
                str(_seed_file(tmp_path)),
                "--to",
                "yitihua",
                "-o",
                str(out),
                "--mof-div",
                "640100",
            ]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    _check_goal_rows(data["PM_PERF_GOAL_INFO"])
    _check_indicator_rows(data["PM_PERF_INDICATOR"])
    assert {r["MOF_DIV_CODE"] for r in data["PM_PERF_INDICATOR"]} == {"640100"}


def test_it_exports_yitihua_xlsx_with_text_cells(tmp_path: Path) -> None:
    out = tmp_path / "一体化.xlsx"
    assert main(["export", str(_seed_file(tmp_path)), "--to", "yitihua", "-o", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["PM_PERF_GOAL_INFO", "PM_PERF_INDICATOR"]
    for name, check in (
        ("PM_PERF_GOAL_INFO", _check_goal_rows),
        ("PM_PERF_INDICATOR", _check_indicator_rows),
    ):
        header, *rows = [
            ["" if v is None else v for v in r] for r in book[name].iter_rows(values_only=True)
        ]
        check([dict(zip(header, r, strict=True)) for r in rows])


def test_it_exports_yitihua_as_one_csv_per_element(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert main(["export", str(_seed_file(tmp_path)), "--to", "yitihua", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "PM_PERF_GOAL_INFO.csv",
        "PM_PERF_INDICATOR.csv",
    ]
    raw = (out / "PM_PERF_INDICATOR.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads UTF-8 only with the BOM
    _check_indicator_rows(list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))))
    goal = (out / "PM_PERF_GOAL_INFO.csv").read_text(encoding="utf-8-sig")
    _check_goal_rows(list(csv.DictReader(io.StringIO(goal))))


def test_it_exports_the_form_list_with_an_exact_totals_row(tmp_path: Path) -> None:
    out = tmp_path / "清单.xlsx"
    assert main(["export", str(_seed_file(tmp_path)), "--to", "xlsx", "-o", str(out)]) == 0
    header, *rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert header[:3] == ("年度", "项目名称", "主管部门")
    *forms, total = rows
    assert [r[1] for r in forms] == [d.project_name for d in SEED]
    assert total[0] == "合计" and total[1] == f"{len(SEED)}项"
    column = header.index("年度资金总额（万元）")
    expected = sum((d.funding.annual_total for d in SEED if d.funding.annual_total), Decimal(0))
    assert Decimal(str(total[column])) == expected == Decimal("2028.70")
    assert total[-1] == sum(r[-1] for r in forms)


def test_csv_list_keeps_amounts_exact(tmp_path: Path) -> None:
    out = tmp_path / "清单.csv"
    assert main(["export", str(_seed_file(tmp_path)), "--to", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[-1][6] == "2028.70"
    assert rows[1][6] == "53.15"


def test_it_keeps_formula_like_text_as_text() -> None:
    header, rows = form_list(SEED[:1])
    rows = [['=HYPERLINK("x")', *rows[0][1:]], rows[1]]
    sheet = load_workbook(io.BytesIO(to_xlsx({"s": (header, rows)}))).active
    assert sheet.cell(row=2, column=1).value == '=HYPERLINK("x")'
    assert sheet.cell(row=2, column=1).data_type == "s"


@pytest.mark.parametrize(
    ("value", "sign", "number"),
    [
        ("≥35个", "1", "35"),
        (">5次", "2", "5"),
        ("=100.00(%)", "3", "100"),
        ("100%", "3", "100"),
        ("＜1%", "4", "1"),
        ("≤1.1万册", "5", "11000"),
        ("合格", "6", ""),
        ("1-12月", "6", ""),
        ("无", "6", ""),
    ],
)
def test_it_codes_the_compute_sign_and_the_number(value: str, sign: str, number: str) -> None:
    ind = Indicator("x", value, parse_value(value))
    assert (compute_sign(ind), index_value(ind)) == (sign, number)


def test_it_gives_a_project_the_same_code_in_every_export() -> None:
    first = yitihua_tables(SEED)["PM_PERF_GOAL_INFO"][1]
    again = yitihua_tables(reversed(SEED))["PM_PERF_GOAL_INFO"][1]
    assert sorted(r[2] for r in first) == sorted(r[2] for r in again)
    assert len({r[2] for r in first}) == len(SEED)


def test_it_refuses_a_missing_file_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.json"
    assert main(["export", str(tmp_path / "无.txt"), "--to", "yitihua", "-o", str(out)]) == 2
    assert "文件不存在" in capsys.readouterr().err and not out.exists()


def test_the_export_reference_is_current() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "export.md"
    assert doc.read_text(encoding="utf-8") == render(), (
        "run `python -m jixiao.export.docs > docs/export.md`"
    )
