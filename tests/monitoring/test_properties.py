"""Properties: canonical JSON is the identity on any filled report; positive lights move
red → yellow → green → blue as the actual grows; a reverse light turns red exactly above T."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Level1, Level2
from jixiao.monitoring import FundSource, Light, MonitoringRow, dumps, fill_budget, fill_row, loads
from jixiao.monitoring.examples import base_report
from jixiao.monitoring.lights import row_light
from jixiao.monitoring.policy import settings_for
from jixiao.values import parse_value

S = settings_for(2025)
ORDER = [Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE]
amounts = st.decimals(
    min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False
)
texts = st.text(alphabet="经费人员下半年加快进度，。0123456789", max_size=30)


def _row(target: str, actual: Decimal) -> MonitoringRow:
    t = parse_value(target)
    a = parse_value(format(actual, "f") + t.unit)
    return MonitoringRow(Level1.OUTPUT, Level2.QUANTITY, "指标", target, t, str(actual), a)


@settings(max_examples=60, deadline=None)
@given(
    actual=amounts,
    executed=amounts,
    likelihood=st.sampled_from(["确定能", "有可能", "完全不可能", ""]),
    causes=st.lists(st.sampled_from(["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"])),
    note=texts,
    month=st.integers(1, 12),
)
def test_it_round_trips_any_filled_report(
    actual: Decimal, executed: Decimal, likelihood: str, causes: list[str], note: str, month: int
) -> None:
    report = fill_row(
        base_report(),
        0,
        actual=format(actual, "f"),
        likelihood=likelihood,
        causes=causes,
        cause_text=note,
        measures=note,
    )
    report = fill_budget(report, FundSource.TOTAL, executed=executed)
    report = dataclasses.replace(report, month=month)
    assert loads(dumps([report])) == [report]


@settings(max_examples=80, deadline=None)
@given(a=amounts, b=amounts, month=st.integers(1, 12))
def test_positive_lights_never_get_worse_as_the_actual_grows(
    a: Decimal, b: Decimal, month: int
) -> None:
    low, high = sorted((a, b))
    first = row_light(_row("≥120次", low), 2025, month, S).light
    second = row_light(_row("≥120次", high), 2025, month, S).light
    assert ORDER.index(first) <= ORDER.index(second)


@settings(max_examples=80, deadline=None)
@given(actual=amounts)
def test_a_reverse_light_is_red_exactly_above_the_ceiling(actual: Decimal) -> None:
    light = row_light(_row("≤500元", actual), 2025, 6, S).light
    assert light is (Light.RED if actual > 500 else Light.GREEN)
