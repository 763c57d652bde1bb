"""Table tests of the form catalogue: header fields, column roles and level names."""

from __future__ import annotations

import doctest

import pytest

from jixiao.model import (
    Level1,
    Level2,
    Requirement,
    catalogue,
    catalogue_columns,
    catalogue_evaluation,
    catalogue_fields,
    catalogue_levels,
    catalogue_monitoring,
    catalogue_text,
)
from jixiao.model.catalogue import (
    FIELDS,
    ColumnGroup,
    ColumnRole,
    FieldKey,
    FieldKind,
    column_role,
    field_for_label,
    is_cost_label,
    is_merged_level,
    level1_for_label,
    level2_for_label,
    split_annotation,
    split_field,
)

K = FieldKey
#: Labels as the corpus forms print them (spacing, widths and annotations kept).
FIELD_CASES = [
    ("项目名称", K.PROJECT_NAME),
    ("项目 名称", K.PROJECT_NAME),
    ("项目支出名称", K.PROJECT_NAME),
    ("项目(专项)名称", K.PROJECT_NAME),
    ("专项资金名称", K.PROJECT_NAME),
    ("主管部门及代码", K.DEPARTMENT),
    ("主管部门及其编码", K.DEPARTMENT),
    ("项目主管部门", K.DEPARTMENT),
    ("预算部门", K.DEPARTMENT),
    ("区级主管部门", K.DEPARTMENT),
    ("区级林业主管部门", K.DEPARTMENT),
    ("申报单位", K.DEPARTMENT),
    ("申报单位名称:(盖章)", K.DEPARTMENT),
    ("主管部门(单位)名称及部门预算编码", K.DEPARTMENT),
    ("实施单位", K.IMPLEMENTER),
    ("项目实施单位", K.IMPLEMENTER),
    ("具体实施单位", K.IMPLEMENTER),
    ("项目属性", K.ATTRIBUTE),
    ("项目类型", K.ATTRIBUTE),
    ("项目期", K.PERIOD),
    ("项目实施期", K.PERIOD),
    ("实施期限", K.PERIOD),
    ("起止时间", K.PERIOD),
    ("项目起\n止时间", K.PERIOD),
    ("项目周期", K.PERIOD),
    ("项目资金 (万元)", K.FUNDING),
    ("资金情况(万元)", K.FUNDING),
    ("年度资金总额:", K.ANNUAL_TOTAL),
    ("年度资金总额（万元）：", K.ANNUAL_TOTAL),
    ("资金总额", K.ANNUAL_TOTAL),
    ("年度预算数", K.ANNUAL_TOTAL),
    ("预算数", K.ANNUAL_TOTAL),
    ("年度本级 预算金额", K.ANNUAL_TOTAL),
    ("年度资金申请总额", K.ANNUAL_TOTAL),
    ("当年预算", K.ANNUAL_TOTAL),
    ("其中：财政拨款", K.FISCAL),
    ("其中:财政拨款", K.FISCAL),
    ("财政拨款", K.FISCAL),
    ("财政资金", K.FISCAL),
    ("本级财政", K.FISCAL),
    ("(一)财政拨款小计", K.FISCAL),
    ("其中:1.中央资金", K.FISCAL_CENTRAL),
    ("2.市级资金", K.FISCAL_CITY),
    ("3.区级资金", K.FISCAL_COUNTY),
    ("省级", K.FISCAL_PROVINCIAL),
    ("其他资金", K.OTHER),
    ("4.其他资金", K.OTHER),
    ("其他", K.OTHER),
    ("自有资金", K.OTHER),
    ("项目资金总额", K.PROJECT_TOTAL),
    ("中期资金总额:", K.PROJECT_TOTAL),
    ("项目总预算(万元)", K.PROJECT_TOTAL),
    ("年度总体目标", K.ANNUAL_GOAL),
    ("年度绩效目标", K.ANNUAL_GOAL),
    ("本年度绩效目标", K.ANNUAL_GOAL),
    ("年度目标", K.ANNUAL_GOAL),
    ("*年度绩效总目标", K.ANNUAL_GOAL),
    ("项目总体情况", K.ANNUAL_GOAL),
    ("中期目标(2023年—2025年)", K.LONG_TERM_GOAL),
    ("长期目标", K.LONG_TERM_GOAL),
    ("实施期绩效目标", K.LONG_TERM_GOAL),
    ("项目总目标", K.LONG_TERM_GOAL),
    ("总 体 目 标", K.GOALS),
    ("绩?????????? 效?????????? 目???????? 标", K.GOALS),
    ("绩 效 指 标", K.INDICATORS),
    ("⽬标", None),  # a Kangxi radical look-alike normalises, but 目标 alone is no label
    ("项⽬名称", K.PROJECT_NAME),
    ("综合评定等级", K.VERDICT),
    ("区级财政部门", K.FINANCE_BUREAU),
    ("宝鸡市陈仓区财政局", None),  # a value, not a label
    ("编制单位:", K.FILER),
    ("项目概况及立项依据", K.OVERVIEW),
    ("*联系人:", K.MANAGER),
    ("二级项目代码", K.PROJECT_CODE),
    ("其他需说明的问题", None),
    ("城市图书馆流动服务经费", None),
]


@pytest.mark.parametrize(("text", "key"), FIELD_CASES, ids=[t for t, _ in FIELD_CASES])
def test_it_finds_the_field_of_a_label(text: str, key: FieldKey | None) -> None:
    found = field_for_label(text)
    assert (found.key if found else None) is key


SPLIT_CASES = [
    ("年度资金总额:203", K.ANNUAL_TOTAL, "203"),
    ("其中:财政拨款 203", K.FISCAL, "203"),
    ("资金总额: 250", K.ANNUAL_TOTAL, "250"),
    ("一、预算资金:250", K.FISCAL, "250"),
    ("二、自有资金:0", K.OTHER, "0"),
    ("项目总预算(万元) 75.00", K.PROJECT_TOTAL, "75.00"),
    ("项目责任人(签字):韩朝印", K.MANAGER, "韩朝印"),
    ("项目名称:城乡义务教育补助经费（马坪镇）", K.PROJECT_NAME, "城乡义务教育补助经费（马坪镇）"),
    ("区级林业主管部门", K.DEPARTMENT, ""),
]


@pytest.mark.parametrize(("text", "key", "rest"), SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_it_splits_a_label_from_its_value(text: str, key: FieldKey, rest: str) -> None:
    found = split_field(text)
    assert found is not None and (found[0].key, found[1]) == (key, rest)


@pytest.mark.parametrize("text", ["其他需说明的问题", "项目名称城市图书馆", "年度目标值说明"])
def test_it_splits_nothing_where_no_label_ends(text: str) -> None:
    assert split_field(text) is None


def test_it_has_one_spec_per_key_and_model_attributes_as_keys() -> None:
    from jixiao.model import Declaration, Funding

    assert list(FIELDS) == list(FieldKey)
    model = {*Declaration.__slots__, *Funding.__slots__}
    money = [s.key for s in FIELDS.values() if s.kind is FieldKind.MONEY and s.part_of is None]
    assert set(money) <= model
    assert {K.PROJECT_NAME, K.DEPARTMENT, K.IMPLEMENTER, K.ANNUAL_GOAL} <= model


def test_it_marks_level_split_fiscal_sources_as_parts_of_fiscal() -> None:
    parts = {s.key for s in FIELDS.values() if s.part_of is K.FISCAL}
    assert parts == {K.FISCAL_CENTRAL, K.FISCAL_PROVINCIAL, K.FISCAL_CITY, K.FISCAL_COUNTY}


R, G = ColumnRole, ColumnGroup
COLUMN_CASES = [
    ("一级指标", R.LEVEL1, None),
    ("一级 指标", R.LEVEL1, None),
    ("二级\n指标", R.LEVEL2, None),
    ("三级指标", R.NAME, None),
    ("指标名称", R.NAME, None),
    ("指标", R.NAME, None),
    ("指标值", R.VALUE, None),
    ("指标值(或计划水平)", R.VALUE, None),
    ("计划指标值(或计划水平)", R.VALUE, None),
    ("指标值及单位", R.VALUE, None),
    ("指标值(包含数字及文字描述)", R.VALUE, None),
    ("目标值", R.VALUE, None),
    ("指标值（年度）", R.VALUE, G.ANNUAL),
    ("年度指标值", R.VALUE, G.ANNUAL),
    ("中期指标值", R.VALUE, G.MID_TERM),
    ("长期指标值", R.VALUE, G.LONG_TERM),
    ("指标性质", R.NATURE, None),
    ("计算符号", R.NATURE, None),
    ("度量单位", R.UNIT, None),
    ("计量单位", R.UNIT, None),
    ("绩效标准", R.BASIS, None),
    ("指标值设定依据", R.BASIS, None),
    ("绩效指标描述", R.DESCRIPTION, None),
    ("指 标 解 释", R.DESCRIPTION, None),
    ("指标值说明", R.DESCRIPTION, None),
    ("备注", R.REMARK, None),
    ("权重", R.WEIGHT, None),
    ("分值", R.WEIGHT, None),
    ("指标权重", R.WEIGHT, None),
    ("西坪镇尧山村", None, None),
    ("产出指标", None, None),
]


@pytest.mark.parametrize(("text", "role", "group"), COLUMN_CASES, ids=[c[0] for c in COLUMN_CASES])
def test_it_reads_column_roles(text: str, role: ColumnRole | None, group: G | None) -> None:
    found = column_role(text)
    assert (found.role, found.group) == (role, group) if found else role is None


LEVEL_CASES = [
    ("产出指标", Level1.OUTPUT, None),
    ("产出值", Level1.OUTPUT, None),
    ("项目完成指标", Level1.OUTPUT, None),
    ("项目完成\n指标", Level1.OUTPUT, None),
    ("预期产出指标", Level1.OUTPUT, None),
    ("效果指标", Level1.BENEFIT, None),
    ("项目效益指标", Level1.BENEFIT, None),
    ("满意度指标", Level1.SATISFACTION, Level2.SERVICE_SATISFACTION),
    ("数量值", None, Level2.QUANTITY),
    ("数量指标(或建筑规模指标)", None, Level2.QUANTITY),
    ("数量指标 (必填硬性指标)", None, Level2.QUANTITY),
    ("时效指标(工期指标)", None, Level2.TIMELINESS),
    ("社会公众或服务对象满意度指标", None, Level2.SERVICE_SATISFACTION),
    ("可持续影响\n指标", None, Level2.SUSTAINABILITY),
    ("生态环境成本指标", None, Level2.ECOLOGICAL_COST),
    ("社会、经济、生态效益 指标", None, None),
    ("成本指标", None, None),
]


@pytest.mark.parametrize(("text", "l1", "l2"), LEVEL_CASES, ids=[c[0] for c in LEVEL_CASES])
def test_it_reads_level_names(text: str, l1: Level1 | None, l2: Level2 | None) -> None:
    assert (level1_for_label(text), level2_for_label(text)) == (l1, l2)


def test_it_tells_cost_and_merged_labels() -> None:
    assert is_cost_label("成本指标") and is_cost_label("预算(或投资规模)控制指标")
    assert not is_cost_label("经济成本指标")
    assert is_merged_level("社会、经济、生态效益 指标") and not is_merged_level("社会效益指标")


def test_it_knows_every_standard_level_by_its_own_name() -> None:
    assert all(level1_for_label(m.value) is m for m in Level1 if m is not Level1.COST)
    assert all(level2_for_label(m.value) is m for m in Level2 if m is not Level2.COST)


def test_it_reads_requirement_annotations() -> None:
    assert split_annotation("时效指标（必填量化）") == ("时效指标", Requirement.QUANTIFIED)
    assert split_annotation("质量指标 (选填)") == ("质量指标", Requirement.OPTIONAL)


@pytest.mark.parametrize(
    "module",
    [
        catalogue,
        catalogue_columns,
        catalogue_evaluation,
        catalogue_fields,
        catalogue_levels,
        catalogue_monitoring,
        catalogue_text,
    ],
)
def test_it_runs_the_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]
