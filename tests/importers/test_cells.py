"""The cell reader: layouts told from content, rows of cells with their lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.importers.base import ImportFailure
from jixiao.importers.cells import BOUNDARY, Layout, detect_layout, text_rows
from jixiao.importers.kinds import OtherFormKind
from jixiao.importers.text import TextImporter


def lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), 1))


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("项目名称 | 甲 | |||\n项目属性 | 新增 | 项目期 | 1年 |\n", Layout.PIPE_ROWS),
        (
            "| 一级指标 | 二级指标 | 三级指标 |\n|---|---|---|\n| 产出指标 | 数量指标 | 甲 |",
            Layout.PIPE_ROWS,
        ),
        ("项目名称 |\n甲 |\n|||\n项目属性 |\n新增 |\n||", Layout.PIPE_CELLS),
        ("项目名称\n|\n甲\n|\n|\n项目属性\n|\n新增\n|\n|\n", Layout.PIPE_SEPARATED),
        (
            "项目名称\n\n甲\n\n项目属性\n\n新增\n\n项目期\n\n1年\n\n实施单位\n\n乙\n",
            Layout.BLANK_CELLS,
        ),
        ("项目名称 甲\n项目属性 新增 项目期 1年\n数量指标 培训人数 30人\n", Layout.TEXT_LINES),
    ],
    ids=["pipe-rows", "markdown", "pipe-cells", "pipe-separated", "blank-cells", "text-lines"],
)
def test_it_tells_the_layout_from_the_content(text: str, layout: Layout) -> None:
    assert detect_layout(lines(text)) is layout


def test_it_keeps_empty_cells_in_their_place_and_the_line_of_each_cell() -> None:
    _, rows = text_rows(lines("标题 | |||\n产出指标 | | 甲 | 3人 | ||\n"), "a.txt")
    assert [c.text for c in rows[1].cells] == ["产出指标", "", "甲", "3人"]
    assert {c.location.line for c in rows[1].cells} == {2}
    assert rows[-1] is BOUNDARY  # the text prints the end of its last row


def test_it_ends_a_row_at_a_run_of_pipes_in_the_cell_per_line_layout() -> None:
    _, rows = text_rows(lines("项目名称 |\n甲 |\n|||\n|\n项目属性 |\n|\n新增 |\n||"), "a.txt")
    assert [[c.text for c in r.cells] for r in rows if not r.boundary] == [
        ["项目名称", "甲"],
        ["项目属性", "", "新增"],
    ]


def test_it_keeps_a_vertical_label_as_one_cell() -> None:
    _, rows = text_rows(lines("总\n体\n目\n标\n|\n年度目标\n|\n|\n甲\n|\n|"), "a.txt")
    assert rows[0].cells[0].text == "总\n体\n目\n标"
    assert rows[0].cells[0].location.line == 1
    assert [c.text for c in rows[1].cells] == ["甲"]


def test_it_splits_text_lines_at_labels_and_columns() -> None:
    text = "项目总预算(万元) 75.00      项目当年预算(万元) 25.00\n数量指标 培训人数 30人\n"
    _, rows = text_rows(lines(text), "a.txt")
    # a label keeps its value in its cell (the assembler splits them); columns apart
    assert [c.text for c in rows[0].cells] == ["项目总预算(万元) 75.00", "项目当年预算(万元) 25.00"]
    assert [c.text for c in rows[1].cells] == ["数量指标", "培训人数", "30人"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("项目支出绩效自评表(2020年度)项目名称 演出设备更新 年初预算数 全年执行数", "绩效自评表"),
        ("黄石市项目支出绩效监控表 (申遗) |\n(2019年度)\n项目名称 | 甲 |", "绩效监控表"),
    ],
)
def test_it_names_a_self_evaluation_or_monitoring_form_instead_of_reading_it(
    text: str, kind: str
) -> None:
    with pytest.raises(OtherFormKind) as caught:
        TextImporter().extract(text.encode(), "x.txt")
    assert caught.value.kind == kind
    assert f"这是一份{kind}，不是绩效目标申报表" in str(caught.value)
    assert isinstance(caught.value, ImportFailure)  # the CLI reports it as an input error


def test_a_notice_mentioning_monitoring_is_still_a_declaration() -> None:
    text = (
        "请做好绩效监控，确保年度绩效目标如期完成。\n附件：绩效目标申报表\n"
        "项目支出绩效目标申报表 | |||\n项目名称 | 甲项目 | ||\n年度资金总额 | 12 | ||\n"
    )
    decl = TextImporter().extract(text.encode(), "x.txt").declarations[0]
    assert decl.project_name == "甲项目"
    assert str(decl.funding.annual_total) == "12"


def test_it_reads_forms_of_different_layouts_collected_in_one_file() -> None:
    pipe_rows = "项目支出绩效目标申报表 | |||\n项目名称 | 甲项目 | ||\n年度资金总额 | 12 | ||\n"
    blank_cells = "\n\n".join(
        [
            "项目绩效目标表",
            "项目名称",
            "乙项目",
            "资金总额",
            "30",
            "项目属性",
            "新增",
            "项目期",
            "1年",
        ]
    )
    decls = TextImporter().extract((pipe_rows + blank_cells).encode(), "x.txt").declarations
    assert [(d.project_name, str(d.funding.annual_total)) for d in decls] == [
        ("甲项目", "12"),
        ("乙项目", "30"),
    ]


def test_it_keeps_printed_amounts_as_printed_in_wanyuan() -> None:
    text = (
        "项目支出绩效目标申报表 | |||\n项目名称 | 甲项目 | ||\n年度资金总额 | -5 | ||\n"
        "财政拨款 | 1,681,680元 | ||\n其他资金 | 1.2亿 | ||\n"
    )
    funding = TextImporter().extract(text.encode(), "x.txt").declarations[0].funding
    assert (funding.annual_total, funding.fiscal, funding.other) == (-5, Decimal("168.168"), 12000)
