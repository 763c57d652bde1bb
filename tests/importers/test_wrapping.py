"""PDF-like text whose cells wrap over lines, read by the one cell reader and assembler.

The text a PDF yields for a form prints each table cell over as many lines as it needs:
labels break anywhere (实施单 / 位, 绩 / 效 / 指 / 标), a value goes on below its label,
a 三级 name wraps with its 指标值 on the last line, an annotation (（必填量化）) sits under
its 二级 label, and a merged 二级 label is printed in the middle of its rows.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.importers.assemble import assemble
from jixiao.importers.cells import Layout, detect_layout, form_rows
from jixiao.model import Declaration, Level2, Requirement, Verdict

WRAPPED = """附件3

某县部门项目支出年度预算绩效目标申报表
（　2026　年度）

项目名称 乡村道路养护经费
主管部门及代码 某县交通运输局公路养护

中心 实施单
位

某县公路养护中心

项目属性 延续性项目 项目期 2026年

项目资
金
（万元）

 年度资金总额： 86.4万元
      其中：财政拨款 80万元
           其他资金 6.4万元

年度总体
目标

1.完成县乡道路日常养护 420公里 ，保障道路
安全畅通 。
2.完成危桥改造 3座。

绩
效
指
标

一级指标 二级指标 三级指标 指标值

产出指
标

数量指标
（必填量化）
县乡道路日常养护里程 ≥420公里
危桥改造数量（含县道
及乡道桥梁）

3座

质量指标 养护路段优良率 ≥85%

效益指标

经济效益
指标

无 无
道路通行时间缩短 明显

社会效益
指标
（必填）

群众出行便利程度 有所提升

满意度
指标

服务对象
满意度指标

沿线群众满意度 ≥90%

综合评定等级 通过  □    退回修改   █   退回，不予纳入财政项目库  □

注：此表填报项目绩效目标涵盖年限为项目预算申报当年 。
"""


def read(text: str) -> tuple[Declaration, list[str]]:
    lines = list(enumerate(text.splitlines(), 1))
    decls, issues = assemble(form_rows(lines, "w.txt"), "w.txt")
    assert len(decls) == 1
    return decls[0], [f"{i.location.line}: {i.message}" for i in issues]


def test_it_reads_the_header_of_wrapping_text() -> None:
    decl, _ = read(WRAPPED)
    assert (decl.attachment, decl.year) == ("附件3", 2026)
    assert decl.project_name == "乡村道路养护经费"
    assert decl.department.name == "某县交通运输局公路养护中心"  # the value wraps, 实施单/位 breaks
    assert decl.implementer.name == "某县公路养护中心"
    assert (decl.attribute, decl.period) == ("延续性项目", "2026年")
    funding = decl.funding
    assert (funding.annual_total, funding.fiscal, funding.other) == (
        Decimal("86.4"),
        Decimal("80"),
        Decimal("6.4"),
    )
    assert decl.annual_goal == (
        "1.完成县乡道路日常养护 420公里，保障道路安全畅通。\n2.完成危桥改造 3座。"
    )


def test_it_reads_the_indicators_of_wrapping_text() -> None:
    decl, issues = read(WRAPPED)
    rows = [(g.level2, i.name, i.value_text) for g in decl.groups for i in g.indicators]
    assert rows == [
        (Level2.QUANTITY, "县乡道路日常养护里程", "≥420公里"),
        (Level2.QUANTITY, "危桥改造数量（含县道及乡道桥梁）", "3座"),
        (Level2.QUALITY, "养护路段优良率", "≥85%"),
        (Level2.ECONOMIC_BENEFIT, "无", "无"),
        (Level2.SOCIAL_BENEFIT, "道路通行时间缩短", "明显"),
        (Level2.SOCIAL_BENEFIT, "群众出行便利程度", "有所提升"),
        (Level2.SERVICE_SATISFACTION, "沿线群众满意度", "≥90%"),
    ]
    assert [g.requirement for g in decl.groups[:2]] == [Requirement.QUANTIFIED, None]
    social = decl.group(Level2.SOCIAL_BENEFIT)
    assert social is not None and social.requirement is Requirement.REQUIRED
    assert decl.indicators[1].location.line == 44  # where the wrapped name starts
    assert issues == [
        "57: 指标“道路通行时间缩短”印在「无」行之后，"
        "按合并单元格标签居中的排版归入其后的“社会效益指标”"
    ]


def test_it_reads_the_verdict_and_footnote_of_wrapping_text() -> None:
    decl, _ = read(WRAPPED)
    assert decl.printed_verdict is Verdict.REVISE
    assert decl.footnote == "注：此表填报项目绩效目标涵盖年限为项目预算申报当年。"


def test_a_name_without_value_before_a_label_is_kept_and_said() -> None:
    text = WRAPPED.replace(
        "质量指标 养护路段优良率 ≥85%", "桥梁检测报告编制\n质量指标 养护路段优良率 ≥85%"
    )
    decl, issues = read(text)
    quantity = decl.group(Level2.QUANTITY)
    assert quantity is not None
    assert (quantity.indicators[-1].name, quantity.indicators[-1].value_text) == (
        "桥梁检测报告编制",
        "",
    )
    assert any("“桥梁检测报告编制”没有指标值" in i for i in issues)


def test_pdf_text_with_blank_lines_between_its_lines_is_still_text_lines() -> None:
    lines = list(enumerate(WRAPPED.replace("\n", "\n\n").splitlines(), 1))
    assert detect_layout(lines) is Layout.TEXT_LINES
