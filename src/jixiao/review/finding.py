"""One finding record: what a rule found, where, why, and what to do about it.

A :class:`Finding` is plain data. Its ``message`` is already rendered from the rule's
template with ``args``; ``args`` keeps the raw values so a program need not parse the
message. ``path`` is the indicator path 一级/二级/三级 (empty for header fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.model import NOWHERE, SourceLocation


class Severity(StrEnum):
    """How serious a finding is; the value is the label reviewers see."""

    INFO = "提示"  #: worth a look; never affects the verdict
    WARNING = "警告"  #: should be fixed; the form may proceed after agreement (良)
    ERROR = "错误"  #: must be fixed before the form proceeds (退回修改)
    BLOCK = "阻断"  #: the form cannot be reviewed at all (退回，不予纳入)

    @property
    def rank(self) -> int:
        """0 for 提示 … 3 for 阻断, for comparisons."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2, Severity.BLOCK: 3}


class Dimension(StrEnum):
    """The review dimension a rule serves (domain §4), plus the value grammar."""

    COMPLETENESS = "完整性"
    RELEVANCE = "相关性"
    APPROPRIATENESS = "适当性"
    FEASIBILITY = "可行性"
    VALUES = "指标值"


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect found by one rule in one form."""

    code: str  #: stable rule code, e.g. ``A403``
    symbol: str  #: the defect's name, e.g. ``cost-sum-mismatch``
    severity: Severity
    dimension: Dimension
    message: str  #: Chinese, rendered from the rule template; pasteable as 审核意见
    args: Mapping[str, str] = field(default_factory=dict, hash=False)  #: raw template args
    path: tuple[str, ...] = ()  #: 一级/二级/三级, as far as it applies
    location: SourceLocation = NOWHERE  #: where in the source the defect is
    basis: str = ""  #: the policy the rule rests on: 文号 and article
    fix: str = ""  #: a suggested fix (Chinese)

    @property
    def line(self) -> int | None:
        return self.location.line

    def sort_key(self) -> tuple[int, str]:
        """Source order first, then code."""
        return (self.location.line or 0, self.code)
