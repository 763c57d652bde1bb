"""The unit's entries posted from the self-evaluation page → a new SelfEvaluation.

Every field has a length limit and numbers are read as Decimal with a Chinese error that
names the field (money through :func:`jixiao.values.money.parse_amount`, like every amount
the system accepts); the approved names and 年度指标值 are never taken from the post.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from jixiao.evaluation import SelfEvaluation
from jixiao.evaluation.formulas import parse_actual
from jixiao.values.money import MoneyError, parse_amount

TEXT_LIMIT = 1000
SHORT_LIMIT = 100
_MAX_POINTS = Decimal(100)


class EntryError(ValueError):
    """A posted entry that cannot be taken; the message is Chinese."""


def _text(data: Mapping[str, str], key: str, label: str, limit: int = TEXT_LIMIT) -> str:
    text = data.get(key, "").strip()
    if len(text) > limit:
        raise EntryError(f"{label}不能超过 {limit} 字（现为 {len(text)} 字）")
    return text


def _number(data: Mapping[str, str], key: str, label: str, top: Decimal) -> Decimal | None:
    text = _text(data, key, label, SHORT_LIMIT)
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise EntryError(f"{label}“{text}”不是数字") from None
    if not value.is_finite() or value < 0 or value > top:
        raise EntryError(f"{label}应在 0 到 {top} 之间")
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        raise EntryError(f"{label}最多保留六位小数")
    return value


def _amount(data: Mapping[str, str], key: str, label: str) -> Decimal | None:
    try:
        return parse_amount(_text(data, key, label, SHORT_LIMIT), label)
    except MoneyError as exc:
        raise EntryError(str(exc)) from None


def apply_entries(ev: SelfEvaluation, data: Mapping[str, str]) -> SelfEvaluation:
    """``ev`` with the posted entries; raises :class:`EntryError`."""
    rows = []
    for n, row in enumerate(ev.rows):
        where = f"第{n + 1}行“{row.name}”的"
        actual = _text(data, f"actual-{n}", where + "实际完成值", SHORT_LIMIT)
        rows.append(
            dataclasses.replace(
                row,
                actual_text=actual,
                actual=parse_actual(actual),
                weight=_number(data, f"weight-{n}", where + "分值", _MAX_POINTS),
                printed_score=_number(data, f"score-{n}", where + "得分", _MAX_POINTS),
                deviation=_text(data, f"deviation-{n}", where + "偏差原因分析及改进措施"),
            )
        )
    budget = dataclasses.replace(
        ev.budget,
        executed=_amount(data, "executed", "全年执行数"),
        rate_text=_text(data, "rate", "执行率", SHORT_LIMIT),
        reason=_text(data, "reason", "原因"),
    )
    return dataclasses.replace(
        ev,
        budget=budget,
        rows=tuple(rows),
        goal_actual=_text(data, "goal_actual", "实际完成情况"),
        conclusion=_text(data, "conclusion", "评价结论"),
        problems=_text(data, "problems", "存在问题"),
        measures=_text(data, "measures", "改进措施"),
    )
