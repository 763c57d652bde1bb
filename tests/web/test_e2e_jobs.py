"""后台任务 in a real browser against ``jixiao serve --demo``, whose own worker runs the jobs.

The 填报人 uploads a ZIP on the 批量导入 page; the job page refreshes itself (htmx) from
排队/运行中 to 已完成 without a reload and lists the bad files with their reasons; then an
export job's result is downloaded from the 任务 page. Screenshots web-jobs-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.jobs_helpers import BAD_FILES, good_files, zip_of
from tests.web.test_e2e_story import (  # noqa: F401 - the fixtures are used by name
    Story,
    browser,
    pytestmark,
    server,
)


def test_it_imports_a_zip_and_exports_the_list_in_the_browser(
    server: tuple[str, dict[str, str]],  # noqa: F811
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    base, passwords = server
    story = Story(browser, base, passwords)
    archive = tmp_path / "批量.zip"
    bad = {f"坏/{name}": BAD_FILES[name] for name in ("乱码.pdf", "随便写的.txt")}
    archive.write_bytes(zip_of(iter([*good_files(120, "浏览器"), *bad.items()])))

    page = story.login("tianbao")
    page.click("nav >> text=任务")
    page.click("text=批量导入（ZIP 压缩包或文件夹）")
    page.set_input_files("input[name=files]:not([webkitdirectory])", str(archive))
    page.click("button:has-text('开始导入')")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    job_url = page.url
    page.wait_for_selector("[data-status='已完成']", timeout=180_000)  # polled, never reloaded
    assert page.url == job_url
    text = page.inner_text("#job")
    assert "新建 120 份申报表" in text and "2 个文件失败" in text
    assert "乱码.pdf" in text and "随便写的.txt" in text
    assert page.locator("text=取消任务").count() == 0, "a finished job offers no cancel"
    story.shot("jobs-1-import")

    page.click("text=← 我的任务")
    page.select_option("select[name=to]", "list-xlsx")
    page.click("button:has-text('开始导出')")
    page.wait_for_selector("[data-status='已完成']", timeout=180_000)
    with page.expect_download() as download:
        page.click("text=下载结果")
    saved = tmp_path / "清单.xlsx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK" and download.value.suggested_filename.endswith(".xlsx")
    story.shot("jobs-2-export")
