"""Self-evaluations in the API: the list (paged, with 总分 and 等级) and one form with its
recomputed score, every row's explanation and the checks (the ``jixiao score --json`` shape)."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from jixiao.evaluation import score_evaluation
from jixiao.evaluation.checks import run_checks
from jixiao.evaluation.command import score_json
from jixiao.evaluation.workflow import EvaluationStatus
from jixiao.web.accounts.models import User
from jixiao.web.apierrors import RESPONSES
from jixiao.web.evaluation.access import get_visible, visible
from jixiao.web.evaluation.models import EvaluationRecord
from jixiao.web.evaluation.store import form_of

router = Router(tags=["绩效自评"])
PageNumber = Annotated[int, Field(ge=1, le=2**31 - 1)]
PageSize = Annotated[int, Field(ge=1, le=200)]
Year = Annotated[int, Field(ge=2000, le=2100)]


class EvaluationOut(Schema):
    id: uuid.UUID
    year: int
    project_name: str
    organisation: str
    declaration: uuid.UUID
    status: EvaluationStatus
    total: str = Field(description="总分（十进制字符串）")
    grade: str
    revision: int


class EvaluationPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EvaluationOut]


class EvaluationDetail(EvaluationOut):
    content: dict[str, Any] = Field(description="规范 JSON（jixiao.self-evaluation/1）")
    score: dict[str, Any] = Field(description="重新计算的得分、每项说明与检查意见")


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _out(r: EvaluationRecord) -> dict[str, Any]:
    return {
        "id": r.pk,
        "year": r.round.year,
        "project_name": r.project_name,
        "organisation": r.organisation.name,
        "declaration": r.declaration_id,
        "status": r.status,
        "total": str(r.total),
        "grade": r.grade,
        "revision": r.revision,
    }


@router.get("", response={200: EvaluationPage, **RESPONSES}, summary="绩效自评表列表（分页）")
def list_evaluations(
    request: HttpRequest, year: Year | None = None, page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, Any]:
    rows = visible(_user(request)).defer("content").order_by("-round__year", "project_name", "pk")
    if year:
        rows = rows.filter(round__year=year)
    total = rows.count()
    start = (page - 1) * page_size
    items = [_out(r) for r in rows[start : start + page_size]] if start < total else []
    return {"count": total, "page": page, "page_size": page_size, "items": items}


@router.get(
    "/{pk}", response={200: EvaluationDetail, **RESPONSES}, summary="一张绩效自评表及其计分"
)
def get_evaluation(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    record = get_visible(_user(request), pk)
    ev = form_of(record)
    score = score_evaluation(ev)
    content = json.loads(record.content)[0]
    return {
        **_out(record),
        "content": content,
        "score": score_json("", ev, score, run_checks(ev, score)),
    }
