"""Value statistics as JSON-safe data: decimal strings, never floats (Excel column, database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.library.model import ValueStats
from jixiao.values import Operator


class StatsError(ValueError):
    """Stored statistics that cannot be read back."""


def stats_to_data(stats: Iterable[ValueStats]) -> list[dict[str, Any]]:
    return [
        {
            "unit": s.unit,
            "count": s.count,
            "median": str(s.median),
            "low": str(s.low),
            "high": str(s.high),
            "min": str(s.minimum),
            "max": str(s.maximum),
            "operator": s.operator.value if s.operator else None,
        }
        for s in stats
    ]


def stats_from_data(rows: Iterable[Mapping[str, Any]]) -> tuple[ValueStats, ...]:
    try:
        return tuple(
            ValueStats(
                unit=str(r["unit"]),
                count=int(r["count"]),
                median=Decimal(r["median"]),
                low=Decimal(r["low"]),
                high=Decimal(r["high"]),
                minimum=Decimal(r["min"]),
                maximum=Decimal(r["max"]),
                operator=Operator(r["operator"]) if r["operator"] else None,
            )
            for r in rows
        )
    except (ValueError, KeyError, TypeError, InvalidOperation):
        raise StatsError("取值统计无法读取") from None
