"""The strict policy loader rejects what plain YAML loading would silently accept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.policy import PolicyError, load_policy, parse_policy
from jixiao.review.profiles import ProfileError, get_profile

CITATION = """
citations:
  c1: {number: 财预〔2015〕88号, title: 办法, article: 第三章}
"""


def _param(body: str) -> str:
    return CITATION + "parameters:\n  floor:\n" + body


GOOD = """    description: 下限
    type: number
    versions:
      - {effective: 2016-01-01, citation: c1, value: 85}
      - {effective: 2025-01-01, citation: c1, value: 90.5}
"""


def test_it_picks_the_version_in_force_on_a_date() -> None:
    policy = parse_policy([("p.yaml", _param(GOOD))])
    assert policy.on(date(2024, 6, 1)).number("floor") == Decimal("85")
    assert policy.on(date(2025, 1, 1)).number("floor") == Decimal("90.5")
    assert "floor" not in policy.on(date(2015, 1, 1)).versions


def test_it_rejects_duplicate_keys() -> None:
    with pytest.raises(PolicyError, match="重复"):
        parse_policy([("p.yaml", _param(GOOD + "    type: words\n"))])


def test_it_rejects_unknown_keys() -> None:
    with pytest.raises(PolicyError, match="未知的键 unit"):
        parse_policy([("p.yaml", _param(GOOD + "    unit: '%'\n"))])


def test_it_rejects_an_undefined_citation() -> None:
    with pytest.raises(PolicyError, match="未定义的依据"):
        parse_policy(
            [("p.yaml", _param(GOOD.replace("citation: c1, value: 85", "citation: c9, value: 85")))]
        )


def test_it_rejects_versions_out_of_order() -> None:
    swapped = GOOD.replace("2016-01-01", "2026-01-01")
    with pytest.raises(PolicyError, match="递增"):
        parse_policy([("p.yaml", _param(swapped))])


def test_numbers_are_decimal_never_float() -> None:
    values = load_policy().on(date(2025, 1, 1))
    assert isinstance(values.number("cost_sum_tolerance"), Decimal)
    assert values.number("cost_sum_tolerance") == Decimal("0.05")


def test_every_parameter_version_has_a_document_number() -> None:
    for param in load_policy().parameters.values():
        assert all(v.citation.number and v.citation.article for v in param.versions)


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ProfileError, match="classic"):
        get_profile("nowhere")
