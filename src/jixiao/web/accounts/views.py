"""修改密码 for every signed-in user; 重置密码 of any user by the 管理员."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from jixiao.web.accounts import passwords
from jixiao.web.accounts.models import AuthedRequest, User
from jixiao.workflow import Role


@never_cache
@login_required
def password_change(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's own password: old one, then the new one twice."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = passwords.change(form)
        update_session_auth_hash(request, user)  # stay signed in on this browser
        messages.success(request, "密码已修改，其他已登录的浏览器需要用新密码重新登录。")
        return redirect("declarations:list")
    return render(request, "accounts/password_change.html", {"form": form})


def _require_admin(user: User) -> None:
    if not (user.is_superuser or user.workflow_role is Role.ADMIN):
        raise PermissionDenied("只有管理员可以重置其他用户的密码")


@never_cache
@login_required
def password_reset(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """管理员 issues a temporary password for ``pk`` (shown once) after a confirmation."""
    _require_admin(request.user)
    user = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    context: dict[str, object] = {"target": user}
    if request.method == "POST":
        context["password"] = passwords.reset(request.user, user)
    return render(request, "accounts/password_reset.html", context)
