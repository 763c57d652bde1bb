"""The JSON Schema of canonical declarations, published as docs/schema/declaration.schema.json.

Run ``python -m jixiao.model.schema > docs/schema/declaration.schema.json`` to regenerate;
a test fails when the published file is stale.
"""

from __future__ import annotations

import json
from typing import Any

from jixiao.model.canonical import SCHEMA_ID
from jixiao.model.catalogue import COLUMNS, ColumnGroup, ColumnRole, FieldKey, spec
from jixiao.model.vocab import Level1, Level2, Requirement, TreeVariant, Verdict
from jixiao.values import VALUE_JSON_SCHEMA

DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
MONEY = {"anyOf": [DECIMAL, {"type": "null"}], "description": "万元，十进制字符串"}
STRING = {"type": "string"}


def _label(key: FieldKey, variants: int = 0) -> str:
    """A field's catalogue label and its first ``variants`` variants: 长期目标/项目总目标."""
    return "/".join((spec(key).label, *spec(key).variants[:variants]))


def _column(role: ColumnRole, variants: int = 0) -> str:
    """A column role's header and its first ``variants`` variants: 指标性质/计算符号."""
    spec_ = next(c for c in COLUMNS if c.role is role)
    return "/".join(spec_.labels[: 1 + variants])


_AS_PRINTED = "（原文）"


def _enum(values: list[str], nullable: bool = False) -> dict[str, Any]:
    return {"enum": [*values, None] if nullable else values}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


LOCATION = _object(
    {
        "file": STRING,
        "line": {"type": ["integer", "null"]},
        "page": {"type": "integer"},
        "cell": STRING,
    },
    optional=("page", "cell"),
)
ORGANISATION = _object({"name": STRING, "code": STRING})
LEVEL1 = _enum([m.value for m in Level1])
LEVEL2 = _enum([m.value for m in Level2])
PRINTED_LEVEL1 = _enum([m.value for m in Level1], nullable=True)
PRINTED_LEVEL2 = _enum([m.value for m in Level2], nullable=True)
PAIRS = {"type": "array", "items": {"type": "array", "items": STRING, "minItems": 2, "maxItems": 2}}
#: Optional indicator columns beside the 指标值, with their description.
INDICATOR_EXTRAS = (
    ("nature", _column(ColumnRole.NATURE, 1) + _AS_PRINTED),
    ("unit", _column(ColumnRole.UNIT, 1) + _AS_PRINTED),
    ("midterm_value", ColumnGroup.MID_TERM + ColumnRole.VALUE),
    ("basis", _column(ColumnRole.BASIS, 1)),
    ("description", _column(ColumnRole.DESCRIPTION, 1)),
    ("remark", _column(ColumnRole.REMARK)),
    ("weight", _column(ColumnRole.WEIGHT, 1) + _AS_PRINTED),
)


def declaration_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a list of canonical declarations."""
    extras = {key: {"type": "string", "description": text} for key, text in INDICATOR_EXTRAS}
    indicator = _object(
        {
            "level1": PRINTED_LEVEL1,
            "level2": PRINTED_LEVEL2,
            "name": {"type": "string", "description": ColumnRole.NAME.value},
            "value_text": {"type": "string", "description": ColumnRole.VALUE + _AS_PRINTED},
            "value": {"$ref": "#/$defs/value"},
            "location": {"$ref": "#/$defs/location"},
            **extras,
            "columns": PAIRS,
        },
        optional=(*extras, "columns"),
    )
    group = _object(
        {
            "level1": PRINTED_LEVEL1,
            "level2": PRINTED_LEVEL2,
            "requirement": _enum([m.value for m in Requirement], nullable=True),
            "location": {"$ref": "#/$defs/location"},
            "indicators": {"type": "array", "items": indicator},
            "inferred_levels": {
                **_object({"level1": LEVEL1, "level2": LEVEL2}),
                "description": "原表未印一级/二级指标时按名称推断的层级（level1/level2 为 null）",
            },
        },
        optional=("inferred_levels",),
    )
    funding = _object(
        {
            "unit": {"const": "万元"},
            "annual_total": MONEY,
            "fiscal": MONEY,
            "other": MONEY,
            "project_total": MONEY,
            "location": {"$ref": "#/$defs/location"},
            "fiscal_parts": {
                **PAIRS,
                "description": "按级次印出的财政资金（中央/省/市/区县，万元）",
            },
        },
        optional=("fiscal_parts",),
    )
    declaration = _object(
        {
            "schema": {"const": SCHEMA_ID},
            "year": {"type": ["integer", "null"]},
            "attachment": STRING,
            "title": STRING,
            "project_name": {"type": "string", "description": _label(FieldKey.PROJECT_NAME)},
            "department": {
                "$ref": "#/$defs/organisation",
                "description": _label(FieldKey.DEPARTMENT),
            },
            "implementer": {
                "$ref": "#/$defs/organisation",
                "description": _label(FieldKey.IMPLEMENTER),
            },
            "attribute": {"type": "string", "description": _label(FieldKey.ATTRIBUTE)},
            "period": {"type": "string", "description": _label(FieldKey.PERIOD)},
            "funding": funding,
            "annual_goal": {"type": "string", "description": _label(FieldKey.ANNUAL_GOAL)},
            "long_term_goal": {"type": "string", "description": _label(FieldKey.LONG_TERM_GOAL, 1)},
            "tree": _enum([m.value for m in TreeVariant]),
            "groups": {"type": "array", "items": group},
            "verdict": {
                **_enum([m.value for m in Verdict], nullable=True),
                "description": "综合评定等级：仅由财政审核的决定写入；null 为未评定",
            },
            "printed_verdict": {
                **_enum([m.value for m in Verdict], nullable=True),
                "description": "原表所载综合评定等级（导入来源上涂黑的方框），仅作来源记录",
            },
            "footnote": STRING,
            "other_fields": {
                "type": "array",
                "items": {"type": "array", "items": STRING, "minItems": 2, "maxItems": 2},
            },
            "location": {"$ref": "#/$defs/location"},
            "field_locations": {
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/location"},
                "description": "每个表头栏目的读取位置（栏目标识 → 位置）",
            },
        },
        optional=(
            "printed_verdict",
            "field_locations",
        ),  # content stored before it existed lacks the key
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://jixiao.example/schema/declaration.schema.json",
        "title": "项目支出年度预算绩效目标申报表（规范 JSON）",
        "type": "array",
        "items": {"$ref": "#/$defs/declaration"},
        "$defs": {
            "declaration": declaration,
            "value": VALUE_JSON_SCHEMA,
            "location": LOCATION,
            "organisation": ORGANISATION,
        },
    }


def schema_text() -> str:
    return json.dumps(declaration_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
