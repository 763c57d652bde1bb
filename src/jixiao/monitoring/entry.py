"""Reading what a unit enters: values checked against the target's unit, answers and ticks.

A 1–m月 or 全年预计 value is read by the 指标值 grammar. A bare number takes the target's
unit (people type 「60」 under 「≥120次」); a number with another unit is an error, not a
guess. Scales are exact: 1.1万册 and 11000册 are the same amount.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from jixiao.monitoring.vocab import (
    LIKELIHOOD_VARIANTS,
    PROGRESS_VARIANTS,
    Cause,
    Likelihood,
    Progress,
)
from jixiao.values import IndicatorValue, ValueKind, format_value, normalize, parse_value

#: Units read as the same (the grammar keeps what was printed).
UNIT_ALIASES = {"天": "日"}


class MonitoringInputError(ValueError):
    """An entry that cannot be used (wrong unit, unknown answer); the message is Chinese."""


def canonical_unit(unit: str) -> str:
    """日 for 天; other units as they are.

    >>> canonical_unit("天")
    '日'
    """
    return UNIT_ALIASES.get(unit, unit)


def amount(value: IndicatorValue) -> Decimal | None:
    """The value's number in base units (scale applied); None when it has none.

    >>> amount(parse_value("1.1万册"))
    Decimal('11000.0')
    """
    if value.number is None:
        return None
    return value.number * value.scale.factor if value.scale else value.number


def read_value(target: IndicatorValue, text: str, what: str, name: str) -> IndicatorValue:
    """``text`` read as a value of the indicator ``name`` whose 年度指标值 is ``target``.

    ``what`` names the column (1–6月实际完成值, 全年预计完成值) in the error message.

    >>> read_value(parse_value("≥120次"), "60", "1–6月实际完成值", "流动服务次数").unit
    '次'
    >>> read_value(parse_value("≥120次"), "60个", "1–6月实际完成值", "流动服务次数")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jixiao.monitoring.entry.MonitoringInputError: 指标“流动服务次数”的1–6月实际完成值“60个”...
    """
    value = parse_value(text)
    if not (target.is_quantitative and value.is_quantitative):
        return value
    if value.is_date or target.is_date:
        return value
    check_unit(target, value, f"指标“{name}”的{what}“{text.strip()}”")
    if not value.unit and target.unit:
        return dataclasses.replace(value, unit=target.unit)
    return value


def check_unit(target: IndicatorValue, value: IndicatorValue, where: str) -> None:
    """Raise :class:`MonitoringInputError` when ``value``'s unit differs from ``target``'s."""
    if not value.unit or not target.unit:
        return
    if canonical_unit(value.unit) != canonical_unit(target.unit):
        raise MonitoringInputError(
            f"{where}单位为“{value.unit}”，与年度指标值“{format_value(target)}”的单位"
            f"“{target.unit}”不一致；请按“{target.unit}”填写"
        )


def read_likelihood(text: str, where: str = "完成目标可能性") -> Likelihood | None:
    """确定能 / 有可能 / 完全不可能 (also 不可能, 1–3, 「1-确定能」); None for a blank.

    >>> read_likelihood("不可能")
    <Likelihood.IMPOSSIBLE: '完全不可能'>
    """
    key = normalize(text)
    if not key:
        return None
    found = LIKELIHOOD_VARIANTS.get(key)
    if found is None:
        allowed = "、".join(m.value for m in Likelihood)
        raise MonitoringInputError(f"{where}“{text.strip()}”无法识别，应为{allowed}之一")
    return found


def read_causes(texts: Iterable[str], where: str = "偏差原因分析") -> tuple[Cause, ...]:
    """The ticked causes, in vocabulary order; 经费 reads as 经费保障, 其他原因 as 其他.

    >>> read_causes(["其他原因", "经费"])
    (<Cause.FUNDING: '经费保障'>, <Cause.OTHER: '其他'>)
    """
    found: set[Cause] = set()
    for text in texts:
        key = normalize(text).removesuffix("原因")
        if not key:
            continue
        cause = next((c for c in Cause if c.value.startswith(key) or key == c.value), None)
        if cause is None:
            allowed = "、".join(c.value for c in Cause)
            raise MonitoringInputError(f"{where}“{text.strip()}”无法识别，应为{allowed}")
        found.add(cause)
    return tuple(c for c in Cause if c in found)


def read_progress(value: IndicatorValue) -> Progress | None:
    """A qualitative completion label (达成目标 …), or None.

    >>> read_progress(parse_value("部分达成"))
    <Progress.PARTLY: '部分达成目标并具有一定效果'>
    """
    if value.kind not in (ValueKind.QUALITATIVE, ValueKind.FREE_TEXT):
        return None
    return PROGRESS_VARIANTS.get(normalize(value.term))


__all__ = [
    "MonitoringInputError",
    "amount",
    "canonical_unit",
    "check_unit",
    "read_causes",
    "read_likelihood",
    "read_progress",
    "read_value",
]
