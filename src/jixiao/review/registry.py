"""The rule registry: ``@rule(...)`` registers a small check function with its metadata.

A rule's docstring is its documentation and has five fixed sections, in order::

    检查内容：   what is checked
    为什么：     why a reviewer cares
    不合格示例： form-patch lines (see :mod:`jixiao.review.examples`) the rule flags
    合格示例：   form-patch lines the rule passes
    依据：       the policy text it rests on

Codes are stable and never reused: a letter for the area (C 完整性, R 相关性, A 适当性,
F 可行性, V 指标值, B 批量, X 导入) and three digits. The symbol names the defect.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from jixiao.model import NOWHERE, SourceLocation
from jixiao.review.finding import Dimension, Severity

if TYPE_CHECKING:
    from jixiao.review.context import BatchContext, FormContext

SECTIONS = ("检查内容", "为什么", "不合格示例", "合格示例", "依据")
_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_SYMBOL = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Scope(StrEnum):
    """What a rule looks at: one form, or all forms of a batch together."""

    FORM = "单表"
    BATCH = "批量"


class Hit(NamedTuple):
    """What a check function yields: template arguments and where the defect is.

    A named tuple rather than a dataclass: rules create many of these, and the review
    turns each into a :class:`~jixiao.review.finding.Finding` right away.
    """

    args: Mapping[str, str]  #: template arguments, already text (see ``context.texts``)
    path: tuple[str, ...] = ()
    location: SourceLocation = NOWHERE
    form: int = 0  #: for batch rules: the index of the form in the batch


FormCheck = Callable[["FormContext"], Iterable[Hit]]
BatchCheck = Callable[["BatchContext"], Iterable[Hit]]
F = TypeVar("F", bound=Callable[..., Iterable[Hit]])


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: metadata plus its check function."""

    code: str
    symbol: str
    severity: Severity
    dimension: Dimension
    basis: str  #: a citation key or a parameter key of the policy data
    template: str  #: Chinese message with {named} placeholders
    fix: str  #: suggested fix (Chinese), may use the same placeholders
    scope: Scope
    check: Callable[..., Iterable[Hit]]
    sections: Mapping[str, str]

    @property
    def title(self) -> str:
        """The first sentence of 检查内容, on one line."""
        text = "".join(line.strip() for line in self.sections["检查内容"].splitlines())
        head, stop, _ = text.partition("。")
        return head + stop


REGISTRY: dict[str, Rule] = {}


class RegistryError(ValueError):
    """A rule was declared wrongly (bad code, reused code or symbol, missing section)."""


def rule(
    code: str,
    symbol: str,
    severity: Severity,
    dimension: Dimension,
    basis: str,
    template: str,
    fix: str = "",
    scope: Scope = Scope.FORM,
) -> Callable[[F], F]:
    """Register the decorated check function as a rule."""

    def register(func: F) -> F:
        sections = parse_sections(inspect.getdoc(func) or "", code)
        entry = Rule(code, symbol, severity, dimension, basis, template, fix, scope, func, sections)
        _validate(entry)
        REGISTRY[code] = entry
        return func

    return register


def _validate(entry: Rule) -> None:
    if not _CODE.match(entry.code):
        raise RegistryError(f"规则代码“{entry.code}”应为一个大写字母加三位数字")
    if not _SYMBOL.match(entry.symbol):
        raise RegistryError(f"{entry.code}：符号“{entry.symbol}”应为小写连字符形式")
    if entry.code in REGISTRY:
        raise RegistryError(f"规则代码 {entry.code} 重复注册")
    if any(r.symbol == entry.symbol for r in REGISTRY.values()):
        raise RegistryError(f"规则符号 {entry.symbol} 重复注册")


def parse_sections(doc: str, code: str) -> dict[str, str]:
    """Split a rule docstring into its five sections; all must be present and non-empty."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        head = line.strip().rstrip("：:")
        if not line.startswith(" ") and head in SECTIONS and line.strip()[-1] in "：:":
            current = found.setdefault(head, [])
        elif current is not None:
            current.append(line)
    missing = [s for s in SECTIONS if not "\n".join(found.get(s, [])).strip()]
    if missing:
        raise RegistryError(f"{code}：文档缺少小节 {'、'.join(missing)}")
    return {s: inspect.cleandoc("\n".join(found[s])) for s in SECTIONS}


def selected(codes: Iterable[str], select: Iterable[str], ignore: Iterable[str]) -> list[str]:
    """Codes chosen by ``select`` prefixes (all when empty) minus ``ignore`` prefixes.

    >>> selected(["A401", "A402", "C101"], ["A"], ["A402"])
    ['A401']
    """
    chosen = tuple(select)
    dropped = tuple(ignore)
    return [
        c
        for c in codes
        if (not chosen or c.startswith(chosen)) and not (dropped and c.startswith(dropped))
    ]


def rules_for(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The registered rules chosen by code prefix, in code order."""
    codes = selected(sorted(REGISTRY), select, ignore)
    return tuple(REGISTRY[c] for c in codes)
