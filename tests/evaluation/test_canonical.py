"""Canonical JSON of self-evaluations: identity on round trip, the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from jixiao.evaluation import Band, dumps, loads
from jixiao.evaluation.schema import evaluation_schema, schema_text
from jixiao.model import CanonicalFormatError, Level2
from tests.evaluation.helpers import evaluation, row

ROOT = Path(__file__).parent.parent.parent
SCHEMA_FILE = ROOT / "docs" / "schema" / "self-evaluation.schema.json"
SAMPLE = evaluation(
    row("≥100个", "96个", 20, 19.2, deviation="年底两个点位未完工"),
    row("合格", "基本合格", 10, 7, Band.PARTIAL, level2=Level2.QUALITY),
    row("≥90%", "", None, level2=Level2.SERVICE_SATISFACTION),
    annual="53.15",
    executed="50.1",
    rate="94.26%",
    total="86.2",
)


def test_it_round_trips_to_the_same_text_and_value() -> None:
    text = dumps([SAMPLE])
    assert loads(text) == [SAMPLE]
    assert dumps(loads(text)) == text


def test_it_validates_against_the_schema() -> None:
    jsonschema.validate(json.loads(dumps([SAMPLE])), evaluation_schema())


def test_the_published_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run `python -m jixiao.evaluation.schema > docs/schema/self-evaluation.schema.json`"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda o: o.pop("rows"), "缺少字段“rows”"),
        (lambda o: o.update(schema="x"), "schema 应为"),
        (lambda o: o["rows"][0].update(band="很好"), "不是有效取值"),
        (lambda o: o["budget"].update(annual="abc"), "不是十进制数字字符串"),
    ],
)
def test_it_rejects_bad_documents_in_chinese(edit: object, message: str) -> None:
    obj = json.loads(dumps([SAMPLE]))[0]
    edit(obj)  # type: ignore[operator]
    with pytest.raises(CanonicalFormatError, match=message):
        loads(json.dumps(obj, ensure_ascii=False))


def test_money_is_never_a_float() -> None:
    with pytest.raises(CanonicalFormatError):
        loads(dumps([SAMPLE]).replace('"53.15"', "53.15"))
