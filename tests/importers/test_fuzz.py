"""The importer and the grammar never raise anything but their own typed errors."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.data import seed_bytes
from jixiao.importers.base import ImportFailure
from jixiao.importers.text import TextImporter
from jixiao.values import parse_value

FORM_WORDS = st.sampled_from(
    [
        "附件2",
        "银川市本级部门项目支出年度预算绩效目标申报表",
        "（2025年度）",
        "项目名称",
        "主管部门及代码",
        "实施单",
        "位",
        "项目属性",
        "项目期",
        "项目资金",
        "（万元）",
        "年度资金总额：",
        "财政拨款",
        "其他资金",
        "年度总体",
        "目标",
        "绩",
        "效",
        "指",
        "标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "数量指标",
        "（必填量化）",
        "成本指标",
        "经济成本指标",
        "服务对象",
        "满意度指标",
        "无 无",
        "≥35个",
        "100%",
        "30日内",
        "指标1：",
        "：",
        "|",
        "综合评定等级",
        "通过",
        "█",
        "□",
        "退回修改",
        "注：",
        "12.5万元",
        "1,000元",
        "\n",
        " ",
        "　",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FORM_WORDS | st.text(max_size=8), max_size=60))
def test_it_never_raises_an_untyped_error_on_form_like_text(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8")
    with contextlib.suppress(ImportFailure):
        TextImporter().extract(data, "fuzz.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_it_never_raises_an_untyped_error_on_bytes(data: bytes) -> None:
    with contextlib.suppress(ImportFailure):
        TextImporter().extract(data, "fuzz.bin")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_the_grammar_never_raises(text: str) -> None:
    assert parse_value(text) is not None


SEED_LINES = seed_bytes().decode("utf-8").splitlines()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), max_size=150))
def test_it_never_raises_an_untyped_error_on_shuffled_seed_lines(lines: list[str]) -> None:
    with contextlib.suppress(ImportFailure):
        TextImporter().extract("\n".join(lines).encode("utf-8"), "shuffled.txt")
