"""The review report: per form its findings, score, grade and suggested verdict.

``report_to_json`` emits the shape described by :data:`REPORT_JSON_SCHEMA` (JSON Schema
draft 2020-12); ``flatten`` turns a report into short lines for one-line test assertions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.model import Verdict
from jixiao.review.finding import Finding, Severity
from jixiao.review.scoring import SCORE_FORMULA, Grade

REPORT_SCHEMA_ID = "https://jixiao.example/schemas/review-report-1.json"


@dataclass(frozen=True, slots=True)
class FormReport:
    """The review of one declaration."""

    project_name: str  #: 项目名称
    file: str  #: the source file
    line: int | None  #: where the form starts in it
    findings: tuple[Finding, ...]
    score: Decimal
    grade: Grade  #: suggested 审核等级
    verdict: Verdict  #: suggested 综合评定等级
    declared_verdict: Verdict | None  #: the 综合评定等级 printed on the form

    @property
    def returned(self) -> bool:
        """True when the suggested verdict sends the form back."""
        return self.verdict is not Verdict.APPROVED

    def counts(self) -> dict[str, int]:
        """Number of findings per severity label, every severity present."""
        found = Counter(f.severity for f in self.findings)
        return {str(s): found.get(s, 0) for s in Severity}


@dataclass(frozen=True, slots=True)
class Report:
    """The review of a batch of declarations under one profile."""

    profile: str
    forms: tuple[FormReport, ...]

    @property
    def returned(self) -> bool:
        return any(f.returned for f in self.forms)

    def statistics(self) -> dict[str, Any]:
        """Totals: forms, returned forms, findings per severity and per code."""
        findings = [x for f in self.forms for x in f.findings]
        by_severity = Counter(str(f.severity) for f in findings)
        return {
            "forms": len(self.forms),
            "returned": sum(f.returned for f in self.forms),
            "findings": len(findings),
            "by_severity": {str(s): by_severity.get(str(s), 0) for s in Severity},
            "by_code": dict(sorted(Counter(f.code for f in findings).items())),
        }


def flatten(report: Report) -> list[str]:
    """One short line per finding: ``项目名称|CODE|三级指标`` (or the field for header rules).

    Keeps assertions one line long: ``assert "A|A403|" in flatten(report)``.
    """
    return [
        f"{form.project_name}|{f.code}|{f.path[-1] if f.path else ''}"
        for form in report.forms
        for f in form.findings
    ]


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "symbol": finding.symbol,
        "severity": str(finding.severity),
        "dimension": str(finding.dimension),
        "message": finding.message,
        "args": dict(finding.args),
        "path": list(finding.path),
        "location": {"file": finding.location.file, "line": finding.location.line},
        "basis": finding.basis,
        "fix": finding.fix,
    }


def form_to_json(form: FormReport) -> dict[str, Any]:
    return {
        "project_name": form.project_name,
        "file": form.file,
        "line": form.line,
        "score": str(form.score),
        "grade": str(form.grade),
        "verdict": str(form.verdict),
        "declared_verdict": str(form.declared_verdict) if form.declared_verdict else None,
        "counts": form.counts(),
        "findings": [finding_to_json(f) for f in form.findings],
    }


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "$schema": REPORT_SCHEMA_ID,
        "profile": report.profile,
        "score_formula": SCORE_FORMULA,
        "statistics": report.statistics(),
        "forms": [form_to_json(f) for f in report.forms],
    }


def report_dumps(report: Report) -> str:
    """The report as pretty JSON text (UTF-8, Chinese unescaped), newline-terminated."""
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"


def _enum(values: Any) -> dict[str, Any]:
    return {"enum": [str(v) for v in values]}


_STR = {"type": "string"}
_LINE = {"type": ["integer", "null"]}
_COUNTS: Mapping[str, Any] = {
    "type": "object",
    "properties": {str(s): {"type": "integer", "minimum": 0} for s in Severity},
    "required": [str(s) for s in Severity],
    "additionalProperties": False,
}
_FINDING = {
    "type": "object",
    "description": "一条审核发现",
    "required": [
        "code",
        "symbol",
        "severity",
        "dimension",
        "message",
        "args",
        "path",
        "location",
        "basis",
        "fix",
    ],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$", "description": "规则代码"},
        "symbol": {"type": "string", "description": "缺陷名称（英文短横线形式）"},
        "severity": _enum(Severity),
        "dimension": {"enum": ["完整性", "相关性", "适当性", "可行性", "指标值"]},
        "message": {"type": "string", "description": "审核意见，可直接粘贴"},
        "args": {"type": "object", "additionalProperties": {"type": "string"}},
        "path": {"type": "array", "items": _STR, "description": "一级/二级/三级指标"},
        "location": {
            "type": "object",
            "required": ["file", "line"],
            "additionalProperties": False,
            "properties": {"file": _STR, "line": _LINE},
        },
        "basis": {"type": "string", "description": "政策依据：文号与条款"},
        "fix": {"type": "string", "description": "修改建议"},
    },
}
_FORM = {
    "type": "object",
    "required": [
        "project_name",
        "file",
        "line",
        "score",
        "grade",
        "verdict",
        "declared_verdict",
        "counts",
        "findings",
    ],
    "additionalProperties": False,
    "properties": {
        "project_name": _STR,
        "file": _STR,
        "line": _LINE,
        "score": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"},
        "grade": _enum(Grade),
        "verdict": _enum(Verdict),
        "declared_verdict": {"enum": [*[str(v) for v in Verdict], None]},
        "counts": _COUNTS,
        "findings": {"type": "array", "items": _FINDING},
    },
}
#: JSON Schema of :func:`report_to_json`.
REPORT_JSON_SCHEMA: Mapping[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": REPORT_SCHEMA_ID,
    "title": "jixiao 审核报告",
    "type": "object",
    "required": ["$schema", "profile", "score_formula", "statistics", "forms"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"const": REPORT_SCHEMA_ID},
        "profile": _STR,
        "score_formula": _STR,
        "statistics": {
            "type": "object",
            "required": ["forms", "returned", "findings", "by_severity", "by_code"],
            "properties": {
                "forms": {"type": "integer"},
                "returned": {"type": "integer"},
                "findings": {"type": "integer"},
                "by_severity": _COUNTS,
                "by_code": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
        },
        "forms": {"type": "array", "items": _FORM},
    },
}
