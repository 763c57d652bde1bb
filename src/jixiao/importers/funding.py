"""项目资金 as printed anywhere: amounts by catalogue field, in 万元, exactly.

The unit comes from the cell (``250万``, ``1681680元``), the label (``项目总预算(万元)``) or a
``单位：万元`` / ``单位：元`` line before it; 元 is converted to 万元 exactly. Fiscal money
printed by level (中央 / 省级 / 市级 / 区县级) is summed into 财政拨款 when the form prints no
财政拨款 line, and the parts are kept. A total that disagrees with its parts is kept as
printed (judging it is the review's job). Where a form prints a 中期 and a 年度 column of
amounts side by side, the annual column's figure is the 财政拨款 / 其他资金 of the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.importers.base import ImportIssue
from jixiao.model import Funding, SourceLocation
from jixiao.model.catalogue import FieldKey, FieldSpec
from jixiao.values.money import printed_amount

_K = FieldKey
_UNIT_LINE = re.compile(r"(?:单位|金额)\s*[:：]?\s*[（(]?\s*(万元|元)")
_LABEL_UNIT = re.compile(r"[（(]\s*(万元|元)\s*[)）]")
_MODEL_FIELDS = (_K.ANNUAL_TOTAL, _K.FISCAL, _K.OTHER, _K.PROJECT_TOTAL)


def _squeeze(text: str) -> str:
    return "".join(text.split())


@dataclass(slots=True)
class FundingReader:
    """The amounts of one form while its header cells are read."""

    unit: str = "万元"
    amounts: dict[FieldKey, Decimal | None] = field(default_factory=dict)
    parts: list[tuple[str, Decimal]] = field(default_factory=list)
    midterm_first: bool = False  #: a 中期 total came before the annual one
    unit_printed: bool = False  #: a 单位：… line or a (元) label said the unit

    def unit_from_magnitude(self, text: str) -> str:
        """A bare integer of seven or more digits where no unit is printed reads as 元 (a
        project of a million 万元 is none): the unit set, and the issue to say so; '' when
        ``text`` says nothing about the unit."""
        digits = "".join(text.split())
        if self.unit_printed or not digits.isdigit() or len(digits) < 7:
            return ""
        self.unit = "元"
        return f"金额“{digits}”未注明单位，按数额读作元（{printed_amount(digits, '元')}万元）"

    def unit_hint(self, text: str) -> None:
        """A ``单位：万元`` / ``(元)`` mark in a label or a line sets the unit of what follows."""
        m = _UNIT_LINE.search(_squeeze(text)) or _LABEL_UNIT.search(text)
        if m:
            self.unit = m.group(1)
            self.unit_printed = True

    def reads(self, text: str) -> bool:
        """Whether ``text`` is an amount (a label's value must be one to be taken)."""
        return printed_amount(text) is not None

    def read(
        self, spec: FieldSpec, text: str, where: SourceLocation, issues: list[ImportIssue]
    ) -> None:
        value = printed_amount(text, self.unit)
        if value is None:
            issues.append(ImportIssue(where, f"{spec.name}“{text}”不是金额，未读取"))
            return
        if spec.key is _K.PROJECT_TOTAL and _K.ANNUAL_TOTAL not in self.amounts:
            self.midterm_first = True
        if spec.part_of is _K.FISCAL:
            self.parts.append((spec.label, value))
        elif spec.key in _MODEL_FIELDS:
            self._set(spec.key, value)

    def _set(self, key: FieldKey, value: Decimal) -> None:
        if key in self.amounts and not self.midterm_first:
            return  # the first figure of a row printed twice is the year's
        self.amounts[key] = value

    def funding(self, where: dict[FieldKey, SourceLocation]) -> Funding:
        fiscal = self.amounts.get(_K.FISCAL)
        if fiscal is None and self.parts:
            fiscal = sum((v for _, v in self.parts), Decimal(0))
        at = next((where[k] for k in (_K.FUNDING, _K.ANNUAL_TOTAL, _K.FISCAL) if k in where), None)
        return Funding(
            annual_total=self.amounts.get(_K.ANNUAL_TOTAL),
            fiscal=fiscal,
            other=self.amounts.get(_K.OTHER),
            project_total=self.amounts.get(_K.PROJECT_TOTAL),
            fiscal_parts=tuple(self.parts),
            **({"location": at} if at else {}),
        )


__all__ = ["FundingReader"]
