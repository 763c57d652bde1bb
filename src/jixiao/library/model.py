"""The 指标库 as immutable data: entries, their learnt value statistics, bundles.

An :class:`Entry` is one indicator of the library — a 三级指标 name under its 一级/二级 with
what a clerk needs to write it (指标解释, 计量单位, 参考值 and its 依据, 评分标准) and, when it
was learnt from forms, the names it gathered (``aliases``), the forms it was seen in
(``sources``) and the distribution of the values those forms declared (:class:`ValueStats`).
Curated entries (``origin`` 人工) win over learnt ones with the same key. A :class:`Bundle` is
the set of indicators that projects of one kind (资金用途 or a project-name keyword) declare
together; a :class:`Project` is one form the library learnt from, kept so that a new project
can be matched to similar ones by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.values import Direction, Operator


class ReferenceBasis(StrEnum):
    """参考值的依据 (财预〔2015〕88号: 历史标准, 行业标准, 计划标准, 其他标准)."""

    HISTORICAL = "历史标准"
    INDUSTRY = "行业标准"
    PLAN = "计划标准"
    OTHER = "其他"


class Origin(StrEnum):
    """Whether a curator wrote the entry or the library learnt it from forms."""

    CURATED = "人工"
    LEARNT = "学习"


class EntryStatus(StrEnum):
    """An entry in use, or retired by a curator (kept for history, never suggested)."""

    ACTIVE = "在用"
    RETIRED = "停用"


@dataclass(frozen=True, slots=True)
class ValueStats:
    """The quantitative values one cluster declared in one unit: ``≥85–95%`` from 12 forms."""

    unit: str  #: 计量单位 the numbers are in (scale folded in: 万元, 万册 stay as printed)
    count: int  #: how many declared values
    median: Decimal
    low: Decimal  #: lower quartile
    high: Decimal  #: upper quartile
    minimum: Decimal
    maximum: Decimal
    operator: Operator | None  #: the most common 计算符号, None for bare numbers

    def describe(self) -> str:
        """``≥85–95%（12份表，中位数90%）``: the typical range a reviewer can quote."""
        op = self.operator.value if self.operator and self.operator != Operator.EQ else ""
        span = _num(self.low) if self.low == self.high else f"{_num(self.low)}–{_num(self.high)}"
        return f"{op}{span}{self.unit}（{self.count}个取值，中位数{_num(self.median)}{self.unit}）"


def _num(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


@dataclass(frozen=True, slots=True)
class Entry:
    """One indicator of the library."""

    key: str  #: stable identifier: 二级指标 + normalised name
    level1: str  #: 一级指标
    level2: str  #: 二级指标
    name: str  #: 三级指标 (the most common spelling for a learnt entry)
    sector: str = ""  #: 行业
    domain: str = ""  #: 领域
    fund_use: str = ""  #: 资金用途 / project type
    explanation: str = ""  #: 指标解释
    unit: str = ""  #: 计量单位
    direction: Direction | None = None  #: 指标方向 (正向/反向/等于/定性)
    reference: str = ""  #: 参考值
    basis: ReferenceBasis | None = None  #: 参考值依据
    scoring: str = ""  #: 评分标准
    origin: Origin = Origin.LEARNT
    status: EntryStatus = EntryStatus.ACTIVE
    note: str = ""  #: 备注 of a curator
    aliases: tuple[str, ...] = ()  #: other spellings gathered into this entry
    sources: tuple[str, ...] = ()  #: the forms it was seen in (file:line 项目名称)
    stats: tuple[ValueStats, ...] = ()  #: value distributions, most common unit first
    qualitative: tuple[tuple[str, int], ...] = ()  #: qualitative values and their counts

    @property
    def form_count(self) -> int:
        return len(self.sources)

    @property
    def typical(self) -> str:
        """The typical value in words: the main distribution, else the commonest term."""
        if self.stats:
            return self.stats[0].describe()
        if self.qualitative:
            term, count = self.qualitative[0]
            return f"{term}（{count}份表）"
        return self.reference

    def stats_in(self, unit: str) -> ValueStats | None:
        return next((s for s in self.stats if s.unit == unit), None)


@dataclass(frozen=True, slots=True)
class Project:
    """A form the library learnt from: its name and the entries it declared."""

    source: str  #: file:line
    name: str  #: 项目名称
    year: int | None
    attribute: str  #: 项目属性
    fund_use: str  #: the project type the library assigned
    entry_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bundle:
    """Indicators projects of one kind usually declare together, commonest first."""

    fund_use: str  #: 资金用途 / project type
    project_count: int
    entries: tuple[tuple[str, int], ...]  #: (entry key, how many of those projects declared it)


@dataclass(frozen=True, slots=True)
class Library:
    """The whole 指标库."""

    entries: tuple[Entry, ...]
    bundles: tuple[Bundle, ...] = ()
    projects: tuple[Project, ...] = ()

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    @property
    def active(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.status is EntryStatus.ACTIVE)
