"""Monitoring in the API, under the web pages' permissions: the reports (paged, with their
lights), one report with every light, explanation and check (the ``jixiao monitor --json``
shape), workflow steps, and opening a round (财政审核人 only)."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from jixiao.monitoring.command import result_json
from jixiao.monitoring.engine import check_report
from jixiao.monitoring.workflow import FollowUp, ReportAction, ReportStatus
from jixiao.web.accounts.models import User
from jixiao.web.apierrors import RESPONSES
from jixiao.web.declarations.access import require_role
from jixiao.web.monitoring import store
from jixiao.web.monitoring.access import get_visible, visible
from jixiao.web.monitoring.models import MonitoringReportRecord
from jixiao.workflow import Role, TransitionDenied

router = Router(tags=["绩效运行监控"])
PageNumber = Annotated[int, Field(ge=1, le=2**31 - 1)]
PageSize = Annotated[int, Field(ge=1, le=200)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Month = Annotated[int, Field(ge=1, le=12)]


# Component names are global in the OpenAPI document: every schema here says Monitoring.
class MonitoringReportOut(Schema):
    id: uuid.UUID
    year: int
    month: int
    deadline: datetime.date
    project_name: str
    organisation: str
    declaration: uuid.UUID
    status: ReportStatus
    overall_light: str = Field(description="项目预警")
    target_light: str = Field(description="指标预警")
    budget_light: str = Field(description="预算执行预警")
    follow_up: str = Field(description="处理意见")


class MonitoringReportPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[MonitoringReportOut]


class MonitoringReportDetail(MonitoringReportOut):
    content: dict[str, Any] = Field(description="规范 JSON（jixiao.monitoring/1）")
    lights: dict[str, Any] = Field(description="每个预警灯及其说明、监控检查意见")


class MonitoringTransitionIn(Schema):
    action: ReportAction
    comment: Annotated[str, Field(max_length=2000)] = ""
    follow_up: FollowUp | None = None


class MonitoringRoundIn(Schema):
    year: Year
    month: Month = 6
    deadline: datetime.date


class MonitoringRoundOut(Schema):
    id: uuid.UUID
    reports: int


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _out(r: MonitoringReportRecord) -> dict[str, Any]:
    return {
        "id": r.pk,
        "year": r.round.year,
        "month": r.round.month,
        "deadline": r.round.deadline,
        "project_name": r.project_name,
        "organisation": r.organisation.name,
        "declaration": r.declaration_id,
        "status": r.status,
        "overall_light": r.overall_light,
        "target_light": r.target_light,
        "budget_light": r.budget_light,
        "follow_up": r.follow_up,
    }


@router.get(
    "", response={200: MonitoringReportPage, **RESPONSES}, summary="监控表列表（分页，含预警灯）"
)
def list_reports(
    request: HttpRequest, year: Year | None = None, page: PageNumber = 1, page_size: PageSize = 50
) -> dict[str, Any]:
    rows = visible(_user(request)).defer("content").order_by("-round__year", "project_name", "pk")
    if year:
        rows = rows.filter(round__year=year)
    total = rows.count()
    start = (page - 1) * page_size
    items = [_out(r) for r in rows[start : start + page_size]] if start < total else []
    return {"count": total, "page": page, "page_size": page_size, "items": items}


@router.post(
    "/rounds", response={201: MonitoringRoundOut, **RESPONSES}, summary="发起监控（财政审核人）"
)
def open_round(request: HttpRequest, payload: MonitoringRoundIn) -> tuple[int, dict[str, Any]]:
    require_role(_user(request), Role.FINANCE_REVIEWER)
    round_, count = store.open_round(_user(request), payload.year, payload.month, payload.deadline)
    return 201, {"id": round_.pk, "reports": count}


@router.get(
    "/{pk}", response={200: MonitoringReportDetail, **RESPONSES}, summary="一张监控表及其预警灯"
)
def get_report(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    record = get_visible(_user(request), pk)
    result = check_report(store.report_of(record))
    content = json.loads(record.content)[0]
    return {**_out(record), "content": content, "lights": result_json(result)}


@router.post(
    "/{pk}/transitions",
    response={201: MonitoringReportOut, **RESPONSES},
    summary="监控表流转（提交、审核等）",
)
def create_transition(
    request: HttpRequest, pk: uuid.UUID, payload: MonitoringTransitionIn
) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    record = get_visible(user, pk)
    if payload.action is ReportAction.SAVE:
        raise PermissionDenied("请在网页上传填好的监控表")
    try:
        store.transition(user, record, payload.action, payload.comment, payload.follow_up)
    except TransitionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    return 201, _out(record)
