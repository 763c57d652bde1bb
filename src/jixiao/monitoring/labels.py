"""Printed labels of the 项目支出绩效目标执行监控表: what we print and the variants we read.

One home for the monitoring table's vocabulary until the form catalogue of ``model/``
(``model/catalogue*.py``) takes the monitoring kind; the renderer, the offline template and
the readers all use these names. Matching is on :func:`jixiao.model.catalogue_text.label_key`.
"""

from __future__ import annotations

from enum import StrEnum

from jixiao.model.catalogue_text import label_key

TITLE = "项目支出绩效目标执行监控表"
PROJECT = "项目名称"
DEPARTMENT = "主管部门及代码"
IMPLEMENTER = "实施单位"
REFERENCE = "批复版本"
REGION = "地区"
MONEY_BLOCK = "项目资金（万元）"
BUDGET_CAUSE = "预算执行偏差原因"
GOAL_BLOCK = "年度总体目标"
GOAL_PLANNED = "全年预期目标"
PROJECT_LIGHT = "项目预警"
EXPLANATIONS = "预警说明"
FOOTNOTE = (
    "注：1.偏差原因从经费保障、制度保障、人员保障、硬件条件保障、其他等方面分析，可填多项，以“、”分隔；"
    "勾选“其他”的须在偏差原因说明中写明。2.完成目标可能性填确定能、有可能或完全不可能；"
    "填有可能、完全不可能的，须填写全年预计完成值、偏差原因和纠偏措施。"
    "3.定性指标的1–m月实际完成值填达成目标、部分达成目标并具有一定效果或未达成目标且效果较差。"
)


def goal_actual(period: str) -> str:
    """目标实际完成情况（1–6月）."""
    return f"目标实际完成情况（{period}）"


def year_line(year: int | None, period: str) -> str:
    """（2025年度 1–6月）."""
    return f"（{year if year is not None else '　　　　'}年度 {period}）"


class MoneyColumn(StrEnum):
    """The money block's column headers; ``{period}`` is filled with 1–m月."""

    BUDGET = "年度预算数"
    EXECUTED = "{period}执行数"
    RATE = "{period}执行率（%）"
    FORECAST = "全年预计执行数"
    PROGRESS = "序时进度（%）"
    LIGHT = "预算执行预警"


class Column(StrEnum):
    """The indicator table's columns, in printed order (the value is the printed header)."""

    LEVEL1 = "一级指标"
    LEVEL2 = "二级指标"
    NAME = "三级指标"
    TARGET = "年度指标值"
    ACTUAL = "{period}实际完成值"
    FORECAST = "全年预计完成值"
    CAUSES = "偏差原因"
    CAUSE_TEXT = "偏差原因说明"
    LIKELIHOOD = "完成目标可能性"
    MEASURES = "纠偏措施"
    REMARK = "备注"
    LIGHT = "预警"

    def header(self, period: str) -> str:
        return self.value.format(period=period)


#: Header variants read from published tables (黄石 2019, vendor templates) → column.
COLUMN_VARIANTS: dict[str, Column] = {
    **{label_key(c.value.format(period="")): c for c in Column},
    **{
        label_key(text): column
        for text, column in (
            ("一级", Column.LEVEL1),
            ("二级", Column.LEVEL2),
            ("三级", Column.NAME),
            ("指标名称", Column.NAME),
            ("三级指标名称", Column.NAME),
            ("指标值", Column.TARGET),
            ("年度目标值", Column.TARGET),
            ("实际完成值", Column.ACTUAL),
            ("当前完成值", Column.ACTUAL),
            ("执行情况", Column.ACTUAL),
            ("半年度指标执行情况", Column.ACTUAL),
            ("全年预计完成情况", Column.FORECAST),
            ("偏差原因分析", Column.CAUSES),
            ("其他原因", Column.CAUSE_TEXT),
            ("完成目标可能性(确定能、有可能、不可能)", Column.LIKELIHOOD),
            ("完成可能性分析", Column.LIKELIHOOD),
            ("纠偏措施", Column.MEASURES),
            ("序时进度预警", Column.LIGHT),
        )
    },
}


def column_for(text: str) -> Column | None:
    """The column a header cell names: 1–6月实际完成值 → ACTUAL, 指标值 → TARGET.

    >>> column_for("1–6月实际完成值"), column_for("完成目标可能性(确定能、有可能、不可能)")
    (<Column.ACTUAL: '{period}实际完成值'>, <Column.LIKELIHOOD: '完成目标可能性'>)
    """
    key = label_key(text)
    found = COLUMN_VARIANTS.get(key)
    if found is None and "月" in key:
        found = COLUMN_VARIANTS.get(key[key.index("月") + 1 :])
    return found
