"""What a rule sees: one form (or a batch of forms) with the profile and the policy values.

The context precomputes what many rules need (rows with their effective requirement,
money in 万元) so each rule stays a few lines long and the review stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from jixiao.importers.base import ImportIssue
from jixiao.model import (
    Declaration,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Requirement,
    SourceLocation,
)
from jixiao.policy import PolicyValues
from jixiao.review.profiles import Profile
from jixiao.review.registry import Hit
from jixiao.values import IndicatorValue, ValueKind

if TYPE_CHECKING:  # the 指标库 is only handed in, never built here
    from jixiao.library.suggest import Suggester

#: 二级 groups whose rows are costs, and those comparable with the annual budget.
COST_GROUPS = frozenset(
    {Level2.COST, Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST}
)
BUDGET_GROUPS = frozenset({Level2.COST, Level2.ECONOMIC_COST})
BENEFIT_GROUPS = frozenset(
    {
        Level2.ECONOMIC_BENEFIT,
        Level2.SOCIAL_BENEFIT,
        Level2.ECOLOGICAL_BENEFIT,
        Level2.SUSTAINABILITY,
    }
)
TEN_THOUSAND = Decimal(10000)
_QUALITATIVE = ValueKind.QUALITATIVE
_QUANTITATIVE = ValueKind.QUANTITATIVE
_NOISE_TEXT = " \t\n\u3000。，,.；;：:、“”\"'《》"
_PERIOD_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年?")
_PERIOD_RANGE = re.compile(r"((?:19|20)[0-9]{2})\s*年?\s*[-—–~至到]\s*((?:19|20)[0-9]{2})")
_NOISE_CHARS = re.compile("[" + re.escape(_NOISE_TEXT) + "]")


def normal_name(name: str) -> str:
    """An indicator name without spaces and punctuation, for comparisons.

    >>> normal_name("市民群众对民生“十心”实事满意率。")
    '市民群众对民生十心实事满意率'
    """
    if name.isalnum():  # the usual case, cheaply: every noise character is not alphanumeric
        return name
    # a regex removes the characters several times faster than str.translate on CJK text
    return _NOISE_CHARS.sub("", name) if _NOISE_CHARS.search(name) else name


class Row:
    """One 三级 row with its group and the requirement in force for that group."""

    __slots__ = (
        "group",
        "indicator",
        "key",
        "level2",
        "name",
        "placeholder",
        "requirement",
        "value",
    )

    def __init__(
        self, group: IndicatorGroup, indicator: Indicator, requirement: Requirement | None
    ) -> None:
        self.group = group
        self.indicator = indicator
        self.requirement = requirement
        self.name: str = indicator.name
        self.value: IndicatorValue = indicator.value
        self.level2: Level2 = group.level2
        self.key: str = normal_name(indicator.name)  #: the name for comparisons
        self.placeholder: bool = indicator.is_placeholder  #: a 「无」 row

    @property
    def path(self) -> tuple[str, ...]:
        return (str(self.group.level1), str(self.group.level2), self.indicator.name)

    def hit(self, **args: object) -> Hit:
        """A hit at this row; ``name``, ``value`` and ``group`` are always available to templates.

        They follow the rule's own args (which may override them), in this order.
        """
        indicator = self.indicator
        if args:
            found = texts(args)
            found.setdefault("name", self.name)
            found.setdefault("value", indicator.display_value)
            found.setdefault("group", str(self.level2))
        else:  # most hits: build the dict at once
            found = {"name": self.name, "value": indicator.display_value, "group": str(self.level2)}
        path = (str(self.group.level1), str(self.level2), self.name)
        return Hit(found, path, indicator.location)


class Money(NamedTuple):
    """A cost row with its money read: a 万元 total, or a per-unit price (元, unit counted)."""

    row: Row
    total: Decimal | None
    unit_price: tuple[Decimal, str] | None


class FormContext:
    """One declaration under review."""

    __slots__ = (
        "_money",
        "_names",
        "_subsets",
        "decl",
        "groups",
        "import_issues",
        "percent_rows",
        "period_years",
        "policy",
        "present",
        "profile",
        "qualitative_rows",
        "quantitative_rows",
        "real_rows",
        "rows",
    )

    def __init__(
        self,
        decl: Declaration,
        profile: Profile,
        policy: PolicyValues,
        import_issues: tuple[ImportIssue, ...] = (),
    ) -> None:
        self.decl = decl
        self.profile = profile
        self.policy = policy
        self.import_issues = import_issues
        rows: list[Row] = []
        #: each group with all its rows and its real rows, in printed order
        self.groups: list[tuple[IndicatorGroup, list[Row], list[Row]]] = []
        for group in decl.groups:
            requirement = self.requirement(group)  # once per group, not per row
            group_rows = [Row(group, indicator, requirement) for indicator in group.indicators]
            rows += group_rows
            self.groups.append((group, group_rows, [r for r in group_rows if not r.placeholder]))
        self.rows = tuple(rows)
        self.real_rows = tuple(r for _, _, real in self.groups for r in real)
        #: the 二级 groups with at least one real row
        self.present = frozenset(group.level2 for group, _, real in self.groups if real)
        #: years the 项目期 covers (2025年 → 2025; 2019-2021 → 2019…2021), else the form year
        self.period_years = _period_years(decl)
        self._subsets: dict[frozenset[Level2], list[Row]] = {}
        self._names: dict[frozenset[Level2] | None, str] = {}
        self._money: list[Money] | None = None
        self.percent_rows = [r for r in self.real_rows if r.value.unit == "%"]
        self.qualitative_rows = [r for r in self.real_rows if r.value.kind is _QUALITATIVE]
        #: real rows read as a number (with operator, scale and unit where printed)
        self.quantitative_rows = [r for r in self.real_rows if r.value.kind is _QUANTITATIVE]

    def requirement(self, group: IndicatorGroup) -> Requirement | None:
        """The printed annotation, else the profile's requirement for the 二级."""
        return group.requirement or self.profile.requirements.get(group.level2)

    def rows_in(self, groups: frozenset[Level2]) -> list[Row]:
        """Real rows of these 二级 groups, in printed order (memoized per group set)."""
        found = self._subsets.get(groups)
        if found is None:
            found = [r for group, _, real in self.groups if group.level2 in groups for r in real]
            self._subsets[groups] = found
        return found

    def budget_money(self) -> list[Money]:
        """The cost rows comparable with the budget, each with its 万元 total or per-unit price."""
        if self._money is None:
            self._money = [
                Money(r, money_wan(r.value), per_unit(r.value)) for r in self.rows_in(BUDGET_GROUPS)
            ]
        return self._money

    def names(self, groups: frozenset[Level2] | None = None) -> str:
        """The real rows' names (of these groups, or all) joined by newlines, memoized.

        Rules search this once to skip the row loop when no name can match.
        """
        found = self._names.get(groups)
        if found is None:
            rows = self.real_rows if groups is None else self.rows_in(groups)
            found = "\n".join([r.name for r in rows])
            self._names[groups] = found
        return found

    def hit(self, location: SourceLocation | None = None, **args: object) -> Hit:
        """A hit on the form as a whole (header fields, funding, goal)."""
        return form_hit(self.decl, location, args)

    def group_hit(self, level2: Level2, level1: Level1 | None, **args: object) -> Hit:
        group = self.decl.group(level2)
        where = group.location if group else self.decl.location
        path = (str(level1), str(level2)) if level1 else (str(level2),)
        return Hit({"group": str(level2), **texts(args)}, path, where)


def _period_years(decl: Declaration) -> range | None:
    text = decl.period
    span = _PERIOD_RANGE.search(text)
    if span:
        return range(int(span.group(1)), int(span.group(2)) + 1)
    single = _PERIOD_YEAR.search(text)
    if single:
        return range(int(single.group(1)), int(single.group(1)) + 1)
    year = decl.year
    return range(year, year + 1) if year else None


def form_hit(decl: Declaration, location: SourceLocation | None, args: Mapping[str, object]) -> Hit:
    """A hit on ``decl`` as a whole; ``project`` is always available to templates."""
    return Hit({"project": decl.project_name, **texts(args)}, (), location or decl.location)


class FormSummary:
    """What a batch keeps of one form once its single-form rules have run.

    The review drops each :class:`FormContext` as soon as the single-form rules are done
    with it; the batch rules compare every form with every other, so they see only this:
    the form, its policy values and its real rows. The context's group lists, memoized
    subsets and money rows are freed form by form, so a large batch keeps a fraction of
    the objects alive (and the garbage collector traverses a fraction of them).
    """

    __slots__ = ("decl", "policy", "real_rows")

    def __init__(self, ctx: FormContext) -> None:
        self.decl = ctx.decl
        self.policy = ctx.policy
        self.real_rows = ctx.real_rows

    @property
    def quantitative_rows(self) -> Iterator[Row]:
        """The real rows read as a number (as :attr:`FormContext.quantitative_rows`)."""
        return (r for r in self.real_rows if r.value.kind is _QUANTITATIVE)

    def hit(self, location: SourceLocation | None = None, **args: object) -> Hit:
        """A hit on the form as a whole (as :meth:`FormContext.hit`)."""
        return form_hit(self.decl, location, args)


class BatchContext:
    """All forms of one run, for rules that compare forms with each other.

    ``forms`` are the :class:`FormSummary` of each form, in the order given. ``library``
    is the 指标库 to judge values against (the web passes the system's); without one,
    rules compare the forms of the run with each other.
    """

    __slots__ = ("forms", "library")

    def __init__(self, forms: Iterable[FormSummary], library: Suggester | None = None) -> None:
        self.forms = tuple(forms)
        self.library = library


# --- helpers shared by rules -----------------------------------------------------------


def find_word(text: str, pattern: re.Pattern[str]) -> str | None:
    """The first word of ``pattern`` (see ``PolicyValues.pattern``) in ``text``, or None."""
    match = pattern.search(text)
    return match.group(0) if match else None


def texts(args: Mapping[str, object]) -> dict[str, str]:
    """Template arguments as text: Decimals printed plainly (see :func:`num`), others by str()."""
    return {
        k: v if type(v) is str else num(v) if isinstance(v, Decimal) else str(v)
        for k, v in args.items()
    }


def money_wan(value: IndicatorValue) -> Decimal | None:
    """A money total in 万元 (元, 万元, 亿元), or None when the value is not a money total."""
    if value.kind is not _QUANTITATIVE or value.number is None or value.unit != "元":
        return None
    amount = value.number * (value.scale.factor if value.scale else 1)
    return amount / TEN_THOUSAND


def per_unit(value: IndicatorValue) -> tuple[Decimal, str] | None:
    """A per-unit money value as (元 per unit, the unit counted), e.g. 元/人/年 → (…, 人)."""
    if value.number is None or not value.unit.startswith("元/"):
        return None
    amount = value.number * (value.scale.factor if value.scale else 1)
    return amount, value.unit.split("/")[1]


def is_money(value: IndicatorValue) -> bool:
    """A money total or a per-unit price (元, 万元, 元/人/年 …) with a number."""
    unit = value.unit
    return value.number is not None and (unit == "元" or unit.startswith("元/"))


def num(value: Decimal) -> str:
    """A Decimal printed plainly: no exponent, no trailing zeros (53.1500 → 53.15).

    >>> num(Decimal("53.1500")), num(Decimal("1E+3")), num(Decimal("0.0173"))
    ('53.15', '1000', '0.0173')
    """
    text = f"{value.normalize():f}"
    return text


def wan(value: Decimal) -> str:
    """万元 amounts rounded to 0.01 for messages."""
    return num(value.quantize(Decimal("0.01")))
