"""Behaviour of the text importer on the layout artefacts of domain.md §1."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.data import seed_bytes
from jixiao.importers.base import ImportFailure, ImportResult
from jixiao.importers.text import TextImporter
from jixiao.model import Declaration, Level1, Level2, Requirement, TreeVariant, Verdict
from jixiao.values import ValueKind
from tests.importers.goldens import FIXTURES


def extract(text: str, name: str = "t.txt") -> ImportResult:
    return TextImporter().extract(text.encode("utf-8"), name)


@pytest.fixture(scope="module")
def seed() -> tuple[Declaration, ...]:
    return TextImporter().extract(seed_bytes(), "seed.txt").declarations


def names(decl: Declaration, level2: Level2) -> list[str]:
    group = decl.group(level2)
    assert group is not None
    return [i.name for i in group.indicators]


def test_it_reads_project_names_in_order(seed: tuple[Declaration, ...]) -> None:
    assert [d.project_name for d in seed] == [
        "政府聘用人员经费",
        "银川市人民政府政务公开工作经费",
        "市政府督查室工作经费",
        "市政府办公室工作经费",
        "2025年银川市电子政务及党政内网视频会议系统运维费",
        "银川12345政府购买服务项目",
        "非现役复转军人薪酬",
    ]


def test_it_joins_a_department_name_wrapped_over_lines(seed: tuple[Declaration, ...]) -> None:
    assert seed[0].department.name == "银川市人民政府办公室"


def test_it_leaves_a_blank_department_blank(seed: tuple[Declaration, ...]) -> None:
    assert seed[2].department.name == ""
    assert seed[2].implementer.name == "银川市人民政府办公室"
    assert seed[2].attribute == ""


def test_it_reads_funding_exactly(seed: tuple[Declaration, ...]) -> None:
    assert seed[6].funding.annual_total == Decimal("12.55")
    assert seed[0].funding.other == Decimal("0")
    assert seed[4].funding.other is None  # printed blank


def test_it_reads_the_year_padded_with_full_width_spaces(seed: tuple[Declaration, ...]) -> None:
    assert {d.year for d in seed} == {2025}


def test_it_joins_names_wrapped_with_the_value_on_the_last_line(
    seed: tuple[Declaration, ...],
) -> None:
    cost = names(seed[3], Level2.COST)
    assert cost[0] == "设备耗材、维修、红机网络、办公用品及全区一体化值班调度平台反映"
    sustain = names(seed[4], Level2.SUSTAINABILITY)
    assert sustain[1] == "保障电子政务网络、政府网站、宁政通平台、党政内网视频会议系统安全平稳运行"


def test_it_strips_indicator_prefixes_and_stray_colons(seed: tuple[Declaration, ...]) -> None:
    assert names(seed[5], Level2.QUANTITY) == ["政府购买服务工作人员数量", "全年热线受理量"]
    assert names(seed[2], Level2.TIMELINESS)[0] == "外出督查天数"


def test_it_keeps_cost_rows_under_timeliness_when_the_header_is_missing(
    seed: tuple[Declaration, ...],
) -> None:
    assert seed[2].group(Level2.COST) is None
    timeliness = seed[2].group(Level2.TIMELINESS)
    assert timeliness is not None and len(timeliness.indicators) == 5
    assert timeliness.indicators[-1].value_text == "≤10万"


def test_it_reads_annotations(seed: tuple[Declaration, ...]) -> None:
    group = seed[1].group(Level2.ECONOMIC_BENEFIT)
    assert group is not None and group.requirement is Requirement.OPTIONAL
    assert seed[0].groups[0].requirement is None


def test_it_keeps_none_rows_as_placeholders(seed: tuple[Declaration, ...]) -> None:
    group = seed[0].group(Level2.ECONOMIC_BENEFIT)
    assert group is not None
    assert [i.is_placeholder for i in group.indicators] == [True]
    assert group.real_indicators == ()


def test_it_moves_a_row_printed_after_a_none_row_to_the_next_label() -> None:
    result = TextImporter().extract(seed_bytes(), "seed.txt")
    social = result.declarations[4].group(Level2.SOCIAL_BENEFIT)
    assert social is not None
    assert social.indicators[0].name == "保障工作高效正常运转"
    assert [i.location.line for i in result.issues] == [567]


def test_it_reads_labels_broken_over_lines(seed: tuple[Declaration, ...]) -> None:
    last = seed[6]
    assert next((g.level1, g.level2) for g in last.groups) == (Level1.OUTPUT, Level2.QUANTITY)
    assert last.groups[-1].level2 is Level2.SERVICE_SATISFACTION
    assert names(last, Level2.QUANTITY) == ["非现役复转军人数量"]


def test_it_reads_the_marked_verdict_as_provenance_only(seed: tuple[Declaration, ...]) -> None:
    assert {d.printed_verdict for d in seed} == {Verdict.APPROVED}
    assert {d.verdict for d in seed} == {None}


def test_it_records_source_lines(seed: tuple[Declaration, ...]) -> None:
    first = seed[0].indicators[0]
    assert first.location.file == "seed.txt" and first.location.line == 39


@pytest.mark.parametrize(
    ("marks", "verdict"),
    [
        ("通过 □ 退回修改 █ 退回，不予纳入财政项目库 □", Verdict.REVISE),
        ("□通过 □退回修改 ■退回，不予纳入财政项目库", Verdict.REJECTED),
        ("通过 □ 退回修改 □ 退回,不予纳入财政项目库 ☑", Verdict.REJECTED),
        ("通过 □ 退回修改 □ 退回，不予纳入财政项目库 □", None),
    ],
)
def test_it_reads_verdict_boxes_on_either_side(marks: str, verdict: Verdict | None) -> None:
    text = MINIMAL.replace("通过 █ 退回修改 □ 退回，不予纳入财政项目库 □", marks)
    assert extract(text).declarations[0].printed_verdict is verdict


def test_it_reports_two_marked_boxes() -> None:
    text = MINIMAL.replace("退回修改 □", "退回修改 █")
    result = extract(text)
    assert result.declarations[0].printed_verdict is None
    assert "多个选项" in result.issues[-1].message


MINIMAL = """附件2
银川市本级部门项目支出年度预算绩效目标申报表
（2026年度）
项目名称 测试项目
主管部门及代码 银川市某局（123001） 实施单位 银川市某中心
项目属性 新增项目 项目期 2026年
项目资金
（万元）
年度资金总额： 10万元
其中：财政拨款 8万元
其他资金 2万元
年度总体目标
完成培训200人次。
绩效指标
一级指标 二级指标 三级指标 指标值
产出指标
数量指标
培训人次 ≥200人次
综合评定等级 通过 █ 退回修改 □ 退回，不予纳入财政项目库 □
注：此表填报项目绩效目标涵盖年限为项目预算申报当年。
"""


def test_it_splits_a_department_code() -> None:
    decl = extract(MINIMAL).declarations[0]
    assert (decl.department.name, decl.department.code) == ("银川市某局", "123001")


def test_it_keeps_a_name_without_value_and_says_so() -> None:
    text = MINIMAL.replace(
        "培训人次 ≥200人次", "培训人次 ≥200人次\n培训课程设计\n质量指标\n合格率 100%"
    )
    result = extract(text)
    quantity = result.declarations[0].group(Level2.QUANTITY)
    assert quantity is not None
    assert quantity.indicators[-1].name == "培训课程设计"
    assert quantity.indicators[-1].value.kind is ValueKind.FREE_TEXT
    assert any("没有指标值" in i.message for i in result.issues)


def test_it_keeps_an_unusual_value_verbatim() -> None:
    text = MINIMAL.replace(
        "培训人次 ≥200人次", "培训人次 ≥200人次\n课程质量 较为满意程度高\n质量指标"
    )
    quantity = extract(text).declarations[0].group(Level2.QUANTITY)
    assert quantity is not None
    last = quantity.indicators[-1]
    assert (last.name, last.value_text) == ("课程质量", "较为满意程度高")
    assert last.value.kind is ValueKind.FREE_TEXT and last.value.reason


def test_it_reads_many_forms_in_one_file() -> None:
    result = extract(MINIMAL + "\n\n" + MINIMAL.replace("测试项目", "第二个项目"))
    assert [d.project_name for d in result.declarations] == ["测试项目", "第二个项目"]
    assert result.declarations[1].location.line == 23


def test_it_reads_the_2021_tree_with_cost_as_level1() -> None:
    decl = TextImporter().extract((FIXTURES / "piped.txt").read_bytes(), "p").declarations[0]
    assert decl.tree is TreeVariant.V2021
    cost = decl.group(Level2.ECONOMIC_COST)
    assert cost is not None and cost.level1 is Level1.COST
    assert decl.funding.project_total == Decimal("1500")
    assert decl.long_term_goal.startswith("三年内")


def test_it_converts_yuan_to_wanyuan_exactly() -> None:
    path = FIXTURES / "split_columns_yuan.txt"
    decl = TextImporter().extract(path.read_bytes(), "s").declarations[0]
    assert decl.funding.annual_total == Decimal("128.54305")
    assert decl.funding.other == Decimal("8.54305")
    assert decl.funding.fiscal + decl.funding.other == decl.funding.annual_total  # type: ignore[operator]


def test_it_combines_nature_value_and_unit_columns() -> None:
    path = FIXTURES / "split_columns_yuan.txt"
    decl = TextImporter().extract(path.read_bytes(), "s").declarations[0]
    assert [i.display_value for i in decl.indicators[:2]] == ["≥2.6万人", "≥48个"]
    assert [(i.nature, i.value_text, i.unit) for i in decl.indicators[:2]] == [
        ("≥", "2.6", "万人"),
        ("正向", "48", "个"),
    ]
    assert decl.indicators[0].value.number == Decimal("2.6")
    cost = decl.group(Level2.COST)
    assert cost is not None and cost.indicators[0].display_value == "≤49.44元/人"


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8-sig"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("gbk"),
        lambda s: s.encode("utf-16"),
    ],
    ids=["utf-8-bom", "gb18030", "gbk", "utf-16"],
)
def test_it_detects_encodings(encode: object) -> None:
    data = encode(MINIMAL)  # type: ignore[operator]
    assert TextImporter().extract(data, "e.txt").declarations[0].project_name == "测试项目"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\x00\x01\x02PK\x03\x04binary", "不是文本文件"),
        ("这是一段与申报表无关的文字。\n".encode(), "没有找到申报表"),
    ],
)
def test_it_fails_clearly_on_input_without_a_form(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailure, match=message):
        TextImporter().extract(data, "bad.txt")


def test_it_takes_any_text_and_leaves_binary_to_others() -> None:
    importer = TextImporter()
    assert importer.identify(seed_bytes(), "seed.txt")
    assert importer.identify("你好".encode("gb18030"), "x.txt")
    assert not importer.identify(b"\x00\x00", "x.bin")
