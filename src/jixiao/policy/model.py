"""Policy as data: citations, dated parameters, and the values they take on a date.

Every parameter has one or more versions, each with the date from which it applies
(``effective``: the first day of the first budget year it governs) and a citation
(文号 and article). :meth:`Policy.on` picks, for every parameter, the latest version
effective on a date, so rules never hold literals and never guess the year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class ParamType(StrEnum):
    """The shape of a parameter's value."""

    NUMBER = "number"  #: a Decimal
    WORDS = "words"  #: a list of words
    TABLE = "table"  #: word → word
    WORD_TABLE = "word-table"  #: word → list of words
    NUMBER_TABLE = "number-table"  #: word → Decimal


ParamValue = (
    Decimal
    | tuple[str, ...]
    | Mapping[str, str]
    | Mapping[str, tuple[str, ...]]
    | Mapping[str, Decimal]
)


@dataclass(frozen=True, slots=True)
class Citation:
    """A policy document and the article a rule or parameter rests on."""

    key: str
    number: str  #: 文号, e.g. 财预〔2015〕88号
    title: str  #: 文件名称
    article: str  #: 条款 or chapter

    def __str__(self) -> str:
        return f"《{self.title}》（{self.number}）{self.article}"


@dataclass(frozen=True, slots=True)
class Version:
    """One dated value of a parameter."""

    effective: date
    value: ParamValue
    citation: Citation


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named policy value with its versions, oldest first."""

    key: str
    description: str
    type: ParamType
    versions: tuple[Version, ...]

    def on(self, day: date) -> Version | None:
        """The latest version effective on ``day``."""
        chosen = None
        for version in self.versions:
            if version.effective <= day:
                chosen = version
        return chosen


@dataclass(frozen=True, slots=True)
class Policy:
    """All citations and parameters of one policy set."""

    citations: Mapping[str, Citation]
    parameters: Mapping[str, Parameter]

    def on(self, day: date) -> PolicyValues:
        """The parameter values in force on ``day`` (parameters not yet in force are absent)."""
        chosen = {}
        for key, param in self.parameters.items():
            version = param.on(day)
            if version is not None:
                chosen[key] = version
        return PolicyValues(day, chosen, self.citations)


class PolicyValues:
    """Parameter values on one date, with typed accessors that fail loudly."""

    __slots__ = ("_patterns", "_sets", "citations", "day", "versions")

    def __init__(
        self, day: date, versions: Mapping[str, Version], citations: Mapping[str, Citation]
    ) -> None:
        self.day = day
        self.versions = versions
        self.citations = citations
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._sets: dict[str, frozenset[str]] = {}

    def _get(self, key: str) -> ParamValue:
        try:
            return self.versions[key].value
        except KeyError:
            raise KeyError(f"政策参数“{key}”在 {self.day} 尚未生效或不存在") from None

    def number(self, key: str) -> Decimal:
        value = self._get(key)
        assert isinstance(value, Decimal), key
        return value

    def words(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        assert isinstance(value, tuple), key
        return value

    def table(self, key: str) -> Mapping[str, str]:
        value = self._get(key)
        assert isinstance(value, Mapping), key
        return value  # type: ignore[return-value]

    def word_table(self, key: str) -> Mapping[str, tuple[str, ...]]:
        value = self._get(key)
        assert isinstance(value, Mapping), key
        return value  # type: ignore[return-value]

    def number_table(self, key: str) -> Mapping[str, Decimal]:
        value = self._get(key)
        assert isinstance(value, Mapping), key
        return value  # type: ignore[return-value]

    def word_set(self, key: str) -> frozenset[str]:
        """A word list as a frozenset for membership tests; memoized."""
        found = self._sets.get(key)
        if found is None:
            found = frozenset(self.words(key))
            self._sets[key] = found
        return found

    def pattern(self, key: str) -> re.Pattern[str]:
        """A word list (or a table's keys) as one regex, longest words first; memoized."""
        found = self._patterns.get(key)
        if found is None:
            words = sorted(self._get(key), key=len, reverse=True)  # type: ignore[arg-type]
            found = re.compile("|".join(re.escape(w) for w in words))
            self._patterns[key] = found
        return found

    def citation(self, key: str) -> Citation:
        """A citation by key; parameter keys resolve to the citation of their version."""
        if key in self.versions:
            return self.versions[key].citation
        return self.citations[key]
