"""The 指标库 in a real browser against a real ``jixiao serve --demo`` (gunicorn).

The 管理员 imports a library workbook (learnt, as ``jixiao library build`` does, from forms that
declare 热线服务满意度 between 85% and 95%); the 填报人 adds a row in the editor, types part of
a name, picks the suggestion (unit and typical value shown), types a far lower value and sees
the live review flag it with the learnt range. Screenshots as in the story test.
"""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.library import learn, write_library
from jixiao.model import Declaration, Indicator, IndicatorGroup, Level1, Level2
from jixiao.values import parse_value
from tests.web.test_e2e_story import (  # noqa: F401  (fixtures, and the chromium skip)
    Story,
    pytestmark,
)
from tests.web.test_e2e_story import browser as browser
from tests.web.test_e2e_story import server as server

VALUES = ("≥85%", "≥90%", "≥90%", "≥92%", "≥95%", "≥88%", "≥93%")


def _workbook(path: Path) -> Path:
    forms = []
    for i, value in enumerate(VALUES):
        row = Indicator("热线服务满意度", value, parse_value(value))
        group = IndicatorGroup(Level1.SATISFACTION, Level2.SERVICE_SATISFACTION, indicators=(row,))
        forms.append(
            (f"热线{i}", Declaration(year=2024, project_name=f"政务服务热线{i}", groups=(group,)))
        )
    path.write_bytes(write_library(learn(forms)))
    return path


def test_the_clerk_picks_a_suggestion_and_sees_a_far_out_value_flagged(
    server: tuple[str, dict[str, str]], browser: object, tmp_path: Path
) -> None:
    base, passwords = server
    story = Story(browser, base, passwords)

    page = story.login("guanli")
    page.goto(f"{base}/indicators/")
    page.set_input_files("input[name=file]", str(_workbook(tmp_path / "省指标库.xlsx")))
    page.click("button:has-text('导入'):not(:has-text('Excel'))")
    page.wait_for_selector(".messages .success")
    assert "已导入" in page.inner_text(".messages")

    page = story.login("tianbao")
    page.click("table a:has-text('市政府督查室工作经费')")
    page.wait_for_load_state()
    if not page.url.endswith("/edit/"):
        page.goto(re.sub(r"/(edit/)?$", "/edit/", page.url))
    group = page.locator("tbody.group[data-level2='服务对象满意度指标']")
    group.locator("button.add-row").click()
    name = group.locator("tr.row").last.locator("input.row-name")
    name.type("热线服务满", delay=40)
    pick = page.locator(".suggest-box button.suggestion", has_text="热线服务满意度")
    pick.wait_for()
    assert "常见取值：≥" in pick.inner_text() and "%" in pick.inner_text()
    pick.scroll_into_view_if_needed()
    story.shot("11-library-suggestion")
    pick.click()
    assert name.input_value() == "热线服务满意度"
    row = group.locator("tr.row").last
    row.locator("input.row-value").fill("≥50%")
    page.wait_for_function(
        "() => [...document.querySelectorAll('tbody.group tr.row .slot')]"
        ".some(s => s.innerText.includes('B605'))"
    )
    flagged = row.locator(".slot").inner_text()
    assert (
        "B605" in flagged and "明显偏离同类指标的常见取值" in flagged and "来自7个取值" in flagged
    )
    story.shot("12-library-range")
