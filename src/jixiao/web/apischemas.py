"""The API's request and response schemas, with the limits every field accepts."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from ninja import Field, Schema

from jixiao.web.declarations import codec, engine
from jixiao.web.declarations.models import Declaration, Transition, Version
from jixiao.workflow import Action

#: The largest whole number any field takes (a 32-bit database integer).
MAX_INT = 2**31 - 1

Comment = Annotated[str, Field(max_length=5000)]


class DeclarationOut(Schema):
    id: uuid.UUID
    year: int | None
    project_name: str
    department_name: str
    implementer_name: str
    organisation: str
    status: str
    revision: int
    annual_total: str | None
    review_grade: str = Field(description="自动审核等级（优/良/中/差），按现行审核规则配置")
    finding_count: int = Field(description="自动审核发现条数，按现行审核规则配置")


class DeclarationDetail(DeclarationOut):
    content: dict[str, Any]


class DeclarationPage(Schema):
    count: int = Field(description="符合条件的申报表总数")
    page: int
    page_size: int
    items: list[DeclarationOut]


class CreateIn(Schema):
    content: dict[str, Any] = Field(description="规范 JSON（jixiao.declaration/1）")


class SaveIn(Schema):
    revision: int = Field(ge=0, le=MAX_INT, description="读取时的修订号")
    content: dict[str, Any] = Field(description="规范 JSON（jixiao.declaration/1）")


class TransitionIn(Schema):
    action: Action
    comment: Comment = ""
    explanations: dict[Annotated[str, Field(max_length=300)], Comment] = Field(
        default_factory=dict,
        description="提交时：错误级发现的 key → 填报人的说明",
        max_length=1000,
    )


class TransitionOut(Schema):
    action: str
    source: str
    target: str
    actor: str
    role: str
    comment: str
    at: str


class FindingOut(Schema):
    key: str
    code: str
    symbol: str
    severity: str
    dimension: str
    message: str
    path: list[str]
    basis: str
    fix: str

    @staticmethod
    def of(f: engine.FindingView) -> dict[str, Any]:
        return {**engine.asdict(f), "path": list(f.path)}


class ReviewReportOut(Schema):
    findings: list[FindingOut]
    blocking: int
    verdict: str
    grade: str


class VersionOut(Schema):
    number: int
    reason: str
    revision: int
    created_by: str
    created_at: str


class ImportOut(Schema):
    created: list[DeclarationOut] = Field(description="新建的草稿")
    existing: list[DeclarationOut] = Field(description="此前已导入、未重复创建的申报表")
    issues: list[str] = Field(description="导入提示")


def declaration_out(row: Declaration, detail: bool = False) -> dict[str, Any]:
    total = codec.from_fen(row.annual_total_fen)
    out: dict[str, Any] = {
        "id": row.pk,
        "year": row.year,
        "project_name": row.project_name,
        "department_name": row.department_name,
        "implementer_name": row.implementer_name,
        "organisation": row.organisation.name,
        "status": row.status,
        "revision": row.revision,
        "annual_total": None if total is None else str(total),
        "review_grade": row.review_grade,
        "finding_count": row.finding_count,
    }
    if detail:
        out["content"] = json.loads(row.content)
    return out


def transition_out(t: Transition) -> dict[str, Any]:
    return {
        "action": t.action,
        "source": t.source,
        "target": t.target,
        "actor": t.actor.username,
        "role": t.role,
        "comment": t.comment,
        "at": t.at.isoformat(),
    }


def version_out(v: Version) -> dict[str, Any]:
    return {
        "number": v.number,
        "reason": v.reason,
        "revision": v.revision,
        "created_by": v.created_by.username,
        "created_at": v.created_at.isoformat(),
    }
