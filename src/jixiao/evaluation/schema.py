"""The JSON Schema of canonical self-evaluations: docs/schema/self-evaluation.schema.json.

Run ``python -m jixiao.evaluation.schema > docs/schema/self-evaluation.schema.json`` to
regenerate; a test fails when the published file is stale.
"""

from __future__ import annotations

import json
from typing import Any

from jixiao.evaluation.canonical import SCHEMA_ID
from jixiao.evaluation.model import Band, Grade, Layout
from jixiao.model.schema import (
    DECIMAL,
    LEVEL1,
    LEVEL2,
    LOCATION,
    MONEY,
    ORGANISATION,
    STRING,
    _enum,
    _object,
)
from jixiao.values import VALUE_JSON_SCHEMA

POINTS = {"anyOf": [DECIMAL, {"type": "null"}], "description": "分，十进制字符串"}
VALUE = {"$ref": "#/$defs/value"}
LOC = {"$ref": "#/$defs/location"}


def _text(label: str) -> dict[str, Any]:
    return {"type": "string", "description": label}


def evaluation_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a list of canonical self-evaluations."""
    row = _object(
        {
            "level1": LEVEL1,
            "level2": LEVEL2,
            "name": _text("三级指标"),
            "target_text": _text("年度指标值（原文）"),
            "target": VALUE,
            "actual_text": _text("实际完成值（原文）"),
            "actual": {"anyOf": [VALUE, {"type": "null"}]},
            "weight": POINTS,
            "printed_score": POINTS,
            "band": _enum([m.value for m in Band], nullable=True),
            "deviation": _text("偏差原因分析及改进措施"),
            "location": LOC,
        }
    )
    budget = _object(
        {
            "unit": {"const": "万元"},
            "initial": MONEY,
            "annual": MONEY,
            "executed": MONEY,
            "rate_text": _text("执行率（原文）"),
            "weight": DECIMAL,
            "printed_score": POINTS,
            "reason": _text("执行率偏低的原因"),
            "location": LOC,
        }
    )
    evaluation = _object(
        {
            "schema": {"const": SCHEMA_ID},
            "year": {"type": ["integer", "null"]},
            "title": STRING,
            "project_name": _text("项目名称"),
            "project_code": _text("项目代码"),
            "department": {"$ref": "#/$defs/organisation", "description": "主管部门"},
            "implementer": {"$ref": "#/$defs/organisation", "description": "实施单位"},
            "layout": _enum([m.value for m in Layout]),
            "budget": budget,
            "goal": _text("年度总体目标"),
            "goal_actual": _text("实际完成情况"),
            "rows": {"type": "array", "items": row},
            "printed_total": POINTS,
            "printed_grade": _enum([m.value for m in Grade], nullable=True),
            "conclusion": _text("评价结论"),
            "problems": _text("存在问题"),
            "measures": _text("改进措施"),
            "location": LOC,
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://jixiao.example/schema/self-evaluation.schema.json",
        "title": "项目支出绩效自评表（规范 JSON）",
        "type": "array",
        "items": {"$ref": "#/$defs/evaluation"},
        "$defs": {
            "evaluation": evaluation,
            "value": VALUE_JSON_SCHEMA,
            "location": LOCATION,
            "organisation": ORGANISATION,
        },
    }


def schema_text() -> str:
    return json.dumps(evaluation_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
