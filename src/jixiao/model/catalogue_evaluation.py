"""The catalogue of the 项目支出绩效自评表 (财预〔2020〕10号 annex and the provincial layouts of
lifecycle.md §2.1): its header, money, goal and closing labels with the variants published
forms print, and the indicator and money columns of each layout we print.

Part of the form catalogue (:mod:`jixiao.model.catalogue`). The renderer
(:mod:`jixiao.render.evaluation`), our forms' reader (:mod:`jixiao.evaluation.grid`), the
published-text reader and tokenizer, the example notation and the web pages read these
names; adding a province's label is one edit here.

API:

- :class:`EvaluationField` — a label of the form; :class:`EvaluationSpec` (``label`` printed
  by our layouts, ``variants`` printed by published forms, ``labels`` both, ``bare`` the
  label without its unit, tried only where a block label is expected);
  :data:`EVALUATION_FIELDS`, :func:`evaluation_spec`.
- :class:`EvaluationText` — the title and the 指标性质 of a qualitative indicator.
- :class:`EvaluationColumn` — the role of an indicator column; :class:`EvaluationLayoutLabels`
  — one layout's indicator headers (by role), money headers and goal headers:
  :data:`NATIONAL_LABELS`, :data:`SICHUAN_LABELS`, :data:`ANHUI_LABELS`.
- :func:`evaluation_labels` — every label key, for the test that renderers and pages print
  only catalogue labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.catalogue_text import label_key


class EvaluationField(StrEnum):
    """A label of the 自评表; the value names its slot."""

    PROJECT_NAME = "project_name"
    DEPARTMENT = "department"
    IMPLEMENTER = "implementer"
    MONEY_BLOCK = "money"  #: 项目资金（万元）, over the money columns
    INITIAL = "initial"  #: 年初预算数
    ANNUAL = "annual"  #: 全年预算数（A）
    EXECUTED = "executed"  #: 全年执行数（B）
    RATE = "rate"  #: 执行率（B/A）
    WEIGHT = "weight"  #: 分值 (money row and indicator column)
    SCORE = "score"  #: 得分
    REASON = "reason"  #: 原因 of a low 执行率
    TOTAL_ROW = "total_row"  #: the money rows
    FISCAL_ROW = "fiscal_row"
    CARRIED_ROW = "carried_row"
    OTHER_ROW = "other_row"
    GOAL_BLOCK = "goal_block"  #: 年度总体目标, over the two goal columns
    GOAL = "goal"  #: 预期目标
    GOAL_ACTUAL = "goal_actual"  #: 实际完成情况
    INDICATORS = "indicators"  #: the 绩效指标 block label
    LEVEL1 = "level1"
    LEVEL2 = "level2"
    NAME = "name"  #: 三级指标
    TARGET = "target"  #: 年度指标值
    ACTUAL = "actual"  #: 实际完成值
    DEVIATION = "deviation"  #: 偏差原因分析及改进措施
    NATURE = "nature"  #: 指标性质 (Sichuan)
    UNIT = "unit"  #: 度量单位 (Sichuan)
    TOTAL = "total"  #: 总分
    GRADE = "grade"  #: 自评等级
    CONCLUSION = "conclusion"
    PROBLEMS = "problems"
    MEASURES = "measures"
    BAND = "band"  #: 完成档次 of a qualitative indicator
    BUDGET_SCORE = "budget_score"  #: 预算得分


@dataclass(frozen=True, slots=True)
class EvaluationSpec:
    """One label of the 自评表: what our layouts print and what published forms do."""

    key: EvaluationField
    label: str
    variants: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()  #: the label without its unit (项目资金), only where a label is due

    @property
    def labels(self) -> tuple[str, ...]:
        """The printed label and its variants, as published forms spell them."""
        return (self.label, *self.variants)


_E = EvaluationField
#: Every label, as printed (exact spellings kept: the published-text reader matches them
#: character by character with any spacing between).
EVALUATION_SPECS: tuple[EvaluationSpec, ...] = (
    EvaluationSpec(
        _E.PROJECT_NAME,
        "项目名称",
        ("专项资金名称", "转移支付(项目)名称", "转移支付（项目）名称"),
    ),
    EvaluationSpec(
        _E.DEPARTMENT,
        "主管部门",
        ("市县主管部门", "地方主管部门", "县级主管部门", "市级主管部门"),
    ),
    EvaluationSpec(
        _E.IMPLEMENTER,
        "实施单位",
        ("资金使用单位", "实施单位(盖章)", "实施单位（盖章）", "实施单位/项目负责人"),
    ),
    EvaluationSpec(
        _E.MONEY_BLOCK,
        "项目资金（万元）",
        ("项目资金(万元)", "资金情况(万元)", "资金投入情况(万元)"),
        bare=("项目资金", "资金情况", "资金投入情况"),
    ),
    EvaluationSpec(_E.INITIAL, "年初预算数", ("年初预算",)),
    EvaluationSpec(
        _E.ANNUAL, "全年预算数", ("全年预算数(A)", "全年预算数（A）", "调整后预算数", "全年预算")
    ),
    EvaluationSpec(
        _E.EXECUTED, "全年执行数", ("全年执行数(B)", "全年执行数（B）", "预算执行数", "全年执行")
    ),
    EvaluationSpec(
        _E.RATE,
        "执行率",
        ("执行率(B/A)", "执行率（B/A）", "预算执行率", "预算执行率(B/A×100%)"),
    ),
    EvaluationSpec(_E.WEIGHT, "分值", ("权重",)),
    EvaluationSpec(_E.SCORE, "得分"),
    EvaluationSpec(_E.REASON, "原因", ("偏差原因分析及改进措施", "未完成原因分析")),
    EvaluationSpec(_E.TOTAL_ROW, "年度资金总额", ("年度资金总额:", "总额")),
    EvaluationSpec(_E.FISCAL_ROW, "其中:当年财政拨款", ("其中：当年财政拨款",)),
    EvaluationSpec(_E.CARRIED_ROW, "上年结转资金"),
    EvaluationSpec(_E.OTHER_ROW, "其他资金"),
    EvaluationSpec(_E.GOAL_BLOCK, "年度总体目标", ("年度 总体 目标", "总体目标完成情况")),
    EvaluationSpec(
        _E.GOAL,
        "预期目标",
        ("年初设定目标", "年度目标", "总体目标", "项目年度目标", "年初预期目标"),
    ),
    EvaluationSpec(
        _E.GOAL_ACTUAL,
        "实际完成情况",
        ("全年实际完成情况", "年度目标完成情况", "年度实际完成情况"),
    ),
    EvaluationSpec(_E.INDICATORS, "绩效指标"),
    EvaluationSpec(_E.LEVEL1, "一级指标"),
    EvaluationSpec(_E.LEVEL2, "二级指标"),
    EvaluationSpec(_E.NAME, "三级指标"),
    EvaluationSpec(_E.TARGET, "年度指标值", ("指标值", "年度指标值（A）")),
    EvaluationSpec(
        _E.ACTUAL,
        "实际完成值",
        ("全年实际值", "全年完成值", "完成值", "全年实际完成值", "实际完成值（B）"),
    ),
    EvaluationSpec(
        _E.DEVIATION,
        "偏差原因分析及改进措施",
        (
            "未完成原因和改进措施",
            "未完成原因分析",
            "备注",
            "未完成原因及改进措施",
            "偏差原因分析",
        ),
    ),
    EvaluationSpec(_E.NATURE, "指标性质", ("计算符号",)),
    EvaluationSpec(_E.UNIT, "度量单位", ("计量单位",)),
    EvaluationSpec(_E.TOTAL, "总分", ("得分合计", "项目总得分", "合计")),
    EvaluationSpec(_E.GRADE, "自评等级", ("评价等级",)),
    EvaluationSpec(_E.CONCLUSION, "评价结论"),
    EvaluationSpec(_E.PROBLEMS, "存在问题"),
    EvaluationSpec(_E.MEASURES, "改进措施"),
    EvaluationSpec(_E.BAND, "完成档次"),
    EvaluationSpec(_E.BUDGET_SCORE, "预算得分"),
)
EVALUATION_FIELDS: dict[EvaluationField, EvaluationSpec] = {s.key: s for s in EVALUATION_SPECS}


def evaluation_spec(key: EvaluationField) -> EvaluationSpec:
    """``evaluation_spec(EvaluationField.ANNUAL).label == '全年预算数'``."""
    return EVALUATION_FIELDS[key]


class EvaluationText(StrEnum):
    """Texts the 自评表 prints besides its labels."""

    TITLE = "项目支出绩效自评表"
    TITLE_END = "自评表"  #: how every 自评表 title ends (转移支付项目绩效目标自评表 …)
    QUALITATIVE_NATURE = "定性"  #: the 指标性质 printed for a qualitative indicator (Sichuan)


class EvaluationColumn(StrEnum):
    """What an indicator column of the 自评表 holds (each layout prints its own header)."""

    LEVEL1 = "level1"
    LEVEL2 = "level2"
    NAME = "name"
    NATURE = "nature"
    TARGET = "target"
    UNIT = "unit"
    ACTUAL = "actual"
    WEIGHT = "weight"
    SCORE = "score"
    DEVIATION = "deviation"


@dataclass(frozen=True, slots=True)
class EvaluationLayoutLabels:
    """One layout's printed headers: indicator columns by role, money columns, goal columns."""

    columns: tuple[tuple[EvaluationColumn, str], ...]
    money: tuple[str, ...]
    goal: tuple[str, str]

    @property
    def headers(self) -> tuple[str, ...]:
        """The indicator table's header row, in printed order."""
        return tuple(header for _, header in self.columns)

    @property
    def roles(self) -> tuple[EvaluationColumn, ...]:
        return tuple(role for role, _ in self.columns)

    def header(self, role: EvaluationColumn) -> str:
        """The header this layout prints for ``role`` (KeyError if it has no such column)."""
        return dict(self.columns)[role]


_C = EvaluationColumn
_LEVELS = ((_C.LEVEL1, "一级指标"), (_C.LEVEL2, "二级指标"), (_C.NAME, "三级指标"))

#: 全国 (财预〔2020〕10号).
NATIONAL_LABELS = EvaluationLayoutLabels(
    (
        *_LEVELS,
        (_C.TARGET, "年度指标值"),
        (_C.ACTUAL, "实际完成值"),
        (_C.WEIGHT, "分值"),
        (_C.SCORE, "得分"),
        (_C.DEVIATION, "偏差原因分析及改进措施"),
    ),
    ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("预期目标", "实际完成情况"),
)
#: 四川 (报表编号 510000_0013zp): 指标性质 | 指标值 | 度量单位 printed apart.
SICHUAN_LABELS = EvaluationLayoutLabels(
    (
        *_LEVELS,
        (_C.NATURE, "指标性质"),
        (_C.TARGET, "指标值"),
        (_C.UNIT, "度量单位"),
        (_C.ACTUAL, "完成值"),
        (_C.WEIGHT, "权重"),
        (_C.SCORE, "得分"),
        (_C.DEVIATION, "未完成原因分析"),
    ),
    ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"),
    ("项目年度目标", "年度目标完成情况"),
)
#: 安徽 (vendor import).
ANHUI_LABELS = EvaluationLayoutLabels(
    (
        *_LEVELS,
        (_C.TARGET, "指标值"),
        (_C.ACTUAL, "实际完成值"),
        (_C.WEIGHT, "分值"),
        (_C.SCORE, "得分"),
        (_C.DEVIATION, "备注（偏差原因）"),
    ),
    ("年初预算", "全年预算", "全年执行", "分值", "执行率", "得分"),
    ("年度目标", "全年实际完成"),
)
LAYOUT_LABELS: tuple[EvaluationLayoutLabels, ...] = (NATIONAL_LABELS, SICHUAN_LABELS, ANHUI_LABELS)


def evaluation_labels() -> frozenset[str]:
    """Every label of the 自评表, as :func:`label_key` keys.

    >>> from jixiao.model.catalogue_text import label_key
    >>> label_key("全年预算数（A）") in evaluation_labels()
    True
    """
    texts = [
        *(label for s in EVALUATION_SPECS for label in (*s.labels, *s.bare)),
        *(t for layout in LAYOUT_LABELS for t in (*layout.headers, *layout.money, *layout.goal)),
        *(t.value for t in EvaluationText),
    ]
    return frozenset(label_key(t) for t in texts)


__all__ = [
    "ANHUI_LABELS",
    "EVALUATION_FIELDS",
    "EVALUATION_SPECS",
    "LAYOUT_LABELS",
    "NATIONAL_LABELS",
    "SICHUAN_LABELS",
    "EvaluationColumn",
    "EvaluationField",
    "EvaluationLayoutLabels",
    "EvaluationSpec",
    "EvaluationText",
    "evaluation_labels",
    "evaluation_spec",
]
