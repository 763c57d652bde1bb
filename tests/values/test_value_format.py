"""format_value, explain and the JSON form of indicator values."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from jixiao.values import (
    VALUE_JSON_SCHEMA,
    IndicatorValue,
    Operator,
    ValueGrammarError,
    ValueKind,
    explain,
    format_value,
    parse_value,
    value_from_json,
    value_to_json,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("≥35个", "≥35个"),
        ("≤1.1万册", "≤1.1万册"),
        ("1～12月", "1-12月"),
        ("1至12月", "1-12月"),
        ("30日内", "≤30日"),
        ("=100.00(%)", "=100.00%"),
        ("≥90.00（%）", "≥90.00%"),
        ("95%以上", "≥95%"),
        ("＜1%", "<1%"),
        ("不少于35个", "≥35个"),
        ("一千二百人", "1200人"),
        ("两万", "2万"),
        ("百分之九十五", "95%"),
        ("1,000个", "1000个"),
        ("合格", "合格"),
        ("无", "无"),
        ("—", "无"),
        ("/", "无"),
        ("促进落实。", "促进落实。"),
        ("≥11月前", "≥11月"),
        ("11月前", "≤11月"),
        ("2025年12月31日前", "≤2025年12月31日"),
        ("12月31日之前", "≤12月31日"),
        ("2025年11月前", "≤2025年11月"),
        ("2025年6月底前", "≤2025年6月底"),
        ("12月底前完成", "≤12月底"),
        ("每年11月底前", "≤11月底"),
        ("11月15日", "11月15日"),
        ("二〇二五年十月", "2025年10月"),
        ("2025年1月-12月", "2025年1-12月"),
        ("06月01日前", "≤6月1日"),
        ("不晚于2025年12月31日", "≤2025年12月31日"),
        ("2月30日前", "2月30日前"),
    ],
)
def test_format_value(text: str, canonical: str) -> None:
    value = parse_value(text)
    assert format_value(value) == canonical
    assert parse_value(canonical) == value


EXPLAIN_CASES: list[tuple[str, str]] = [
    ("≥35个", "不少于35个"),
    ("≤1.1万册", "不超过1.1万册"),
    (">5个", "多于5个"),
    (">5%", "高于5%"),
    ("＜1%", "低于1%"),
    ("<3次", "少于3次"),
    ("≥90%", "不低于90%"),
    ("=100.00(%)", "等于100.00%"),
    ("1-12月", "1至12月"),
    ("1-2万元", "1至2万元"),
    ("30日内", "不超过30日"),
    ("95%以上", "不低于95%"),
    ("69345元", "69345元"),
    ("8.87万元", "8.87万元"),
    ("合格", "定性：合格"),
    ("全年正常运转", "定性：全年正常运转"),
    ("无", "无此项指标"),
    ("—", "无此项指标"),
    ("促进落实。", "无法识别：促进落实。"),
    ("2025年12月31日前", "不晚于2025年12月31日"),
    ("12月31日前", "不晚于12月31日"),
    ("2025年11月前", "不晚于2025年11月"),
    ("11月前", "不晚于11月"),
    ("6月底前", "不晚于6月底"),
    ("≥11月前", "不早于11月"),
    ("<2025年7月1日", "早于2025年7月1日"),
    (">2025年6月30日", "晚于2025年6月30日"),
    ("11月15日", "11月15日"),
    ("2025年1-12月", "2025年1至12月"),
    ("13月5日前", "无法识别：13月5日前"),
]


@pytest.mark.parametrize(("text", "reading"), EXPLAIN_CASES)
def test_explain(text: str, reading: str) -> None:
    assert explain(parse_value(text)) == reading


def test_explain_table_is_large_enough() -> None:
    assert len(EXPLAIN_CASES) >= 15


def test_value_to_json_shape() -> None:
    data = value_to_json(parse_value("=100.00(%)"))
    assert data == {
        "kind": "定量",
        "operator": "=",
        "number": "100.00",
        "upper": None,
        "scale": None,
        "unit": "%",
        "term": "",
        "reason": "",
        "notes": [],
        "direction": "等于",
    }
    assert value_to_json(parse_value("≤1.1万册"))["scale"] == "万"
    assert value_to_json(parse_value("1-12月"))["upper"] == "12"
    assert value_to_json(parse_value("≥11月前"))["notes"] != []


def test_value_to_json_of_dates() -> None:
    data = value_to_json(parse_value("2025年12月31日前"))
    assert data == {
        "kind": "定量",
        "operator": "≤",
        "number": "12",
        "upper": None,
        "scale": None,
        "unit": "月",
        "year": 2025,
        "day": 31,
        "term": "",
        "reason": "",
        "notes": [],
        "direction": "反向",
    }
    assert list(data) == [
        "kind", "operator", "number", "upper", "scale", "unit", "year", "day",
        "term", "reason", "notes", "direction",
    ]  # fmt: skip
    assert "day" not in value_to_json(parse_value("2025年11月前"))
    assert value_to_json(parse_value("2025年11月前"))["year"] == 2025
    assert "year" not in value_to_json(parse_value("12月31日前"))


def test_value_to_json_writes_year_and_day_only_on_dates() -> None:
    for text in ("≥35个", "11月前", "10月", "1-12月", "合格", "无", "促进落实。", "13月5日前"):
        data = value_to_json(parse_value(text))
        assert "year" not in data and "day" not in data


def test_value_from_json_reads_documents_without_year_and_day() -> None:
    old = {
        "kind": "定量",
        "operator": "≤",
        "number": "11",
        "upper": None,
        "scale": None,
        "unit": "月",
        "term": "",
        "reason": "",
        "notes": [],
        "direction": "反向",
    }
    assert value_from_json(old) == parse_value("11月前")
    assert value_from_json({**old, "year": None, "day": None}) == parse_value("11月前")
    assert value_from_json({**old, "year": 2025, "day": 30}) == parse_value("2025年11月30日前")


@pytest.mark.parametrize(
    "text",
    [
        "≥35个",
        "≤1.1万册",
        "1-12月",
        "≥11月前",
        "合格",
        "无",
        "促进落实。",
        "",
        "2025年12月31日前",
        "12月31日前",
        "2025年11月前",
        "2025年6月底前",
        "每年11月底前",
        "2025年1-12月",
        "2月30日前",
    ],
)
def test_json_round_trip_and_schema(text: str) -> None:
    value = parse_value(text)
    data = json.loads(json.dumps(value_to_json(value), ensure_ascii=False))
    jsonschema.Draft202012Validator(VALUE_JSON_SCHEMA).validate(data)
    back = value_from_json(data)
    assert back == value
    assert back.notes == value.notes


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(VALUE_JSON_SCHEMA)


def test_value_from_json_minimal() -> None:
    assert value_from_json({"kind": "无"}) == IndicatorValue(kind=ValueKind.NONE)
    assert value_from_json({"kind": "定量", "number": "5", "operator": "≥"}) == IndicatorValue(
        kind=ValueKind.QUANTITATIVE, operator=Operator.GE, number=Decimal(5)
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "≥35个",
        {},
        {"kind": "bogus"},
        {"kind": 1},
        {"kind": "定量"},
        {"kind": "定量", "number": 5},
        {"kind": "定量", "number": "abc"},
        {"kind": "定量", "number": "NaN"},
        {"kind": "定量", "number": "Infinity"},
        {"kind": "定量", "number": " 5"},
        {"kind": "定量", "number": "5", "operator": "≈"},
        {"kind": "定量", "number": "5", "scale": "千"},
        {"kind": "定量", "number": "5", "operator": "~"},
        {"kind": "定量", "number": "5", "upper": "6"},
        {"kind": "定量", "number": "5", "unit": 3},
        {"kind": "定量", "number": "5", "notes": "x"},
        {"kind": "定量", "number": "5", "notes": [1]},
        {"kind": "定量", "number": "5", "operator": "≥", "direction": "反向"},
        {"kind": "定量", "number": "5", "extra": 1},
        {"kind": "定性"},
        {"kind": "定性", "term": "合格", "number": "5"},
        {"kind": "无", "unit": "个"},
        # calendar dates
        {"kind": "定量", "number": "12", "unit": "月", "day": "31"},
        {"kind": "定量", "number": "12", "unit": "月", "day": 31.0},
        {"kind": "定量", "number": "12", "unit": "月", "year": True},
        {"kind": "定量", "number": "12", "unit": "月", "day": 32},
        {"kind": "定量", "number": "2", "unit": "月", "day": 30},
        {"kind": "定量", "number": "2", "unit": "月", "day": 29, "year": 2025},
        {"kind": "定量", "number": "13", "unit": "月", "day": 1},
        {"kind": "定量", "number": "1.5", "unit": "月", "year": 2025},
        {"kind": "定量", "number": "12", "unit": "月", "year": 1899},
        {"kind": "定量", "number": "12", "unit": "个", "day": 31},
        {"kind": "定量", "number": "12", "unit": "个月", "year": 2025},
        {"kind": "定量", "number": "12", "unit": "月", "scale": "万", "year": 2025},
        {"kind": "定量", "number": "12", "unit": "月底", "day": 31},
        {"kind": "定量", "number": "1", "upper": "12", "operator": "~", "unit": "月", "day": 1},
        {"kind": "定量", "number": "1", "upper": "13", "operator": "~", "unit": "月", "year": 2025},
        {"kind": "文本", "term": "x", "year": 2025},
        {"kind": "无", "day": 1},
    ],
)
def test_value_from_json_rejects_bad_data(data: object) -> None:
    with pytest.raises(ValueGrammarError, match="指标值 JSON 数据无效"):
        value_from_json(data)
