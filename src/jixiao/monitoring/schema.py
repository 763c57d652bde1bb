"""The JSON Schema of canonical monitoring reports: docs/schema/monitoring.schema.json.

Run ``python -m jixiao.monitoring.schema > docs/schema/monitoring.schema.json`` to
regenerate; a test fails when the published file is stale.
"""

from __future__ import annotations

import json
from typing import Any

from jixiao.model.schema import LEVEL1, LEVEL2, LOCATION, ORGANISATION, _enum, _object
from jixiao.monitoring.canonical import SCHEMA_ID
from jixiao.monitoring.model import FundSource
from jixiao.monitoring.vocab import Cause, Likelihood, Pacing
from jixiao.values import VALUE_JSON_SCHEMA

DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
MONEY = {"anyOf": [DECIMAL, {"type": "null"}], "description": "万元，十进制字符串"}
VALUE = {"$ref": "#/$defs/value"}
LOC = {"$ref": "#/$defs/location"}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def monitoring_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a list of canonical monitoring reports."""
    row = _object(
        {
            "level1": LEVEL1,
            "level2": LEVEL2,
            "name": _text("三级指标"),
            "target_text": _text("年度指标值（批复原文）"),
            "target": VALUE,
            "actual_text": _text("1–m月实际完成值（填报原文）"),
            "actual": VALUE,
            "forecast_text": _text("全年预计完成值（填报原文）"),
            "forecast": VALUE,
            "causes": {
                "type": "array",
                "items": _enum([c.value for c in Cause]),
                "uniqueItems": True,
                "description": "偏差原因分析",
            },
            "cause_text": _text("偏差原因说明"),
            "likelihood": _enum([m.value for m in Likelihood], nullable=True),
            "measures": _text("纠偏措施"),
            "remark": _text("备注"),
            "pacing": _enum([m.value for m in Pacing], nullable=True),
            "location": LOC,
        }
    )
    budget = _object(
        {
            "source": _enum([m.value for m in FundSource]),
            "budget": MONEY,
            "executed": MONEY,
            "forecast": MONEY,
            "location": LOC,
        }
    )
    report = _object(
        {
            "schema": {"const": SCHEMA_ID},
            "year": {"type": ["integer", "null"]},
            "month": {"type": "integer", "minimum": 1, "maximum": 12, "description": "截止月份"},
            "project_name": _text("项目名称"),
            "department": {"$ref": "#/$defs/organisation", "description": "主管部门及代码"},
            "implementer": {"$ref": "#/$defs/organisation", "description": "实施单位"},
            "declaration_ref": _text("所属的已批复申报表版本"),
            "region": _text("地区（政策参数的地区覆盖）"),
            "annual_goal": _text("年度总体目标·全年预期目标"),
            "goal_progress": _text("年度总体目标·目标实际完成情况（1–m月）"),
            "unit": {"const": "万元"},
            "budget": {"type": "array", "items": budget},
            "budget_cause": _text("预算执行偏差原因"),
            "rows": {"type": "array", "items": row},
            "location": LOC,
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://jixiao.example/schema/monitoring.schema.json",
        "title": "项目支出绩效目标执行监控表（规范 JSON）",
        "type": "array",
        "items": {"$ref": "#/$defs/report"},
        "$defs": {
            "report": report,
            "value": VALUE_JSON_SCHEMA,
            "location": LOCATION,
            "organisation": ORGANISATION,
        },
    }


def schema_text() -> str:
    return json.dumps(monitoring_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
