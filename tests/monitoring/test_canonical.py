"""Canonical monitoring JSON: identity on round trip, the published schema, clear load errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from jixiao.monitoring import MonitoringFormatError, dumps, loads, new_report
from jixiao.monitoring.schema import monitoring_schema, schema_text
from tests.monitoring.samples import long_declaration, publicity, publicity_report

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "schema" / "monitoring.schema.json"


def test_it_round_trips_a_filled_report() -> None:
    report = publicity_report()
    assert loads(dumps([report])) == [report]


def test_it_round_trips_an_empty_report_of_every_seed_form() -> None:
    reports = [new_report(d, m) for d in (publicity(), long_declaration()) for m in (1, 6, 12)]
    assert loads(dumps(reports)) == reports


def test_it_validates_against_the_published_schema() -> None:
    jsonschema.validate(json.loads(dumps([publicity_report()])), monitoring_schema())


def test_the_published_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run `python -m jixiao.monitoring.schema > docs/schema/monitoring.schema.json`"
    )


def test_it_keeps_money_exact() -> None:
    text = dumps([publicity_report()])
    assert '"executed": "21.5"' in text
    total = loads(text)[0].total
    assert str(total.executed) == "21.5"
    assert total.execution_rate is not None and round(total.execution_rate, 4) == Decimal("35.8333")


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (lambda o: o.update(schema="other/1"), "schema"),
        (lambda o: o.update(month=13), "截止月份"),
        (lambda o: o["rows"][0].update(likelihood="也许"), "不是有效取值"),
        (lambda o: o["rows"][0].update(causes=["天气"]), "不是有效取值"),
        (lambda o: o["budget"][0].update(executed="12,5"), "不是十进制数字字符串"),
        (lambda o: o.pop("rows"), "缺少字段“rows”"),
        (lambda o: o.update(unit="元"), "万元"),
    ],
)
def test_it_rejects_bad_documents_in_chinese(patch: object, message: str) -> None:
    obj = json.loads(dumps([publicity_report()]))[0]
    patch(obj)  # type: ignore[operator]
    with pytest.raises(MonitoringFormatError, match=message):
        loads(json.dumps(obj, ensure_ascii=False))


def test_it_rejects_json_floats() -> None:
    text = dumps([publicity_report()]).replace('"21.5"', "21.5")
    with pytest.raises(MonitoringFormatError, match="应写成字符串"):
        loads(text)
