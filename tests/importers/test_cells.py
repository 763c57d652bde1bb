"""The cell reader: layouts told from content, rows of cells with their lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.importers.base import ImportFailure
from jixiao.importers.cells import BOUNDARY, Layout, detect_layout, text_rows
from jixiao.importers.fused import split_fused
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


@pytest.mark.parametrize(
    ("token", "cells"),
    [
        (
            "三级指标指标值产出指标数量指标维修路灯盏数≥650盏",
            ["三级指标", "指标值", "产出指标", "数量指标", "维修路灯盏数", "≥650盏"],
        ),
        ("亮灯率98%以上时效指标", ["亮灯率", "98%以上", "时效指标"]),
        ("故障修复时限不超过48小时", ["故障修复时限", "不超过48小时"]),
        ("巡查完成时间2025年6月30日前质量指标", ["巡查完成时间", "2025年6月30日前", "质量指标"]),
        ("道路照明状况明显改善可持续影响指标", ["道路照明状况", "明显改善", "可持续影响指标"]),
        ("维修路灯120盏", ["维修路灯", "120盏"]),
        # one cell each: values alone or run together, names with numbers or brackets
        ("2025年1月-12月", ["2025年1月-12月"]),
        ("6月底前100%完成", ["6月底前100%完成"]),
        ("覆盖3个街道办事处", ["覆盖3个街道办事处"]),
        ("亮灯率(≥95%)", ["亮灯率(≥95%)"]),
        ("2025年度新增路灯", ["2025年度新增路灯"]),
    ],
)
def test_it_cuts_a_run_on_cell_of_the_indicator_table_at_labels_and_values(
    token: str, cells: list[str]
) -> None:
    assert [c for c, _ in split_fused(token)] == cells


def test_a_cut_run_on_cell_is_an_import_issue_with_its_line() -> None:
    text = (
        "某局项目申报表 项目名称:路灯维护 年度资金总额:80\n"
        "年度总体目标:全年维修路灯650盏，亮灯率保持98%以上。\n"
        "绩效指标 一级指标二级指标三级指标指标值产出指标数量指标维修路灯盏数≥650盏\n"
        "质量指标亮灯率≥98%满意度指标服务对象满意度指标市民满意度≥90%\n"
        "注：此表金额单位为万元，共3项指标。\n"
    )
    result = TextImporter().extract(text.encode(), "x.txt")
    decl = result.declarations[0]
    got = [(g.level2, i.name, i.value_text) for g in decl.groups for i in g.indicators]
    assert got == [
        ("数量指标", "维修路灯盏数", "≥650盏"),
        ("质量指标", "亮灯率", "≥98%"),
        ("服务对象满意度指标", "市民满意度", "≥90%"),
    ]
    cut = [i for i in result.issues if "连写" in i.message]
    assert [i.location.line for i in cut] == [3, 4]
    assert "市民满意度 | ≥90%" in cut[1].message
    # the goal before the table and the footnote after it are no run-on cells
    assert decl.annual_goal == "全年维修路灯650盏，亮灯率保持98%以上。"
    assert decl.footnote == "注：此表金额单位为万元，共3项指标。"


@pytest.mark.parametrize(
    ("label", "level2"),
    [
        ("社会、经济、生态效益指标", "社会效益指标"),
        ("社会经济效益指标", "社会效益指标"),
        ("经济社会效益 指标", "社会效益指标"),
        ("经济、生态效益指标", "经济效益指标"),
    ],
)
def test_a_merged_level2_goes_to_one_level_and_says_so(label: str, level2: str) -> None:
    text = (
        "项目支出绩效目标申报表 | |||\n项目名称 | 甲项目 | ||\n年度资金总额 | 12 | ||\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 培训人数 | 30人 |\n"
        f"效益指标 | {label} | 带动就业人数 | ≥12人 |\n"
    )
    result = TextImporter().extract(text.encode(), "x.txt")
    groups = result.declarations[0].groups
    assert [(g.level1, g.level2) for g in groups][-1] == ("效益指标", level2)
    assert [i.name for i in groups[-1].indicators] == ["带动就业人数"]
    merged = [i for i in result.issues if "合并了多个二级指标" in i.message]
    assert len(merged) == 1 and merged[0].location.line == 6
    assert f"归入“{level2}”" in merged[0].message


def test_a_list_table_gives_the_project_row_and_its_unit_line() -> None:
    cells = ["某区卫健委2025年项目绩效目标和指标", "单位:元", "单位编码", "单位名称"]
    cells += ["年度预算安排", "绩效目标", "208001", "某区卫健委", "5130000", "208001"]
    cells += ["家庭医生签约服务补助"]
    cells += ["825000", "【总体目标】", "签约服务覆盖全区常住人口", "【产出指标-数量指标】"]
    cells += ["指标1:签约人数(≥3万人)"]
    result = TextImporter().extract("\n\n".join(cells).encode(), "x.txt")
    decl = result.declarations[0]
    assert decl.project_name == "家庭医生签约服务补助"
    assert decl.funding.annual_total == Decimal("82.5")
    assert (decl.department.name, decl.department.code) == ("某区卫健委", "208001")
    assert decl.annual_goal == "签约服务覆盖全区常住人口"
    assert not [i for i in result.issues if "未注明单位" in i.message]  # 单位:元 is printed
