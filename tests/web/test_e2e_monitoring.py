"""The monitoring round in a real browser against ``jixiao serve --demo`` (gunicorn).

A seed form is approved (import, submit, forward, approve); the 财政审核人 opens a 1–6月 round;
the 填报人 finds the report in 待办, downloads the offline Excel, fills it (openpyxl, as a
user types), uploads it, sees the red light with its explanation and submits; the 主管部门
forwards it; the 财政审核人 records 调整目标, whose new declaration version the 填报人 submits
and the 主管部门 sees in review. Screenshots go where the main story's go.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

from jixiao.data import seed_bytes
from tests.monitoring.test_documents import _column_of, _row_of
from tests.web.test_e2e_story import (  # noqa: F401 - the fixtures are used by name
    Story,
    _explain_and_submit,
    _review_step,
    browser,
    pytestmark,
    server,
)

PROJECT = "政府聘用人员经费"


def _approve_a_seed_form(story: Story, tmp_path: Path) -> str:
    upload = tmp_path / f"{PROJECT}.txt"
    upload.write_text("附件2：" + seed_bytes().decode("utf-8").split("附件2：")[1], "utf-8")
    page = story.login("tianbao")
    page.click("text=导入文件")
    page.set_input_files("input[type=file]", str(upload))
    page.click("button:has-text('导入')")
    page.wait_for_url(re.compile(r"/edit/$"))
    editor_url = page.url
    page.click("button:has-text('保存并提交')")
    page.wait_for_url(re.compile(r"/submit/$"))
    _explain_and_submit(page, "成本指标仅列人员薪酬，已与财政核对。")
    _review_step(story, "bumen", editor_url, "受理", "转送财政审核")
    _review_step(story, "caizheng", editor_url, "通过")
    return editor_url


def _fill(path: Path) -> None:
    workbook = load_workbook(path)
    ws = workbook.worksheets[0]
    row = _row_of(ws, "编内聘用人员（含专业技术人员）数量")
    for header, value in (
        ("1–6月实际完成值", 0),
        ("全年预计完成值", "0"),
        ("偏差原因", "人员保障"),
        ("完成目标可能性", "完全不可能"),
        ("纠偏措施", "下半年公开招聘1名专业技术人员"),
    ):
        ws.cell(row=row, column=_column_of(ws, header)).value = value
    workbook.save(path)


def _act(story: Story, action: str) -> None:
    story.page.click(f"button[name=action][value='{action}']")  # type: ignore[attr-defined]
    story.page.wait_for_selector(".messages .success")  # type: ignore[attr-defined]


def test_it_runs_one_monitoring_round_in_a_browser(
    server: tuple[str, dict[str, str]],  # noqa: F811
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    base, passwords = server
    story = Story(browser, base, passwords)
    _approve_a_seed_form(story, tmp_path)

    # 1. Finance opens the round.
    page = story.login("caizheng")
    page.goto(f"{base}/monitoring/")
    page.fill("input[name=year]", "2025")
    page.fill("input[name=month]", "6")
    page.fill("input[name=deadline]", "2099-12-31")
    page.click("button:has-text('发起监控')")
    assert "1个项目待填报" in page.inner_text(".messages")

    # 2. The unit finds it in 待办, fills the offline Excel, uploads it and submits.
    page = story.login("tianbao")
    page.goto(f"{base}/monitoring/")
    page.click(f"table.list >> nth=0 >> text={PROJECT}")
    report_url = page.url
    with page.expect_download() as info:
        page.click("text=下载离线填报表")
    filled = tmp_path / "监控表.xlsx"
    Path(info.value.path()).rename(filled)
    _fill(filled)
    page.set_input_files("input[name=file]", str(filled))
    page.click("button:has-text('上传并保存')")
    page.wait_for_selector(".messages .success")
    assert "0 ÷ (1 × 6 ÷ 12) × 100 = 0，低于60" in page.inner_text("main")
    story.shot("monitoring-1-report")
    _act(story, "提交")

    # 3. The department forwards it; finance records 调整目标.
    story.login("bumen")
    story.page.goto(report_url)  # type: ignore[attr-defined]
    _act(story, "转送财政审核")
    page = story.login("caizheng")
    page.goto(report_url)
    page.fill("textarea[name=comment]", "人员缺口导致目标无法完成，调整年度目标。")
    page.select_option("select[name=follow_up]", "调整目标")
    _act(story, "审核并确定处理意见")
    assert "调整目标后的新版本申报表" in page.inner_text("main")
    page.goto(f"{base}/monitoring/dashboard/")
    assert PROJECT in page.inner_text("main") and "红灯项目" in page.inner_text("main")
    story.shot("monitoring-2-dashboard")

    # 4. The new declaration version goes through the normal review.
    page = story.login("tianbao")
    page.goto(report_url)
    page.click("text=调整目标后的新版本申报表")
    page.click("text=提交")
    page.wait_for_url(re.compile(r"/submit/$"))
    _explain_and_submit(page, "按监控结果调整目标。")
    page = story.login("bumen")
    page.goto(f"{base}/declarations/")
    submitted = page.locator("tr", has_text=PROJECT).filter(has_text="已提交")
    approved = page.locator("tr", has_text=PROJECT).filter(has_text="通过")
    assert (submitted.count(), approved.count()) == (1, 1)  # the approved version stays
