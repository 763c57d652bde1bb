"""The form catalogue: every label our forms print and the variants real forms print for it.
The one home of labels, in parts (this module re-exports the 申报表's API):

- Header fields of the 申报表 (:mod:`jixiao.model.catalogue_fields`): :class:`FieldKey` (the
  model's attribute name where it has one), :class:`FieldKind`, :class:`FieldSpec` (``key``,
  ``label`` printed by our renderers, ``term`` the short name for messages and the CLI,
  ``variants``, ``kind``, ``required``, ``part_of``, ``pattern`` for composed labels such as
  区级林业主管部门); :data:`FIELDS` / :func:`spec`; :func:`field_for_label` (a whole cell
  that is a label) and :func:`split_field` (a cell starting with one: 年度资金总额:203).
- Column roles of the indicator table (:mod:`jixiao.model.catalogue_columns`):
  :class:`ColumnRole`, :class:`ColumnGroup`, :class:`ColumnHeader`, :func:`column_role`.
- Level names (:mod:`jixiao.model.catalogue_levels`): :func:`level1_for_label`,
  :func:`level2_for_label`, :func:`is_cost_label`, :func:`is_merged_level`,
  :func:`split_annotation`.
- The 监控表 (:mod:`jixiao.model.catalogue_monitoring`) and the 自评表
  (:mod:`jixiao.model.catalogue_evaluation`): their labels, variants and column headers.
- Here: :class:`FormText` (title, footnote, year line …), the title patterns
  (:func:`is_form_title`) and :func:`catalogue_labels` (every 申报表 label, for the tests
  that renderers and pages print only catalogue labels).
- The value columns 指标性质 | 指标值 | 度量单位 are combined by
  :func:`jixiao.values.combine_value` (the value grammar's home).

Matching goes through :func:`jixiao.model.catalogue_text.label_key` (NFKC, spaces, line
breaks, '?' padding, '*' marks, numbering and trailing (万元)/（必填） annotations removed),
so variants are written plainly. **Adding a province's label is one edit**: append it to
the ``variants`` of its field (or to a column role or level stem); importers, renderers,
the editor, diff and the CLI all read these tables (``importers/labels.py`` still keeps a
few tables of its own).
"""

from __future__ import annotations

import re
from enum import StrEnum

from jixiao.model.catalogue_columns import (
    COLUMNS,
    ColumnGroup,
    ColumnHeader,
    ColumnRole,
    ColumnSpec,
    column_role,
)
from jixiao.model.catalogue_fields import (
    FIELDS,
    SPECS,
    FieldKey,
    FieldKind,
    FieldSpec,
    field_for_label,
    field_label_keys,
    spec,
    split_field,
)
from jixiao.model.catalogue_levels import (
    LEVEL1_STEMS,
    LEVEL2_STEMS,
    is_cost_label,
    is_merged_level,
    level1_for_label,
    level2_for_label,
    merged_level2,
    split_annotation,
)
from jixiao.model.catalogue_text import label_key, label_keys


class FormText(StrEnum):
    """Texts our form prints besides field labels, column headers and level names."""

    TITLE = "项目支出年度预算绩效目标申报表"
    FOOTNOTE = "注：此表填报项目绩效目标涵盖年限为项目预算申报当年。"
    YEAR_LINE = "（{year}年度）"  #: the line under the title
    BLANK_YEAR_LINE = "（　　　　年度）"  #: a year to fill in
    TREE = "指标体系"  #: the national tree a form follows (editor, CLI)
    REQUIREMENT = "填报要求"  #: the annotation after a 二级 label (（必填量化）…)
    UNNAMED_PROJECT = "（未填项目名称）"
    UNDECIDED = "未评定"  #: no 综合评定等级 decided in this system yet
    PRINTED_VERDICT = "原表所载"  #: the verdict box an imported source marked
    EMPTY = "（空）"
    WAN_YUAN = "万元"
    MONEY_UNIT_SUFFIX = "（万元）"  #: after a money label where the block label is absent


#: The titles real forms print: …绩效目标申报表, …目标表, …目标批复表, …目标申报明细表,
#: …项目申报表 (the 预算管理一体化 system), …项目绩效目标和指标 and 2024年项目绩效目标 (a
#: list on a web page: the year and 项目 tell it from the 绩效目标 label).
TITLE_PATTERNS: tuple[str, ...] = (
    r"目标(?:申报|批复|申请)?(?:明细)?表",
    r"项目(?:申报|申请)表",
    r"绩效目标(?:和|及|与)(?:绩效)?指标表?$",
    r"\d{4}年度?(?:项目|部门|支出)[^，。,；;:：]{0,20}绩效目标$",
)
_TITLE = re.compile("|".join(TITLE_PATTERNS))
#: What a title may print after its name: the year or the fund in brackets.
_TITLE_TAIL = re.compile(r"[(（][^()（）]{0,20}[)）]$")
TITLE_MAX_LEN = 60  #: a title is a short line; a sentence naming a 目标表 is none


def is_form_title(text: str) -> bool:
    """Whether a cell or line is a form's title (spaces and line breaks ignored).

    >>> is_form_title("2023年项目支出绩效目标申报表"), is_form_title("某局2025年项目绩效目标和指标")
    (True, True)
    >>> is_form_title("广水市马坪镇中心中学项目申报表"), is_form_title("某局2024年项目绩效目标")
    (True, True)
    >>> is_form_title("年度绩效目标"), is_form_title("项目绩效目标")
    (False, False)
    """
    key = "".join(text.split())
    if len(key) > TITLE_MAX_LEN or ("表" not in key and "目标" not in key):
        return False
    return _TITLE.search(key) is not None or _TITLE.search(_TITLE_TAIL.sub("", key)) is not None


def year_line(year: int | None) -> str:
    """（2025年度）, or a blank to fill in: （　　　　年度）.

    >>> year_line(2025)
    '（2025年度）'
    """
    if year is None:
        return FormText.BLANK_YEAR_LINE.value
    return FormText.YEAR_LINE.value.format(year=year)


def catalogue_labels() -> frozenset[str]:
    """Every label the catalogue knows, as :func:`label_key` keys: fields, column roles,
    level names, annotations and form texts (the test that renderers print only
    catalogue labels compares against this)."""
    from jixiao.model.vocab import UNDECIDED_MARK, Level1, Level2, Requirement, Verdict

    texts = [
        UNDECIDED_MARK,
        *field_label_keys(),
        *(label for c in COLUMNS for label in c.labels),
        *(m.value for m in (*Level1, *Level2, *Verdict, *FormText)),
        *(f"({r.value})" for r in Requirement),
        *LEVEL1_STEMS,
        *LEVEL2_STEMS,
    ]
    return frozenset(label_key(t) for t in texts)


__all__ = [
    "COLUMNS",
    "FIELDS",
    "SPECS",
    "ColumnGroup",
    "ColumnHeader",
    "ColumnRole",
    "ColumnSpec",
    "FieldKey",
    "FieldKind",
    "FieldSpec",
    "FormText",
    "catalogue_labels",
    "column_role",
    "field_for_label",
    "is_cost_label",
    "is_form_title",
    "is_merged_level",
    "label_key",
    "label_keys",
    "level1_for_label",
    "level2_for_label",
    "merged_level2",
    "spec",
    "split_annotation",
    "split_field",
    "year_line",
]
