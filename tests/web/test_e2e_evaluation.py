"""The self-evaluation round in a real browser against ``jixiao serve --demo`` (gunicorn).

After the story's approval path (import, submit with explanations, 主管部门 forwards, 财政
approves), the 财政审核人 opens the year's 绩效自评; the 填报人 enters the actual values, sees
every row's points explained, submits; the 主管部门 and the 财政 approve; the result stands in
the 财政项目库 with its 总分. Screenshots as in the story (web-eval-*.png).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from jixiao.data import seed_bytes
from tests.web.test_e2e_story import (  # noqa: F401 - the fixtures are used by name
    Story,
    _explain_and_submit,
    _review_step,
    browser,
    pytestmark,
    server,
)


def _approved_project(story: Story, tmp_path: Path) -> None:
    first_form = seed_bytes().decode("utf-8").split("附件2：")[1]
    upload = tmp_path / "政府聘用人员经费.txt"
    upload.write_text("附件2：" + first_form, encoding="utf-8")
    page = story.login("tianbao")
    page.click("text=导入文件")
    page.set_input_files("input[type=file]", str(upload))
    page.click("button:has-text('导入')")
    page.wait_for_url(re.compile(r"/edit/$"))
    editor_url = page.url
    page.click("button:has-text('保存并提交')")
    page.wait_for_url(re.compile(r"/submit/$"))
    _explain_and_submit(page, "成本指标仅列人员薪酬，其余为社保与取暖补贴，已与财政核对。")
    _review_step(story, "bumen", editor_url, "受理", "转送财政审核")
    _review_step(story, "caizheng", editor_url, "通过")


def _decide(story: Story, user: str, url: str, action: str) -> None:
    page = story.login(user)
    page.goto(url)
    page.click(f"button[name=action][value='{action}']")
    page.wait_for_selector(".messages .success")


def test_it_runs_a_self_evaluation_round_to_the_score_in_the_library(
    server: tuple[str, dict[str, str]],  # noqa: F811
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    base, passwords = server
    story = Story(browser, base, passwords)
    _approved_project(story, tmp_path)

    # 1. The 财政审核人 opens the 2025 round with a deadline.
    page = story.login("caizheng")
    page.goto(f"{base}/evaluations/rounds/")
    page.fill("input[name=year]", "2025")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    page.fill("input[name=deadline]", deadline.isoformat())
    page.click("button:has-text('开启')")
    page.wait_for_selector("text=已开启2025年度绩效自评")
    story.shot("eval-1-round")

    # 2. The 填报人 enters every actual value (the target's own number) and saves.
    page = story.login("tianbao")
    page.goto(f"{base}/evaluations/")
    page.click("a:has-text('政府聘用人员经费')")
    detail_url = page.url
    for box in page.locator("input[name^=actual-]").all():
        target = box.locator("xpath=ancestor::tr/td[4]").inner_text()
        box.fill(re.sub(r"^[≥≤=<>]", "", target.strip()) or "达成")
    page.fill("input[name=executed]", "53.15")
    page.wait_for_selector("#preview >> text=计分预览（未保存）")  # recomputed while typing
    assert "执行率 = 53.15 ÷ 53.15" in page.inner_text("#preview")
    page.fill("textarea[name=conclusion]", "项目按计划完成。")
    page.fill("textarea[name=problems]", "无重大问题。")
    page.fill("textarea[name=measures]", "继续加强人员管理。")
    page.click("button:has-text('保存并计分')")
    page.wait_for_selector(".messages .success")
    assert "预算执行率：执行率 = 53.15 ÷ 53.15 = 100.00%" in page.inner_text("body")
    story.shot("eval-2-scored")
    page.click("button[name=action][value='提交']")
    page.wait_for_selector(".messages .success")

    # 3. The 主管部门 and the 财政 approve.
    _decide(story, "bumen", detail_url, "通过")
    _decide(story, "caizheng", detail_url, "通过")
    page = story.page
    assert "状态：已完成" in page.inner_text("body")  # type: ignore[attr-defined]
    total = re.search(r"总分 (\d+(?:\.\d+)?)", page.inner_text("body")).group(1)  # type: ignore[attr-defined, union-attr]

    # 4. The result stands in the 财政项目库.
    page.goto(f"{base}/library/?q=政府聘用人员经费")  # type: ignore[attr-defined]
    results = page.inner_text("body")  # type: ignore[attr-defined]
    assert "绩效自评结果" in results and total in results
    story.shot("eval-3-library")
