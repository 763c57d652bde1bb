"""Login throttling with django-axes: who the client is, and the Chinese lockout page.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one user name from one address, that pair is
refused for ``AXES_COOLOFF_TIME`` (settings.py; docs/deployment.md), the right password too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: Too Many Requests: the client may come back after the cool-off.
LOCKED_OUT = 429


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind a proxy the address it appended."""
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if settings.JIXIAO_FORWARDED_FOR and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return (
        f"登录失败次数过多（{settings.AXES_FAILURE_LIMIT} 次），此账号从您的地址登录已被暂时锁定，"
        f"请 {cooloff_minutes()} 分钟后再试；忘记密码请联系管理员重置。"
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The answer to a login attempt while locked out: a Chinese page, status 429."""
    context = {"message": lockout_message(), "minutes": cooloff_minutes()}
    response = render(request, "registration/locked_out.html", context, status=LOCKED_OUT)
    response["Retry-After"] = str(cooloff_minutes() * 60)
    return response
