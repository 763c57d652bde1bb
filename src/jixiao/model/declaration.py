"""The 项目支出年度预算绩效目标申报表 as immutable data.

Every class is a frozen dataclass with slots; each field's comment gives the label the
form prints. Money is ``Decimal`` 万元, exactly as declared. Every node that an importer
reads carries a :class:`SourceLocation` so a finding can point at the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.vocab import Level1, Level2, Requirement, TreeVariant, Verdict
from jixiao.values import IndicatorValue, ValueKind, combine_value


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a node was read: file, 1-based line, and for tabular sources page and cell."""

    file: str = ""
    line: int | None = None
    page: int | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = [self.file or "<未知文件>"]
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(str(self.line))
        if self.cell:
            parts.append(self.cell)
        return ":".join(parts)


NOWHERE = SourceLocation()


@dataclass(frozen=True, slots=True)
class Organisation:
    """主管部门及代码 / 实施单位: a name and an optional code (单位代码)."""

    name: str = ""  #: 名称, as printed
    code: str = ""  #: 代码, often missing in published forms


@dataclass(frozen=True, slots=True)
class Funding:
    """项目资金（万元）."""

    annual_total: Decimal | None = None  #: 年度资金总额
    fiscal: Decimal | None = None  #: 其中：财政拨款
    other: Decimal | None = None  #: 其他资金; None when the form leaves it blank
    project_total: Decimal | None = None  #: 项目资金总额 (multi-year), where printed
    location: SourceLocation = NOWHERE
    #: fiscal money printed by level (中央资金, 市级资金 …), summed into ``fiscal`` when the
    #: form prints no 财政拨款 line; (catalogue label, 万元)
    fiscal_parts: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    """三级指标: one row of the indicator table, its name and 指标值."""

    name: str  #: 三级指标, with 「指标1：」 prefixes and wrapping removed
    value_text: str  #: 指标值 as printed (whitespace normalised)
    value: IndicatorValue  #: 指标值 parsed by :func:`jixiao.values.parse_value`
    location: SourceLocation = NOWHERE
    #: Columns a form prints beside the 指标值 (all "" where the form has no such column).
    #: ``value`` reads 指标性质 + 指标值 + 度量单位 together (:func:`jixiao.values.combine_value`).
    nature: str = ""  #: 指标性质 / 计算符号 as printed (正向, ≥, 定性 …)
    unit: str = ""  #: 度量单位 / 计量单位 as printed
    midterm_value: str = ""  #: 中期指标值: the target of the 中期 column group, where printed
    basis: str = ""  #: 绩效标准 / 指标值设定依据
    description: str = ""  #: 绩效指标描述 / 指标解释 / 指标值说明
    remark: str = ""  #: 备注
    weight: str = ""  #: 权重 / 分值, as printed
    #: further value columns by their printed header (one per village, per site …)
    columns: tuple[tuple[str, str], ...] = ()

    @property
    def display_value(self) -> str:
        """The 指标值 with its 指标性质 and 度量单位 columns joined (≥95%), for one-column views."""
        if not (self.nature or self.unit):
            return self.value_text
        return combine_value(self.nature, self.value_text, self.unit)

    @property
    def is_placeholder(self) -> bool:
        """A 「无 无」 row: the form says there is no indicator in this group."""
        return self.name == "无" and self.value.kind is ValueKind.NONE


@dataclass(frozen=True, slots=True)
class IndicatorGroup:
    """二级指标 under its 一级指标, with the template's annotation and its rows."""

    level1: Level1  #: 一级指标
    level2: Level2  #: 二级指标
    requirement: Requirement | None = None  #: （必填量化）/（必填）/（选填） where printed
    indicators: tuple[Indicator, ...] = ()
    location: SourceLocation = NOWHERE
    #: False when the form prints no 一级/二级 for these rows (a flat list): the levels
    #: are then the importer's inference from the names, said as an import issue.
    levels_printed: bool = True

    @property
    def real_indicators(self) -> tuple[Indicator, ...]:
        """The rows that are not 「无」 placeholders."""
        return tuple(i for i in self.indicators if not i.is_placeholder)


@dataclass(frozen=True, slots=True)
class Declaration:
    """One 项目支出年度预算绩效目标申报表."""

    year: int | None  #: （2025年度）
    project_name: str  #: 项目名称
    title: str = ""  #: the printed title, e.g. 银川市本级部门项目支出年度预算绩效目标申报表
    attachment: str = ""  #: 附件2 label before the title, where printed
    department: Organisation = Organisation()  #: 主管部门及代码
    implementer: Organisation = Organisation()  #: 实施单位
    attribute: str = ""  #: 项目属性 (经常性项目, 延续性项目 …); checked against policy
    period: str = ""  #: 项目期 (2025年, 2025年全年, 2019-2021)
    funding: Funding = Funding()  #: 项目资金（万元）
    annual_goal: str = ""  #: 年度总体目标
    long_term_goal: str = ""  #: 长期目标 / 项目总目标, where a form has one
    tree: TreeVariant = TreeVariant.CLASSIC  #: which national indicator tree the form uses
    groups: tuple[IndicatorGroup, ...] = ()  #: 绩效指标, in printed order
    #: 综合评定等级 decided in this system: set only by the 财政局's decision (workflow); None
    #: is 未评定. Importers never fill it.
    verdict: Verdict | None = None
    #: 原表所载: the 综合评定等级 box marked █ in an imported source, kept as provenance only
    printed_verdict: Verdict | None = None
    footnote: str = ""  #: 注：此表填报项目绩效目标涵盖年限为项目预算申报当年。
    other_fields: tuple[tuple[str, str], ...] = ()  #: labelled fields the model has no slot for
    location: SourceLocation = NOWHERE  #: where the form starts
    #: where each header field was read: (field key of the catalogue, location)
    field_locations: tuple[tuple[str, SourceLocation], ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every 三级指标 row in printed order, placeholders included."""
        return tuple(i for g in self.groups for i in g.indicators)

    def group(self, level2: Level2) -> IndicatorGroup | None:
        """The first group with this 二级指标, or None."""
        return next((g for g in self.groups if g.level2 is level2), None)


__all__ = [
    "NOWHERE",
    "Declaration",
    "Funding",
    "Indicator",
    "IndicatorGroup",
    "Organisation",
    "SourceLocation",
]
