"""The catalogue's indicator-table columns: each column role, its printed header and the
headers real forms print, and the 年度 / 中期 / 长期 column groups.

Part of the form catalogue (:mod:`jixiao.model.catalogue` re-exports these names). Adding
a province's header is one edit: append it to the role's ``variants``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.catalogue_text import label_keys


class ColumnRole(StrEnum):
    """What a column of the indicator table holds; the value is the header we print."""

    LEVEL1 = "一级指标"
    LEVEL2 = "二级指标"
    NAME = "三级指标"
    VALUE = "指标值"
    NATURE = "指标性质"  #: 正向 / 反向 / 定性 or an operator (=, ≥ …)
    UNIT = "度量单位"
    BASIS = "绩效标准"  #: the basis of the value (计划标准, 历史标准 …)
    DESCRIPTION = "指标解释"  #: what the indicator measures
    REMARK = "备注"
    WEIGHT = "权重"  #: 权重 / 分值
    ACTUAL = "实际完成值"  #: monitoring and self-evaluation forms
    SCORE = "得分"  #: self-evaluation forms
    DEVIATION = "偏差原因分析及改进措施"  #: monitoring and self-evaluation forms


class ColumnGroup(StrEnum):
    """The target a column group sets: the year's (the indicator's value) or a longer one."""

    ANNUAL = "年度"
    MID_TERM = "中期"
    LONG_TERM = "长期"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column role and every header printed for it."""

    role: ColumnRole
    variants: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.role.value, *self.variants)


@dataclass(frozen=True, slots=True)
class ColumnHeader:
    """A header cell read: its role and, where the header names one, its column group."""

    role: ColumnRole
    group: ColumnGroup | None = None


_R = ColumnRole
#: Every column role in the order our form prints them (the first four) and then the rest.
COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(_R.LEVEL1, ("一级",)),
    ColumnSpec(_R.LEVEL2, ("二级",)),
    ColumnSpec(_R.NAME, ("三级", "三级指标名称", "指标名称", "绩效指标名称", "指标")),
    ColumnSpec(
        _R.VALUE,
        (
            "目标值",
            "指标值及单位",
            "计划指标值",
            "计划水平",
            "预期指标值",
            "绩效指标值",
            "指标目标值",
            "预期目标值",
            "指标值(或计划水平)",
            "计划指标值(或计划水平)",
        ),
    ),
    ColumnSpec(_R.NATURE, ("计算符号", "指标方向", "运算符号", "符号")),
    ColumnSpec(_R.UNIT, ("计量单位", "单位", "指标单位")),
    ColumnSpec(_R.BASIS, ("指标值设定依据", "设定依据", "指标值确定依据", "评分标准")),
    ColumnSpec(_R.DESCRIPTION, ("绩效指标描述", "指标值说明", "指标说明", "指标内涵")),
    ColumnSpec(_R.REMARK, ("说明",)),
    ColumnSpec(_R.WEIGHT, ("分值", "指标权重", "权重(分)", "权重(%)")),
    ColumnSpec(_R.ACTUAL, ("全年实际完成值", "实际完成情况", "实际值", "实际完成")),
    ColumnSpec(_R.SCORE, ("自评得分",)),
    ColumnSpec(
        _R.DEVIATION, ("偏差原因", "偏差原因分析", "未完成原因分析", "偏差原因分析及改进措施")
    ),
)

_BY_KEY: dict[str, ColumnRole] = {}
for _spec in COLUMNS:
    for _label in _spec.labels:
        _BY_KEY.setdefault(label_keys(_label)[0], _spec.role)

#: Words before a header (年度指标值, 中期指标值) or inside its annotation that name a group.
_GROUP_WORDS: tuple[tuple[str, ColumnGroup], ...] = (
    ("本年度", ColumnGroup.ANNUAL),
    ("年度", ColumnGroup.ANNUAL),
    ("当年", ColumnGroup.ANNUAL),
    ("全年", ColumnGroup.ANNUAL),
    ("中长期", ColumnGroup.LONG_TERM),
    ("中期", ColumnGroup.MID_TERM),
    ("实施期", ColumnGroup.MID_TERM),
    ("长期", ColumnGroup.LONG_TERM),
)
_NOTE = re.compile(r"[(（]([^()（）]{0,16})[)）]$")


def _group_prefix(key: str) -> tuple[ColumnGroup | None, str]:
    for word, group in _GROUP_WORDS:
        if key.startswith(word) and len(key) > len(word):
            return group, key[len(word) :]
    return None, key


def _note_group(key: str) -> ColumnGroup | None:
    m = _NOTE.search(key) if key.endswith(")") else None
    note = m.group(1) if m else ""
    return next((g for word, g in _GROUP_WORDS if note.startswith(word)), None) if note else None


def column_role(header_text: str) -> ColumnHeader | None:
    """The role (and group) of an indicator-table header cell, or None.

    >>> column_role("一级 指标")
    ColumnHeader(role=<ColumnRole.LEVEL1: '一级指标'>, group=None)
    >>> column_role("指标值（年度）")
    ColumnHeader(role=<ColumnRole.VALUE: '指标值'>, group=<ColumnGroup.ANNUAL: '年度'>)
    >>> column_role("中期指标值").group
    <ColumnGroup.MID_TERM: '中期'>
    >>> column_role("计算符号").role
    <ColumnRole.NATURE: '指标性质'>
    >>> column_role("西坪镇尧山村") is None
    True
    """
    keys = label_keys(header_text)
    note_group = _note_group(keys[0])
    for key in keys:
        if (role := _BY_KEY.get(key)) is not None:
            return ColumnHeader(role, note_group)
        group, rest = _group_prefix(key)
        if group is not None and (role := _BY_KEY.get(rest)) is not None:
            return ColumnHeader(role, group)
    return None
