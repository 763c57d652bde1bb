"""统计 in a real browser against a real ``jixiao serve --demo`` (gunicorn).

The 市第一中学's 填报人 imports a seed form, so the demo has two 主管部门; the 财政审核人
opens 统计 and sees the charts drawn by the vendored ECharts beside their tables, filters
one 主管部门, sees only its projects, and exports the list to Excel; the download's rows are
those projects with the exact 合计. Screenshots as in the story test.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.data import seed_bytes
from jixiao.web.demo import OFFICE, OTHER_DEPARTMENT
from tests.web.test_e2e_story import (  # noqa: F401  (fixtures, and the chromium skip)
    Story,
    pytestmark,
)
from tests.web.test_e2e_story import browser as browser
from tests.web.test_e2e_story import server as server

SEED_TOTALS = ("53.15", "60", "12", "150", "978", "763", "12.55")  #: the seed's 年度资金总额


def _one_form(tmp_path: Path) -> Path:
    first_form = seed_bytes().decode("utf-8").split("附件2：")[1]
    upload = tmp_path / "一中的项目.txt"
    upload.write_text("附件2：" + first_form, encoding="utf-8")
    return upload


def _table(page: object, key: str) -> list[list[str]]:
    rows = page.locator(f"#stat-{key} table.stat-table tbody tr")  # type: ignore[attr-defined]
    return [
        [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_finance_filters_a_department_and_exports_the_list(
    server: tuple[str, dict[str, str]], browser: object, tmp_path: Path
) -> None:
    base, passwords = server
    story = Story(browser, base, passwords)
    page = story.login("yizhong")
    page.click("text=导入文件")
    page.set_input_files("input[type=file]", str(_one_form(tmp_path)))
    page.click("button:has-text('导入')")
    page.wait_for_url(re.compile(r"/edit/$"))

    page = story.login("caizheng")
    page.click("header nav a:has-text('统计')")
    page.wait_for_selector("#stat-department .chart[data-drawn='1'] svg")
    departments = {row[0]: int(row[1]) for row in _table(page, "department")}
    assert departments == {OFFICE: 7, OTHER_DEPARTMENT: 1}
    assert page.locator(".chart[data-drawn='1']").count() >= 4  # drawn offline, no CDN
    story.shot("13-statistics")

    page.select_option("select[name=org]", label=OFFICE)
    page.click("form.filters button:has-text('筛选')")
    page.wait_for_url(re.compile(r"org="))
    page.wait_for_selector("#stat-department .chart[data-drawn='1'] svg")
    assert [row[0] for row in _table(page, "department")] == [OFFICE]
    assert page.inner_text("#count") == "7"
    story.shot("14-statistics-department")

    with page.expect_download() as download:
        page.click("a:has-text('导出申报表清单（Excel）')")
    data = Path(download.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    header, body, total = rows[0], rows[1:-1], rows[-1]
    col = {name: i for i, name in enumerate(header)}
    assert len(body) == 7 and {r[col["主管部门"]] for r in body} == {OFFICE}
    assert sorted(Decimal(r[col["年度资金总额（万元）"]]) for r in body) == sorted(
        Decimal(t) for t in SEED_TOTALS
    )
    assert total[0] == "合计" and total[1] == "7项"
    assert Decimal(total[col["年度资金总额（万元）"]]) == sum(Decimal(t) for t in SEED_TOTALS)
    assert {r[col["状态"]] for r in body} == {"草稿"}
