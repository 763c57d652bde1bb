"""The JSON API (django-ninja, OpenAPI at /api/openapi.json, docs at /api/docs).

Same permissions as the pages: session (with CSRF) or ``Authorization: Bearer <token>``;
outsiders get 404, insufficient roles 403, stale saves 409.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import File, NinjaAPI, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer, SessionAuth

from jixiao.importers.base import ImportFailure
from jixiao.model import CanonicalFormatError, from_json_object
from jixiao.web.accounts.models import ApiToken, User
from jixiao.web.declarations import codec, engine, store
from jixiao.web.declarations.access import (
    filer_organisation,
    get_for_action,
    get_visible,
    visible,
)
from jixiao.web.declarations.codec import MoneyError
from jixiao.web.declarations.models import Declaration
from jixiao.workflow import Action, TransitionDenied


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


api = NinjaAPI(
    title="预算绩效目标管理系统 API",
    version="1",
    description="申报表、自动审核报告、流转记录与导入。权限与网页相同。",
    auth=[SessionAuth(), BearerToken()],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "无权限"}, status=403)


@api.exception_handler(TransitionDenied)
def _denied(request: HttpRequest, exc: TransitionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(store.Conflict)
def _conflict(request: HttpRequest, exc: store.Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


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


class DeclarationDetail(DeclarationOut):
    content: dict[str, Any]


class SaveIn(Schema):
    revision: int
    content: dict[str, Any]


class TransitionIn(Schema):
    action: str
    comment: str = ""


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


class ReportOut(Schema):
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


def _out(row: Declaration, detail: bool = False) -> dict[str, Any]:
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
    }
    if detail:
        out["content"] = json.loads(row.content)
    return out


@api.get("/declarations", response=list[DeclarationOut], summary="申报表列表")
def list_declarations(
    request: HttpRequest, q: str = "", status: str = "", year: int = 0
) -> list[dict[str, Any]]:
    rows = visible(_user(request)).order_by("-updated_at")
    if q:
        rows = rows.filter(project_name__icontains=q)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(year=year)
    return [_out(r) for r in rows[:500]]


@api.get("/declarations/{pk}", response=DeclarationDetail, summary="申报表详情（规范 JSON）")
def get_declaration(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    return _out(get_visible(_user(request), pk), detail=True)


@api.put(
    "/declarations/{pk}",
    response={200: DeclarationDetail, 400: dict, 409: dict},
    summary="保存草稿（乐观锁：须带上读取时的 revision）",
)
def save_declaration(
    request: HttpRequest, pk: uuid.UUID, payload: SaveIn
) -> Status[dict[str, Any]]:
    user = _user(request)
    row = get_for_action(user, pk, Action.EDIT)
    try:
        form = from_json_object(payload.content)
        row = store.save(user, row, form, payload.revision)
    except (CanonicalFormatError, MoneyError) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _out(row, detail=True))


@api.get("/declarations/{pk}/report", response=ReportOut, summary="自动审核报告")
def get_report(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    row = get_visible(_user(request), pk)
    result = engine.review(codec.from_text(row.content))
    findings = [{**engine.asdict(f), "path": list(f.path)} for f in result.findings]
    return {
        "findings": findings,
        "blocking": len(result.blocking),
        "verdict": result.verdict,
        "grade": result.grade,
    }


@api.get("/declarations/{pk}/transitions", response=list[TransitionOut], summary="流转记录")
def list_transitions(request: HttpRequest, pk: uuid.UUID) -> list[dict[str, Any]]:
    row = get_visible(_user(request), pk)
    return [
        {
            "action": t.action,
            "source": t.source,
            "target": t.target,
            "actor": t.actor.username,
            "role": t.role,
            "comment": t.comment,
            "at": t.at.isoformat(),
        }
        for t in row.transitions.select_related("actor")
    ]


@api.post(
    "/declarations/{pk}/transitions",
    response={201: TransitionOut, 400: dict},
    summary="执行流转操作（提交、撤回、受理、转送财政审核、通过、退回修改、退回不予纳入）",
)
def create_transition(
    request: HttpRequest, pk: uuid.UUID, payload: TransitionIn
) -> Status[dict[str, Any]]:
    user = _user(request)
    try:
        action = Action(payload.action)
    except ValueError:
        return Status(400, {"detail": f"未知操作“{payload.action}”"})
    row = get_for_action(user, pk, action)
    if action is Action.SUBMIT and engine.review(codec.from_text(row.content)).blocking:
        return Status(400, {"detail": "存在错误级发现，请在网页提交页逐条说明或修改后再提交"})
    t = store.transition(user, row, action, payload.comment)
    return Status(
        201,
        {
            "action": t.action,
            "source": t.source,
            "target": t.target,
            "actor": user.username,
            "role": t.role,
            "comment": t.comment,
            "at": t.at.isoformat(),
        },
    )


@api.get("/declarations/{pk}/versions", response=list[VersionOut], summary="已保留的版本")
def list_versions(request: HttpRequest, pk: uuid.UUID) -> list[dict[str, Any]]:
    row = get_visible(_user(request), pk)
    return [
        {
            "number": v.number,
            "reason": v.reason,
            "revision": v.revision,
            "created_by": v.created_by.username,
            "created_at": v.created_at.isoformat(),
        }
        for v in row.versions.select_related("created_by")
    ]


@api.post("/imports", response={201: list[DeclarationOut], 400: dict}, summary="导入文件")
def import_declarations(request: HttpRequest, file: File[UploadedFile]) -> Status[Any]:
    user = _user(request)
    org = filer_organisation(user)
    try:
        result = engine.import_file(file.read(), file.name or "upload")
        rows = [store.create(user, org, f, "导入") for f in result.declarations]
    except (ImportFailure, MoneyError) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, [_out(r) for r in rows])
