"""The review's rules: ``@rule(...)`` registers a small check function with its metadata.

The registry is the one of every check family (:class:`jixiao.registry.Registry`); a rule's
docstring is its documentation in the five sections there, whose examples are form-patch
lines (see :mod:`jixiao.review.examples`). Codes are stable and never reused: a letter for
the area (C 完整性, R 相关性, A 适当性, F 可行性, V 指标值, B 批量, X 导入) and three digits.
The symbol names the defect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from jixiao.model import NOWHERE, SourceLocation
from jixiao.registry import SECTIONS, Entry, Registry, RegistryError, parse_sections, selected
from jixiao.review.finding import Dimension, Severity

if TYPE_CHECKING:
    from jixiao.review.context import BatchContext, FormContext


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
F = TypeVar("F", bound=Callable[..., Iterable[Any]])


@dataclass(frozen=True, slots=True)
class Rule(Entry):
    """A registered review rule: the common metadata plus its 审核维度 and scope."""

    dimension: Dimension
    scope: Scope = Scope.FORM


REGISTRY: Registry[Rule] = Registry(Rule, "规则", r"^[A-Z][0-9]{3}$", "应为一个大写字母加三位数字")


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
    return REGISTRY.rule(
        code, symbol, severity, basis, template, fix, dimension=dimension, scope=scope
    )


def rules_for(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The registered rules chosen by code prefix, in code order."""
    return REGISTRY.chosen(select, ignore)


__all__ = [
    "REGISTRY",
    "SECTIONS",
    "BatchCheck",
    "FormCheck",
    "Hit",
    "RegistryError",
    "Rule",
    "Scope",
    "parse_sections",
    "rule",
    "rules_for",
    "selected",
]
