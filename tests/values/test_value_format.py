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


@pytest.mark.parametrize(
    "text", ["≥35个", "≤1.1万册", "1-12月", "≥11月前", "合格", "无", "促进落实。", ""]
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
    ],
)
def test_value_from_json_rejects_bad_data(data: object) -> None:
    with pytest.raises(ValueGrammarError, match="指标值 JSON 数据无效"):
        value_from_json(data)
