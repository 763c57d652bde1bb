"""Table test of combine_value: the one join of 指标性质 | 指标值 | 度量单位 for every format."""

from __future__ import annotations

import doctest

import pytest

from jixiao.values import ValueKind, combine, combine_value, normalize, parse_value

CASES = [
    # (指标性质, 指标值, 度量单位) → 指标值 text
    (("正向", "95", "%"), "≥95%"),
    (("正向", "95", "/"), "≥95"),  # text gave ≥95, the grid importers ≥95/
    (("正向", "95", ""), "≥95"),
    (("正向", "95", "／"), "≥95"),
    (("正向", "95", "-"), "≥95"),
    (("正向", "95", "无"), "≥95"),
    (("反向", "3", "日"), "≤3日"),
    (("反向指标", "10", "%"), "≤10%"),
    (("=", "3500", "米"), "=3500米"),
    (("＝", "3500", "米"), "=3500米"),
    (("≥", "85", "%"), "≥85%"),
    (("≧", "85", "%"), "≥85%"),
    (("<", "24", "小时"), "<24小时"),
    (("＜", "24", "小时"), "<24小时"),
    (("定性", "优良", ""), "优良"),
    (("定性", "", ""), ""),
    (("定性", "", "/"), ""),
    (("定量", "1", "次"), "1次"),
    (("", "10", "辆"), "10辆"),
    (("", "", "辆"), ""),
    (("正向", "≥85", "%"), "≥85%"),  # the value already carries its operator
    (("正向", "不少于35", "个"), "不少于35个"),
    (("正向", "95%", "%"), "≥95%"),  # the unit is already printed with the value
    (("区间", "80-90", "%"), "80-90%"),  # an unknown word adds nothing
    ((" 正向 ", " 95 ", " % "), "≥95%"),
    (("正向", "较好", "%"), "较好"),  # words take neither operator nor unit
    (("正向", "按时完成", ""), "按时完成"),
    (("=", "1-12", "月"), "=1-12月"),
    (("正向", "９５", "%"), "≥９５%"),  # full-width digits are digits
    (("反向", "2023年12月", "月"), "≤2023年12月"),
]


@pytest.mark.parametrize(("cells", "expected"), CASES, ids=[str(c) for c, _ in CASES])
def test_it_combines_value_columns(cells: tuple[str, str, str], expected: str) -> None:
    assert combine_value(*cells) == expected


def test_it_gives_values_the_grammar_reads() -> None:
    quantitative = [e for (_, v, _), e in CASES if normalize(v)[:1].isdigit()]
    assert all(parse_value(text).kind is ValueKind.QUANTITATIVE for text in quantitative)


def test_it_runs_its_doctests() -> None:
    assert doctest.testmod(combine).failed == 0
