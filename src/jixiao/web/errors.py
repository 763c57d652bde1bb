"""The 400/403/404/500 pages and the CSRF failure page, in Chinese, with the reason.

Django's own pages are English ("Not Found", "Bad Request (400)"). These handlers render
``_error.html`` (and a static ``500.html``) with the site's navigation. A reason raised by
this system (``PermissionDenied("此操作需要…")``) is shown; a library's English text is not.
"""

from __future__ import annotations

import re

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

_CHINESE = re.compile(r"[\u4e00-\u9fff]")

_BAD_REQUEST = {
    RequestDataTooBig: "提交的内容超出了系统允许的大小。",
    TooManyFieldsSent: "提交的表单字段过多，超出了系统允许的数量。",
    TooManyFilesSent: "一次上传的文件过多。",
    DisallowedHost: "请求的主机名不在系统允许的范围内（JIXIAO_ALLOWED_HOSTS）。",
}


def _reason(exception: Exception | None, default: str) -> str:
    """The exception's own message when this system wrote it (in Chinese), else ``default``."""
    text = str(exception.args[0]) if exception is not None and exception.args else ""
    return text if _CHINESE.search(text) else default


def _page(request: HttpRequest, code: int, title: str, reason: str) -> HttpResponse:
    context = {"code": code, "title": title, "reason": reason}
    return render(request, "_error.html", context, status=code)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    default = next(
        (text for kind, text in _BAD_REQUEST.items() if isinstance(exception, kind)),
        "请求的格式不正确，系统无法处理。请返回上一页检查后重试。",
    )
    return _page(request, 400, "请求有误", _reason(exception, default))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "没有权限", _reason(exception, "您的账号没有执行此操作的权限。"))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    default = "页面不存在，或者您无权查看它。请检查网址，或从申报表列表进入。"
    return _page(request, 404, "页面不存在", _reason(exception, default))


def server_error(request: HttpRequest) -> HttpResponse:
    """Static on purpose: it must render when the database or a template tag is failing."""
    return HttpResponse(render_to_string("500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's ``CSRF_FAILURE_VIEW``: the form's security token was missing or stale."""
    text = "页面的安全校验（CSRF）未通过，操作没有执行。页面可能已过期，请刷新页面后重试。"
    return _page(request, 403, "安全校验失败", text)
