"""Size limits on every request: too large → 413 with a Chinese message, before anything is read.

:class:`LimitMiddleware` refuses a request whose declared body exceeds the form limit
(``JIXIAO_MAX_BODY_MB``; for a multipart upload that plus ``JIXIAO_MAX_UPLOAD_MB``), and
turns Django's own :class:`~django.core.exceptions.RequestDataTooBig` into the same answer.
Views check the size of each uploaded file (:func:`check_upload`) and the number of forms one
import may create (:func:`check_form_count`). API paths get the API's error shape, pages an
HTML page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from jixiao.web.declarations.serial import Busy

#: Multipart boundaries and the other fields of an upload form.
_OVERHEAD = 64 * 1024


class TooLarge(Exception):
    """A request, file or import beyond a configured limit; the message is Chinese."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def max_request_bytes(request: HttpRequest) -> int:
    """The largest body accepted: an upload plus its form for multipart, else the form limit."""
    body = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if request.content_type == "multipart/form-data":
        if request.path in settings.JIXIAO_BULK_UPLOAD_PATHS:
            return int(settings.JIXIAO_MAX_JOB_UPLOAD_BYTES) + body + _OVERHEAD
        return int(settings.JIXIAO_MAX_UPLOAD_BYTES) + body + _OVERHEAD
    return body


def check_upload(upload: UploadedFile[bytes]) -> None:
    """:class:`TooLarge` when ``upload`` exceeds ``JIXIAO_MAX_UPLOAD_MB``."""
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if (upload.size or 0) > limit:
        raise TooLarge(f"文件“{upload.name}”超过 {_mb(limit)} 的上限，请拆分后分批导入")


def check_form_count(count: int) -> None:
    """:class:`TooLarge` when one import would create more than ``JIXIAO_MAX_IMPORT_FORMS``."""
    limit = settings.JIXIAO_MAX_IMPORT_FORMS
    if count > limit:
        raise TooLarge(f"一次导入最多 {limit} 份申报表，此文件含 {count} 份，请拆分后分批导入")


def too_large(request: HttpRequest, message: str, status: int = 413) -> HttpResponse:
    """The 413 (or 503 busy) answer: the API's error shape on /api/, a page elsewhere."""
    if request.path.startswith("/api/"):
        code = "payload_too_large" if status == 413 else "busy"
        body = {"code": code, "message": message, "details": None}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    title = "内容过大" if status == 413 else "系统繁忙"
    context = {"message": message, "title": title, "status": status}
    return render(request, "413.html", context, status=status)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class LimitMiddleware:
    """413 for request bodies beyond the configured limits (checked before the body is read)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes(request)
        if _declared_length(request) > limit:
            return too_large(request, f"请求内容超过 {_mb(limit)} 的上限，未处理")
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST.get("csrfmiddlewaretoken")  # parsed once here, as CSRF would
            except RequestDataTooBig:
                return self._field_too_large(request)
        return self.get_response(request)

    @staticmethod
    def _field_too_large(request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return too_large(request, f"表单内容超过 {_mb(limit)} 的上限，未保存")

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, RequestDataTooBig):
            return self._field_too_large(request)
        if isinstance(exc, TooLarge):
            return too_large(request, str(exc))
        if isinstance(exc, Busy):  # the database stayed locked through every retry
            return too_large(request, str(exc), status=503)
        return None
