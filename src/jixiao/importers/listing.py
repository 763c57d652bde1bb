"""A list table of a department's budget: 单位编码 | 单位名称 | 年度预算安排 | … over rows of
the unit, its categories and its projects, the project's own texts after it.

Web pages that publish a bureau's 项目绩效目标 as a list print one header row of labels,
then a row per level (the bureau, a category such as 其他运转类, the project), each row a
code, a name and an amount, and then the project's 项目概况 / 总体目标 and its indicators
(corpus 015). Such a header is told from an ordinary row of labels by its shape: three or
more catalogue labels, among them an amount, none followed by a cell that could be its
value (a code takes digits, an amount a number). The rows are cut at their amounts; the
last row is the project (its name and amount), the first row with a code its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.importers.header import Item
from jixiao.importers.lookup import split_label
from jixiao.model import SourceLocation
from jixiao.model.catalogue import FieldKind, FieldSpec
from jixiao.values.money import printed_amount

#: A bare unit code (037001, 155009001).
_CODE = re.compile(r"^\d{3,12}$")
#: How far the header's labels may lie apart.
_GAP = 3


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row of a list table: its code (or ''), its name and its amount cell."""

    code: str
    name: str
    name_at: SourceLocation
    amount: Item


@dataclass(frozen=True, slots=True)
class ListTable:
    """The rows read and the index of the first cell after them."""

    rows: tuple[ListRow, ...]
    end: int

    @property
    def project(self) -> ListRow:
        return self.rows[-1]

    @property
    def unit(self) -> ListRow | None:
        return next((r for r in self.rows if r.code), None)


def list_table(cells: list[Item], at: int) -> ListTable | None:
    """The list table whose header starts at ``cells[at]``, or None when there is none."""
    labels = _header(cells, at)
    if labels is None:
        return None
    rows: list[ListRow] = []
    pending: list[Item] = []
    j = labels
    while j < len(cells):
        text = cells[j].cell.text.strip()
        if text and (split_label(text.strip("【】")) is not None or text.startswith("【")):
            break  # the project's own texts (【项目概况】, 总体目标) or a new label
        if text:
            named = any(not _CODE.match(p.cell.text.strip()) for p in pending)
            pending.append(cells[j])
            if named and printed_amount(text) is not None:  # a code comes before the name
                rows.append(_row(pending))
                pending = []
        j += 1
    if not rows:
        return None
    return ListTable(tuple(rows), j)


def _row(cells: list[Item]) -> ListRow:
    texts = [c.cell.text.strip() for c in cells]
    code = next((t for t in texts[:-1] if _CODE.match(t)), "")
    names = [(t, c) for t, c in zip(texts[:-1], cells, strict=False) if t != code]
    name, at = names[-1] if names else ("", cells[-1])
    return ListRow(code, " ".join(name.split()), at.cell.location, cells[-1])


def _header(cells: list[Item], at: int) -> int | None:
    """The index after the header's last label, when ``cells[at]`` opens a list header."""
    first = split_label(cells[at].cell.text.strip())
    if first is None or first[1]:
        return None
    specs: list[FieldSpec] = []
    last = at
    j = at
    while j < len(cells) and j - last <= _GAP:
        text = cells[j].cell.text.strip()
        found = split_label(text) if text else None
        if found is not None and not found[1]:
            specs.append(found[0])
            last = j
        elif text and specs and not _cannot_be_value(specs[-1], text):
            break
        j += 1
    kinds = {s.kind for s in specs}
    if len(specs) < 3 or FieldKind.MONEY not in kinds or FieldKind.CODE not in kinds:
        return None
    return last + 1


def _cannot_be_value(spec: FieldSpec, text: str) -> bool:
    """A cell after a label that is no value of it: a code without digits, an amount that
    is no number (the next column's header)."""
    if spec.kind is FieldKind.CODE:
        return not any(ch.isdigit() for ch in text)
    if spec.kind is FieldKind.MONEY:
        return printed_amount(text) is None
    return False


__all__ = ["ListRow", "ListTable", "list_table"]
