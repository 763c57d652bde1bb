"""One generic test runs every rule's case file; meta-tests keep the case files complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.review import REGISTRY, review
from jixiao.review.examples import parse_example

CASES = Path(__file__).parent / "cases"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _all_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = _load(path)
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def _count(code: str, text: str) -> int:
    forms, profile, issues = parse_example(text)
    report = review(forms, profile=profile, select=[code], import_issues=issues)
    return sum(1 for form in report.forms for f in form.findings if f.code == code)


@pytest.mark.parametrize(("code", "case"), _all_cases())
def test_case(code: str, case: dict[str, Any]) -> None:
    assert _count(code, case["form"]) == case["expect"], case["name"]


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_has_positive_negative_and_boundary_cases(code: str) -> None:
    path = CASES / f"{code}.yaml"
    assert path.exists(), f"{code} 没有案例文件"
    data = _load(path)
    assert data["rule"] == code
    expects = [c["expect"] for c in data["cases"]]
    assert any(e > 0 for e in expects) and 0 in expects
    assert any(c["name"].startswith("边界") for c in data["cases"])


def test_no_case_file_without_a_rule() -> None:
    assert {p.stem for p in CASES.glob("*.yaml")} <= set(REGISTRY)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_docstring_examples(code: str) -> None:
    """Each rule's 不合格示例 is flagged and its 合格示例 is not."""
    sections = REGISTRY[code].sections
    assert _count(code, sections["不合格示例"]) > 0
    assert _count(code, sections["合格示例"]) == 0


def test_the_base_form_is_clean_under_every_profile() -> None:
    for profile in ("classic", "yinchuan"):
        forms, _, _ = parse_example("")
        assert review(forms, profile=profile).forms[0].findings == ()
