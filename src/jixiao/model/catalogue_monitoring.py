"""The catalogue of the 项目支出绩效目标执行监控表 (财预〔2019〕136号 annex; lifecycle.md §1.1):
its header and block labels, the money block's and the indicator table's column headers,
and the variants published tables print for them.

Part of the form catalogue (:mod:`jixiao.model.catalogue`). The renderer
(:mod:`jixiao.render.monitoring`), the offline template, our table's reader
(:mod:`jixiao.monitoring.reader`), the published-table reader, the web pages and the
messages all read these names; adding a province's label is one edit here. A label that
names the cut-off period carries ``{period}`` (1–6月), filled by :func:`printed`.

API:

- :class:`MonitoringField` — a header, block or money-row label; :class:`MonitoringSpec`
  (``label``, ``variants``, ``labels``); :data:`MONITORING_FIELDS`, :func:`monitoring_spec`
  and :func:`monitoring_field` (a printed label → its spec).
- :class:`MonitoringText` — the title and the footnote; :func:`monitoring_year_line`.
- :class:`MoneyColumn` — the money block's columns; :data:`MONEY_HEAD_WORDS` the words that
  name them in published tables.
- :class:`MonitoringColumn` — the indicator table's columns, in printed order;
  :data:`MONITORING_COLUMNS` their variants; :func:`monitoring_column` a header → column.
- :func:`monitoring_labels` — every label key, for the test that renderers and pages print
  only catalogue labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.catalogue_fields import FieldKey, spec
from jixiao.model.catalogue_text import label_key

#: What fills ``{period}`` where a label is matched without its period (1–6月执行数 → 执行数).
_NO_PERIOD = ""


def printed(label: str, period: str) -> str:
    """A label with its period filled in.

    >>> printed("{period}执行数", "1–6月")
    '1–6月执行数'
    """
    return label.format(period=period)


class MonitoringField(StrEnum):
    """A header, block or money-row label of the 监控表; the value is the report's slot."""

    PROJECT = "project_name"
    REFERENCE = "declaration_ref"  #: 批复版本: the approved declaration the table follows
    DEPARTMENT = "department"
    IMPLEMENTER = "implementer"
    MONEY_BLOCK = "money"  #: 项目资金（万元）, over the money columns
    FUND_TOTAL = "fund_total"  #: the money rows
    FUND_FISCAL = "fund_fiscal"
    FUND_OTHER = "fund_other"
    BUDGET_CAUSE = "budget_cause"  #: 预算执行偏差原因
    GOAL_BLOCK = "goal"  #: 年度总体目标, over the two goal columns
    GOAL_PLANNED = "goal_planned"
    GOAL_ACTUAL = "goal_actual"
    PROJECT_LIGHT = "project_light"
    EXPLANATIONS = "explanations"
    CAUSE_ANALYSIS = "cause_analysis"  #: a published table's closing text (黄石 2019)
    SUGGESTIONS = "suggestions"  #: a published table's closing text (黄石 2019)


@dataclass(frozen=True, slots=True)
class MonitoringSpec:
    """One label of the 监控表: what our table prints and what published ones do."""

    key: MonitoringField
    label: str  #: printed by our renderers; may hold ``{period}``
    variants: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The printed label and its variants."""
        return (self.label, *self.variants)

    def printed(self, period: str) -> str:
        return printed(self.label, period)


_F = MonitoringField
_DECLARED = spec  # the labels the 监控表 shares with the 申报表 come from its catalogue

#: Every header, block and money-row label, in the order our table prints them.
MONITORING_SPECS: tuple[MonitoringSpec, ...] = (
    MonitoringSpec(_F.PROJECT, _DECLARED(FieldKey.PROJECT_NAME).label),
    MonitoringSpec(_F.REFERENCE, "批复版本"),
    MonitoringSpec(_F.DEPARTMENT, _DECLARED(FieldKey.DEPARTMENT).label, ("主管部门", "预算部门")),
    MonitoringSpec(
        _F.IMPLEMENTER,
        _DECLARED(FieldKey.IMPLEMENTER).label,
        ("项目执行单位", "项目实施单位", "预算单位"),
    ),
    MonitoringSpec(_F.MONEY_BLOCK, _DECLARED(FieldKey.FUNDING).label),
    MonitoringSpec(_F.FUND_TOTAL, _DECLARED(FieldKey.ANNUAL_TOTAL).label, ("资金总额",)),
    # 「其中：本年一般公共预算拨款」 (Anhui) is read as 一般公共预算拨款 (lifecycle.md §1.1).
    MonitoringSpec(_F.FUND_FISCAL, _DECLARED(FieldKey.FISCAL).label, ("一般公共预算拨款",)),
    MonitoringSpec(_F.FUND_OTHER, _DECLARED(FieldKey.OTHER).label),
    MonitoringSpec(_F.BUDGET_CAUSE, "预算执行偏差原因"),
    MonitoringSpec(_F.GOAL_BLOCK, _DECLARED(FieldKey.ANNUAL_GOAL).label),
    MonitoringSpec(_F.GOAL_PLANNED, "全年预期目标"),
    MonitoringSpec(_F.GOAL_ACTUAL, "目标实际完成情况（{period}）"),
    MonitoringSpec(_F.PROJECT_LIGHT, "项目预警"),
    MonitoringSpec(_F.EXPLANATIONS, "预警说明"),
    MonitoringSpec(_F.CAUSE_ANALYSIS, "偏差或不能完成目标原因分析"),
    MonitoringSpec(_F.SUGGESTIONS, "相关建议或举措"),
)
MONITORING_FIELDS: dict[MonitoringField, MonitoringSpec] = {s.key: s for s in MONITORING_SPECS}
_BY_KEY: dict[str, MonitoringSpec] = {
    label_key(printed(label, _NO_PERIOD)): s for s in MONITORING_SPECS for label in s.labels
}


def monitoring_spec(key: MonitoringField) -> MonitoringSpec:
    """``monitoring_spec(MonitoringField.REFERENCE).label == '批复版本'``."""
    return MONITORING_FIELDS[key]


def monitoring_field(text: str) -> MonitoringSpec | None:
    """The label a printed cell is (spacing, width and ``其中：`` ignored), or None.

    >>> monitoring_field("项目执行单位").key, monitoring_field("其中：财政拨款").key
    (<MonitoringField.IMPLEMENTER: 'implementer'>, <MonitoringField.FUND_FISCAL: 'fund_fiscal'>)
    >>> monitoring_field("申遗经费") is None
    True
    """
    return _BY_KEY.get(label_key(text))


class MonitoringText(StrEnum):
    """Texts the 监控表 prints besides its labels and column headers."""

    TITLE = "项目支出绩效目标执行监控表"
    FOOTNOTE = (
        "注：1.偏差原因从经费保障、制度保障、人员保障、硬件条件保障、其他等方面分析，可填多项，以“、”分隔；"
        "勾选“其他”的须在偏差原因说明中写明。2.完成目标可能性填确定能、有可能或完全不可能；"
        "填有可能、完全不可能的，须填写全年预计完成值、偏差原因和纠偏措施。"
        "3.定性指标的1–m月实际完成值填达成目标、部分达成目标并具有一定效果或未达成目标且效果较差。"
    )
    TITLE_END = "监控表"  #: how every 监控表 title ends (绩效监控表, 绩效目标执行监控表 …)
    YEAR_LINE = "（{year}年度 {period}）"
    BLANK_YEAR = "　　　　"  #: a year to fill in


def monitoring_period(month: int) -> str:
    """The reporting period as printed: 1–6月, or 1月 for January.

    >>> monitoring_period(6), monitoring_period(1)
    ('1–6月', '1月')
    """
    return f"1–{month}月" if month > 1 else "1月"


def monitoring_year_line(year: int | None, period: str) -> str:
    """（2025年度 1–6月）, or a blank year to fill in.

    >>> monitoring_year_line(2025, "1–6月")
    '（2025年度 1–6月）'
    """
    shown = MonitoringText.BLANK_YEAR.value if year is None else str(year)
    return MonitoringText.YEAR_LINE.value.format(year=shown, period=period)


class _PeriodHeader(StrEnum):
    """A column whose printed header may name the period (``{period}`` → 1–m月)."""

    def header(self, period: str) -> str:
        return printed(self.value, period)


class MoneyColumn(_PeriodHeader):
    """The money block's column headers; ``{period}`` is filled with 1–m月."""

    BUDGET = "年度预算数"
    EXECUTED = "{period}执行数"
    RATE = "{period}执行率（%）"
    FORECAST = "全年预计执行数"
    PROGRESS = "序时进度（%）"
    LIGHT = "预算执行预警"


#: Words that name a money column in a published table (年初预算数 | 1-6月执行数 | 全年预计
#: 执行数), tried in this order on the header text: the longer 预计执行数 before 执行数.
MONEY_HEAD_WORDS: tuple[tuple[str, MoneyColumn], ...] = (
    ("预算数", MoneyColumn.BUDGET),
    ("预计执行数", MoneyColumn.FORECAST),
    ("执行数", MoneyColumn.EXECUTED),
)


class MonitoringColumn(_PeriodHeader):
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


@dataclass(frozen=True, slots=True)
class MonitoringColumnSpec:
    """One indicator column and the headers published tables print for it."""

    column: MonitoringColumn
    variants: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.column.value, *self.variants)


_C = MonitoringColumn
#: Header variants read from published tables (黄石 2019, vendor templates) by column.
MONITORING_COLUMNS: tuple[MonitoringColumnSpec, ...] = (
    MonitoringColumnSpec(_C.LEVEL1, ("一级",)),
    MonitoringColumnSpec(_C.LEVEL2, ("二级",)),
    MonitoringColumnSpec(_C.NAME, ("三级", "指标名称", "三级指标名称")),
    MonitoringColumnSpec(_C.TARGET, ("指标值", "年度目标值")),
    MonitoringColumnSpec(_C.ACTUAL, ("实际完成值", "当前完成值", "执行情况", "半年度指标执行情况")),
    MonitoringColumnSpec(_C.FORECAST, ("全年预计完成情况",)),
    MonitoringColumnSpec(_C.CAUSES, ("偏差原因分析",)),
    MonitoringColumnSpec(_C.CAUSE_TEXT, ("其他原因",)),
    MonitoringColumnSpec(
        _C.LIKELIHOOD, ("完成目标可能性(确定能、有可能、不可能)", "完成可能性分析")
    ),
    MonitoringColumnSpec(_C.MEASURES),
    MonitoringColumnSpec(_C.REMARK),
    MonitoringColumnSpec(_C.LIGHT, ("序时进度预警",)),
)
_COLUMN_BY_KEY: dict[str, MonitoringColumn] = {
    label_key(printed(label, _NO_PERIOD)): s.column
    for s in MONITORING_COLUMNS
    for label in s.labels
}


def monitoring_column(text: str) -> MonitoringColumn | None:
    """The column a header cell names: 1–6月实际完成值 → ACTUAL, 指标值 → TARGET.

    >>> monitoring_column("1–6月实际完成值")
    <MonitoringColumn.ACTUAL: '{period}实际完成值'>
    >>> monitoring_column("完成可能性分析")
    <MonitoringColumn.LIKELIHOOD: '完成目标可能性'>
    """
    key = label_key(text)
    found = _COLUMN_BY_KEY.get(key)
    if found is None and "月" in key:
        found = _COLUMN_BY_KEY.get(key[key.index("月") + 1 :])
    return found


def monitoring_labels(period: str) -> frozenset[str]:
    """Every label of the 监控表 for the period ``period``, as :func:`label_key` keys."""
    texts = [
        *(printed(label, period) for s in MONITORING_SPECS for label in s.labels),
        *(m.header(period) for m in MoneyColumn),
        *(printed(label, period) for c in MONITORING_COLUMNS for label in c.labels),
        MonitoringText.TITLE.value,
        MonitoringText.FOOTNOTE.value,
    ]
    return frozenset(label_key(t) for t in texts)


__all__ = [
    "MONEY_HEAD_WORDS",
    "MONITORING_COLUMNS",
    "MONITORING_FIELDS",
    "MONITORING_SPECS",
    "MoneyColumn",
    "MonitoringColumn",
    "MonitoringColumnSpec",
    "MonitoringField",
    "MonitoringSpec",
    "MonitoringText",
    "monitoring_column",
    "monitoring_field",
    "monitoring_labels",
    "monitoring_period",
    "monitoring_spec",
    "monitoring_year_line",
    "printed",
]
