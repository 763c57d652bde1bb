"""One error shape for every API answer that is not a success: ``{"code", "message", "details"}``.

``code`` is a stable English identifier for programs, ``message`` Chinese for people,
``details`` whatever helps fix the request (the fields of a validation error, the existing
forms of a repeated import) or ``null``. :func:`install` registers the handlers on the API;
:class:`ApiErrorMiddleware` gives the same shape to answers Django makes outside the API's
views (405, an unknown /api/ path, a 500 that escaped).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from jixiao.importers.base import ImportFailure
from jixiao.model import CanonicalFormatError
from jixiao.values.money import MoneyError
from jixiao.web.declarations.inputs import InputError
from jixiao.web.declarations.serial import Busy
from jixiao.web.declarations.store import Conflict, Unexplained
from jixiao.web.limits import TooLarge
from jixiao.workflow import TransitionDenied

log = logging.getLogger(__name__)


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


#: Status → (code, default Chinese message).
CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求内容有误"),
    401: ("unauthorized", "未登录或令牌无效：请登录，或在请求头带上 Authorization: Bearer <令牌>"),
    403: ("forbidden", "无权执行此操作"),
    404: ("not_found", "未找到：对象不存在，或您无权查看"),
    405: ("method_not_allowed", "此地址不支持该请求方法"),
    409: ("conflict", "与当前数据冲突"),
    413: ("payload_too_large", "请求内容过大"),
    422: ("validation_error", "请求参数不符合接口要求"),
    500: ("server_error", "服务器内部错误，已记录；您的操作没有生效，请稍后重试或联系管理员"),
    503: ("busy", "系统繁忙，请稍后重试"),
}
#: The error answers every route documents.
RESPONSES: dict[int, type[Schema]] = {code: ErrorOut for code in (400, 401, 403, 404, 422)}


def body(status: int, message: str = "", details: Any = None, code: str = "") -> dict[str, Any]:
    default_code, default_message = CODES.get(status, ("error", "请求失败"))
    return {"code": code or default_code, "message": message or default_message, "details": details}


def error(status: int, message: str = "", details: Any = None, code: str = "") -> HttpResponse:
    return JsonResponse(
        body(status, message, details, code),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


#: pydantic error type → Chinese; ``{…}`` names fields of the error's context.
_PYDANTIC = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文本",
    "bool_parsing": "应为 true 或 false",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "model_attributes_type": "应为 JSON 对象",
    "uuid_parsing": "应为 UUID 标识",
    "uuid_type": "应为 UUID 标识",
    "enum": "应为以下之一：{expected}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "string_too_long": "最多 {max_length} 个字符",
    "string_too_short": "至少 {min_length} 个字符",
    "json_invalid": "不是有效的 JSON",
    "value_error": "取值无效",
}


def _field(error: dict[str, Any]) -> dict[str, Any]:
    template = _PYDANTIC.get(str(error.get("type")), "格式不正确")
    try:
        message = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        message = template
    return {"loc": [str(p) for p in error.get("loc", ())], "message": message}


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [_field(e) for e in exc.errors]
    where = "；".join(f"{'.'.join(f['loc'])}：{f['message']}" for f in fields[:5])
    return error(422, f"请求参数不符合接口要求：{where}", fields)


def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in str(exc):
        return error(403, "CSRF 校验失败：用会话登录写入时须带 X-CSRFToken 请求头", code="csrf")
    if isinstance(exc, AuthenticationError):
        return error(401)
    if isinstance(exc, AuthorizationError):
        return error(403)
    return error(exc.status_code, str(exc) if not str(exc).isascii() else "")


def _unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return error(413, "请求内容超过上限，未处理")
    log.exception("API 内部错误：%s %s", request.method, request.path, exc_info=exc)
    return error(500)


def _simple(status: int, code: str = "") -> Callable[[HttpRequest, Any], HttpResponse]:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        return error(status, str(exc), code=code)

    return handler


def _unexplained(request: HttpRequest, exc: Unexplained) -> HttpResponse:
    return error(400, str(exc), {"unexplained": exc.missing}, code="unexplained_findings")


def install(api: NinjaAPI) -> None:
    """Register the handlers: every exception the API's views may meet gets its answer."""
    api.add_exception_handler(ValidationError, _validation)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, _http)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, lambda request, exc: error(404))
    api.add_exception_handler(PermissionDenied, _simple(403))
    api.add_exception_handler(TransitionDenied, _simple(400, "transition_denied"))
    api.add_exception_handler(Unexplained, _unexplained)  # type: ignore[arg-type]
    for bad_input in (InputError, MoneyError, CanonicalFormatError, ImportFailure):
        api.add_exception_handler(bad_input, _simple(400))
    api.add_exception_handler(Conflict, _simple(409))
    api.add_exception_handler(TooLarge, _simple(413))
    api.add_exception_handler(Busy, _simple(503))
    api.add_exception_handler(Exception, _unexpected)


class ApiErrorMiddleware:
    """Answers under /api/ that Django made itself (405, unknown path, 500) in the same shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        shaped = error(response.status_code)
        if allow := response.get("Allow"):
            shaped["Allow"] = allow
        return shaped

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/") or isinstance(exc, Http404 | PermissionDenied):
            return None  # Django answers these; __call__ gives the answer the API's shape
        log.exception("API 内部错误：%s %s", request.method, request.path, exc_info=exc)
        return error(500)
