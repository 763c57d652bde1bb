"""Canonical JSON: identity on round trip, the published schema, clear load errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import (
    CanonicalFormatError,
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Requirement,
    SourceLocation,
    TreeVariant,
    Verdict,
    dumps,
    loads,
)
from jixiao.model.canonical import to_json_object
from jixiao.model.schema import declaration_schema, schema_text
from jixiao.values import parse_value
from tests.importers.goldens import GOLDEN, ROOT

GOLDENS = sorted(GOLDEN.glob("*.json"))
SCHEMA_FILE = ROOT / "docs" / "schema" / "declaration.schema.json"


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.name)
def test_it_round_trips_every_golden_file_to_the_same_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    decls = loads(text)
    assert dumps(decls) == text
    assert loads(dumps(decls)) == decls


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.name)
def test_it_validates_every_golden_against_the_schema(path: Path) -> None:
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), declaration_schema())


def test_the_published_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run `python -m jixiao.model.schema > docs/schema/declaration.schema.json`"
    )


money = st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False)
texts = st.text(alphabet=st.sampled_from("项目经费培训人次合格率abc12 。"), max_size=12)
values = st.sampled_from(["≥35个", "≤1.1万册", "100%", "合格", "无", "1-12月", "30日内", "??"])


@st.composite
def declarations(draw: st.DrawFn) -> Declaration:
    rows = draw(st.lists(st.tuples(texts, values, st.integers(1, 900)), max_size=4))
    group = IndicatorGroup(
        level1=Level1.OUTPUT,
        level2=draw(st.sampled_from([Level2.QUANTITY, Level2.COST])),
        requirement=draw(st.sampled_from([None, *Requirement])),
        indicators=tuple(
            Indicator(n, v, parse_value(v), SourceLocation("f.txt", line)) for n, v, line in rows
        ),
    )
    return Declaration(
        year=draw(st.one_of(st.none(), st.integers(2000, 2100))),
        project_name=draw(texts),
        funding=Funding(draw(money), draw(money), draw(st.one_of(st.none(), money))),
        annual_goal=draw(texts),
        tree=draw(st.sampled_from(list(TreeVariant))),
        groups=(group,),
        verdict=draw(st.sampled_from([None, *Verdict])),
        other_fields=tuple(draw(st.lists(st.tuples(texts, texts), max_size=2))),
    )


@settings(max_examples=150, deadline=None)
@given(declarations())
def test_it_round_trips_any_declaration(decl: Declaration) -> None:
    assert loads(dumps([decl])) == [decl]


def test_it_keeps_a_millionth_of_a_wanyuan() -> None:
    decl = Declaration(year=2025, project_name="x", funding=Funding(Decimal("0.000001")))
    assert loads(dumps([decl]))[0].funding.annual_total == Decimal("0.000001")


def _golden_object() -> dict[str, object]:
    obj: dict[str, object] = json.loads(GOLDENS[0].read_text(encoding="utf-8"))[0]
    return obj


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda o: o["funding"].update(annual_total=53.15), "应写成字符串"),
        (lambda o: o["funding"].update(annual_total="五十"), "不是十进制数字字符串"),
        (lambda o: o.update(verdict="同意"), "不是有效取值"),
        (lambda o: o.pop("project_name"), "缺少字段“project_name”"),
        (lambda o: o.update(schema="other/1"), "schema"),
        (lambda o: o["groups"][0].update(level2="数量"), "不是有效取值"),
        (lambda o: o["groups"][0]["indicators"][0].update(level2="质量指标"), "不一致"),
        (lambda o: o["groups"][0]["indicators"][0]["value"].update(kind="?"), "指标值"),
    ],
)
def test_it_rejects_bad_documents_in_chinese(change: object, message: str) -> None:
    obj = _golden_object()
    change(obj)  # type: ignore[operator]
    with pytest.raises(CanonicalFormatError, match=message):
        loads(json.dumps([obj], ensure_ascii=False))


def test_it_rejects_text_that_is_not_json() -> None:
    with pytest.raises(CanonicalFormatError, match="不是有效的 JSON"):
        loads("{not json")


def _standard_library_text(decls: list[Declaration]) -> str:
    """The canonical text as the standard library writes it (the definition orjson matches)."""
    objects = [to_json_object(d) for d in decls]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


any_text = st.text(max_size=12)  # every code point but lone surrogates: controls, U+2028, emoji


@settings(max_examples=150, deadline=None)
@given(st.lists(declarations(), max_size=3), any_text, any_text)
def test_it_writes_the_standard_librarys_text(decls: list[Declaration], a: str, b: str) -> None:
    decls.append(Declaration(year=None, project_name=a, annual_goal=b, other_fields=((b, a),)))
    assert dumps(decls) == _standard_library_text(decls)


@pytest.mark.parametrize("name", ["\x00\x1f\x7f\u2028\u2029", "", "é😀"])
def test_it_writes_what_orjson_refuses_as_the_standard_library_does(name: str) -> None:
    decls = [Declaration(year=2**70, project_name=name)]  # orjson refuses ints over 64 bits
    assert dumps(decls) == _standard_library_text(decls)
    assert dumps([]) == "[]\n"


def test_it_writes_a_lone_surrogate_as_its_json_escape() -> None:
    escaped = dumps([Declaration(year=2025, project_name="x")]).replace('"x"', r'"a\ud800b"')
    decls = loads(escaped)  # JSON may escape a lone surrogate; UTF-8 cannot hold it
    assert decls[0].project_name == "a\ud800b"
    assert dumps(decls) == escaped
    assert loads(dumps(decls)) == decls
