"""Monitoring thresholds are cited, dated policy data with per-region overrides."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.monitoring.policy import parse_monitoring_policy, resolve, settings_for
from jixiao.policy import PolicyError

OVERRIDE = """
parameters:
  indicator_light_bands@安徽省:
    description: 安徽省的指标预警分档（测试用）
    type: number-table
    versions:
      - effective: 2024-01-01
        citation: vendor-warnset
        value: {red_below: 50, yellow_below: 70, blue_from: 150}
"""


def test_every_parameter_cites_a_document() -> None:
    s = settings_for(2025)
    assert s.citations["indicator_light_bands"].number.startswith("省级预算管理一体化系统")
    assert s.citations["likelihood_lights"].number == "财预〔2019〕136号"
    assert s.citations["forecast_execution_floor"].number == "财预〔2020〕10号"


def test_a_region_overrides_from_its_effective_date() -> None:
    policy = parse_monitoring_policy([("anhui.yaml", OVERRIDE)])
    anhui = resolve(policy, 2025, "安徽省")
    assert (anhui.red_below, anhui.yellow_below, anhui.blue_from) == (50, 70, 150)
    assert resolve(policy, 2023, "安徽省").red_below == Decimal(60)
    assert resolve(policy, 2025, "湖北省").red_below == Decimal(60)
    assert resolve(policy, 2025, "").budget_red_below == Decimal(60)


def test_a_policy_without_a_band_is_rejected() -> None:
    bad = OVERRIDE.replace("red_below: 50, ", "")
    with pytest.raises(PolicyError, match="缺少 red_below"):
        resolve(parse_monitoring_policy([("bad.yaml", bad)]), 2025, "安徽省")


def test_an_unknown_light_in_the_policy_is_rejected() -> None:
    bad = """
parameters:
  likelihood_lights@x:
    description: 错误的灯
    type: table
    versions:
      - effective: 2024-01-01
        citation: vendor-warnset
        value: {确定能: 紫灯}
"""
    with pytest.raises(PolicyError, match="likelihood_lights"):
        resolve(parse_monitoring_policy([("bad.yaml", bad)]), 2025, "x")
