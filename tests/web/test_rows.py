"""The editor's one-field indicator table (rows.py) and the note paths (comments.py)."""

from __future__ import annotations

import doctest

import pytest

from jixiao.web.declarations import comments, rows
from jixiao.web.declarations.rows import MAX_ROWS, PostedRow, RowsError, dump_rows, parse_rows


def test_it_runs_the_module_doctests() -> None:
    for module in (rows, comments):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_it_reads_back_what_it_writes_in_page_order() -> None:
    table = (
        PostedRow("r1", "数量指标", "培训人数", "≥100人"),
        PostedRow("n2", "成本指标", "", "“≤5万元”"),
    )
    assert parse_rows(dump_rows(table)) == table


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "指标表数据无法读取"),
        ('{"r1": 1}', "指标表数据应为行的列表"),
        ('[["r1", "数量指标", "名称"]]', "指标表第1行格式不正确"),
        ('[["r1", "数量指标", "名称", null]]', "指标表第1行格式不正确"),
        (f'[["{"k" * 41}", "数量指标", "名称", "值"]]', "指标表第1行的行标识或二级指标过长"),
        (f'[["r1", "数量指标", "{"名" * 1001}", "值"]]', "指标表第1行的三级指标超过 1000 字"),
        ("[" + ",".join(['["r", "数量指标", "", ""]'] * (MAX_ROWS + 1)) + "]", "超过每张申报表"),
    ],
)
def test_it_refuses_malformed_or_oversized_tables_in_chinese(text: str, message: str) -> None:
    with pytest.raises(RowsError, match=message):
        parse_rows(text)
