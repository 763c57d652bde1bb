"""A user whose password an administrator issued must set their own before anything else.

Every page (the admin's too) redirects to 修改密码 until they do; the password page itself,
signing out and static files stay reachable. API tokens are separate credentials and are not
affected.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

NOTICE = "您的密码由管理员设置，请先设置自己的新密码，然后才能继续使用系统。"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if getattr(user, "must_change_password", False) and not _exempt(request.path):
            messages.warning(request, NOTICE)
            return redirect("accounts:password_change")
        return self.get_response(request)


def _exempt(path: str) -> bool:
    allowed = (reverse("accounts:password_change"), reverse("logout"), "/static/", "/api/")
    return path.startswith(allowed) or path == reverse("healthz")
