"""The JSON API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs (after login).

Same permissions as the pages. Programs authenticate with ``Authorization: Bearer <token>``
(``jixiao token create USER``) and need no CSRF token; a browser session may use the API too,
and then every write must carry ``X-CSRFToken``. Outsiders get 404, insufficient roles 403,
stale saves 409, bad input 400/422, oversized bodies 413 — always in the one error shape of
:mod:`jixiao.web.apierrors`. Lists are paginated and carry the total count.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from ninja import Field, File, NinjaAPI, Query, Schema, Status, Swagger
from ninja.files import UploadedFile
from ninja.security import HttpBearer, SessionAuth

from jixiao.model import from_json_object
from jixiao.web import apierrors
from jixiao.web.accounts.models import ApiToken, User
from jixiao.web.apierrors import RESPONSES, ErrorOut
from jixiao.web.apischemas import (
    MAX_INT,
    CreateIn,
    DeclarationDetail,
    DeclarationPage,
    FindingOut,
    ImportOut,
    ReviewReportOut,
    SaveIn,
    TransitionIn,
    TransitionOut,
    VersionOut,
    declaration_out,
    transition_out,
    version_out,
)
from jixiao.web.declarations import engine, hits, inputs, ruleconfig, store
from jixiao.web.declarations.access import filer_organisation, get_for_action, get_visible, visible
from jixiao.web.evaluation.api import router as evaluation_router
from jixiao.web.indicators.api import router as indicators_router
from jixiao.web.jobs.api import router as jobs_router
from jixiao.web.limits import check_form_count, check_upload
from jixiao.web.monitoring.api import router as monitoring_router
from jixiao.workflow import Action
from jixiao.workflow import Status as FormStatus


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>``: the token's user; no CSRF (no cookie is involved)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


class BrowserSession(SessionAuth):
    """A signed-in browser session; its writes must pass Django's CSRF check."""

    def __call__(self, request: HttpRequest) -> Any:
        if "HTTP_AUTHORIZATION" in request.META or not request.user.is_authenticated:
            return None  # a token request never falls back to the session
        return super().__call__(request)


api = NinjaAPI(
    title="预算绩效目标管理系统 API",
    version="1",
    description=(
        "申报表、自动审核报告、流转记录与导入。权限与网页相同。程序使用令牌"
        "（Authorization: Bearer <令牌>，运维人员用 jixiao token create 用户名 创建）；"
        "浏览器会话的写操作须带 X-CSRFToken。错误一律为 {code, message, details}。"
    ),
    auth=[BearerToken(), BrowserSession()],
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=login_required,
)
apierrors.install(api)
api.add_router("/indicators", indicators_router)
api.add_router("/jobs", jobs_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/evaluations", evaluation_router)

PageNumber = Annotated[int, Field(ge=1, le=MAX_INT)]
PageSize = Annotated[int, Field(ge=1, le=200)]
Year = Annotated[int, Field(ge=1, le=9999)]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


@api.get(
    "/declarations",
    response={200: DeclarationPage, **RESPONSES},
    summary="申报表列表（分页，含总数）",
)
def list_declarations(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=200)] = "",
    status: FormStatus | None = None,
    year: Year | None = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> dict[str, Any]:
    """已作废的草稿只在 ``status=已作废`` 时列出。"""
    rows = visible(_user(request)).defer("content").order_by("-updated_at", "pk")
    if q:
        rows = rows.filter(project_name__icontains=q)
    rows = rows.filter(status=status) if status else rows.exclude(status=FormStatus.DISCARDED)
    if year:
        rows = rows.filter(year=year)
    total = rows.count()
    start = (page - 1) * page_size
    shown = list(rows[start : start + page_size]) if start < total else []
    hits.fresh(shown)  # summaries of an older 审核规则配置 are redone as they are read
    items = [declaration_out(r) for r in shown]
    return {"count": total, "page": page, "page_size": page_size, "items": items}


@api.post(
    "/declarations",
    response={201: DeclarationDetail, 413: ErrorOut, **RESPONSES},
    summary="新建草稿（规范 JSON）",
)
def create_declaration(request: HttpRequest, payload: CreateIn) -> Status[dict[str, Any]]:
    user = _user(request)
    org = filer_organisation(user)
    form = inputs.check_form(from_json_object(payload.content))
    row = store.create(user, org, form, "接口新建")
    return Status(201, declaration_out(row, detail=True))


@api.get(
    "/declarations/{pk}",
    response={200: DeclarationDetail, **RESPONSES},
    summary="申报表详情（规范 JSON）",
)
def get_declaration(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    return declaration_out(hits.ensure_current(get_visible(_user(request), pk)), detail=True)


@api.put(
    "/declarations/{pk}",
    response={200: DeclarationDetail, 409: ErrorOut, 413: ErrorOut, **RESPONSES},
    summary="保存草稿（乐观锁：须带上读取时的 revision）",
)
def save_declaration(request: HttpRequest, pk: uuid.UUID, payload: SaveIn) -> dict[str, Any]:
    user = _user(request)
    row = get_for_action(user, pk, Action.EDIT)
    form = inputs.check_form(from_json_object(payload.content))
    return declaration_out(store.save(user, row, form, payload.revision), detail=True)


@api.get(
    "/declarations/{pk}/report",
    response={200: ReviewReportOut, **RESPONSES},
    summary="自动审核报告",
)
def get_report(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    row = hits.ensure_current(get_visible(_user(request), pk))
    result = engine.stored(row.content).review
    findings = [FindingOut.of(f) for f in result.findings]
    return {
        "findings": findings,
        "blocking": len(result.blocking),
        "verdict": result.verdict,
        "grade": result.grade,
    }


@api.get(
    "/declarations/{pk}/transitions",
    response={200: list[TransitionOut], **RESPONSES},
    summary="流转记录",
)
def list_transitions(request: HttpRequest, pk: uuid.UUID) -> list[dict[str, Any]]:
    row = get_visible(_user(request), pk)
    return [transition_out(t) for t in row.transitions.select_related("actor")]


@api.post(
    "/declarations/{pk}/transitions",
    response={201: TransitionOut, 409: ErrorOut, **RESPONSES},
    summary="执行流转操作（提交、撤回、作废、受理、转送财政审核、通过、退回修改、退回不予纳入）",
)
def create_transition(
    request: HttpRequest, pk: uuid.UUID, payload: TransitionIn
) -> Status[dict[str, Any]]:
    """提交时，每条错误级发现须在 ``explanations`` 中按其 ``key`` 给出说明。"""
    user = _user(request)
    action = Action(payload.action)
    if action is Action.EDIT:
        raise inputs.InputError("保存请使用 PUT /api/declarations/{pk}")
    row = get_for_action(user, pk, action)
    if action is Action.SUBMIT:
        done = store.submit(user, row, payload.explanations, payload.comment)
    else:
        done = store.transition(user, row, action, payload.comment)
    return Status(201, transition_out(done))


@api.get(
    "/declarations/{pk}/versions",
    response={200: list[VersionOut], **RESPONSES},
    summary="已保留的版本",
)
def list_versions(request: HttpRequest, pk: uuid.UUID) -> list[dict[str, Any]]:
    row = get_visible(_user(request), pk)
    return [version_out(v) for v in row.versions.select_related("created_by")]


@api.post(
    "/imports",
    response={201: ImportOut, 409: ErrorOut, 413: ErrorOut, **RESPONSES},
    summary="导入文件（全部成功或什么也不写入；重复导入的内容不再创建）",
)
def import_declarations(request: HttpRequest, file: File[UploadedFile]) -> Status[Any]:
    user = _user(request)
    org = filer_organisation(user)
    check_upload(file)
    result = engine.import_file(file.read(), file.name or "upload")
    check_form_count(len(result.declarations))
    done = store.import_forms(user, org, result.declarations)
    existing = [declaration_out(r) for r in done.existing]
    if not done.created:
        message = "此文件中的申报表此前均已导入，未重复创建；见 details 中的已有申报表"
        return Status(409, apierrors.body(409, message, existing, code="duplicate_import"))
    created = [declaration_out(r) for r in done.created]
    issues = [str(i) for i in result.issues]
    return Status(201, {"created": created, "existing": existing, "issues": issues})


class ReviewConfigIn(Schema):
    profile: str = Field(max_length=100, description="审核配置：classic、2021、yinchuan")
    select: str = Field("", max_length=500, description="启用规则的代码前缀，逗号分隔（空：全部）")
    ignore: str = Field("", max_length=500, description="忽略规则的代码前缀，逗号分隔")


class ReviewConfigOut(Schema):
    profile: str
    select: list[str]
    ignore: list[str]
    stale: int = Field(description="您可见的申报表中审核摘要尚未按此配置重算的份数")
    job: uuid.UUID | None = Field(None, description="因本次修改创建的审核摘要重算任务")


def _config_out(user: User, job: uuid.UUID | None = None) -> dict[str, Any]:
    profile, select, ignore = engine.active_profile()
    stale = hits.stale(visible(user)).count()
    return {"profile": profile, "select": select, "ignore": ignore, "stale": stale, "job": job}


@api.get(
    "/review-config",
    response={200: ReviewConfigOut, **RESPONSES},
    summary="现行审核规则配置（及尚未按它重算审核摘要的份数）",
)
def get_review_config(request: HttpRequest) -> dict[str, Any]:
    return _config_out(_user(request))


@api.put(
    "/review-config",
    response={200: ReviewConfigOut, **RESPONSES},
    summary="修改默认审核规则配置（管理员；记入审计日志，后台重算过期的审核摘要）",
)
def put_review_config(request: HttpRequest, payload: ReviewConfigIn) -> dict[str, Any]:
    user = _user(request)
    _profile, job = ruleconfig.make_default(user, payload.profile, payload.select, payload.ignore)
    return _config_out(user, job.pk if job else None)


__all__ = ["api"]
