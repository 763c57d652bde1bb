"""The seed report equals its golden files, validates against the schema, and says what matters."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from jixiao.importers.text import TextImporter
from jixiao.review import REPORT_JSON_SCHEMA, Severity, flatten, report_to_json, review
from tests.review.goldens import golden_texts, seed_report

FIXTURES = Path(__file__).parent / "fixtures"
SEVERE = {Severity.ERROR, Severity.BLOCK}


@pytest.mark.parametrize("path", sorted(golden_texts()), ids=lambda p: p.name)
def test_seed_report_matches_golden(path: Path) -> None:
    expected = path.read_text(encoding="utf-8")
    assert golden_texts()[path] == expected, "运行 python -m tests.review.goldens 并审阅差异"


def test_seed_report_validates_against_the_schema() -> None:
    document = report_to_json(seed_report())
    jsonschema.Draft202012Validator.check_schema(REPORT_JSON_SCHEMA)
    jsonschema.validate(document, REPORT_JSON_SCHEMA)
    assert json.loads(json.dumps(document)) == document


def test_seed_key_defects_are_found() -> None:
    lines = flatten(seed_report())
    assert "政府聘用人员经费|A405|政府批准短期用工人员全年薪酬" in lines
    assert "银川12345政府购买服务项目|R307|及时回访率" in lines
    assert "银川12345政府购买服务项目|A404|政府购买服务人员工资" in lines
    assert "非现役复转军人薪酬|B601|提升聘用人员工作质量" in lines
    assert "银川市人民政府政务公开工作经费|R302|查阅文件单位满意度" in lines
    assert "市政府督查室工作经费|V208|外出督查天数" in lines


def test_seed_per_unit_inference_states_the_arithmetic() -> None:
    form = seed_report().forms[5]
    (a404,) = [f for f in form.findings if f.code == "A404"]
    assert "61320元/人/年×130人 + 15636元/人/年×130人 = 1000.43万元" in a404.message
    assert "相差237.43万元" in a404.message


def test_seed_forms_are_not_blocked() -> None:
    report = seed_report()
    assert not [f for form in report.forms for f in form.findings if f.severity is Severity.BLOCK]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("profile", ["classic", "yinchuan"])
def test_clean_fixtures_have_no_error_or_block(path: Path, profile: str) -> None:
    result = TextImporter().extract(path.read_bytes(), path.name)
    report = review(result.declarations, profile=profile, import_issues=result.issues)
    assert len(report.forms) == 1
    assert [f.code for f in report.forms[0].findings if f.severity in SEVERE] == []
    assert not report.returned


def test_at_least_three_clean_fixtures() -> None:
    assert len(list(FIXTURES.glob("*.txt"))) >= 3
