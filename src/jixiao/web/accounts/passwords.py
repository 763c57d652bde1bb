"""Password changes and administrator resets: the one write path for passwords, audited."""

from __future__ import annotations

import secrets

from axes.utils import reset as reset_lockouts
from django.contrib.auth.forms import PasswordChangeForm

from jixiao.web.accounts.models import User
from jixiao.web.declarations import store

#: Bytes of randomness in a temporary password (16 URL-safe characters).
TEMPORARY_BYTES = 12


def change(form: PasswordChangeForm) -> User:
    """Save a valid change form (old password checked, Django's rules met); audited."""
    user: User = form.save(commit=False)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    store.audit(user, None, "修改密码", f"用户 {user.username} 修改了自己的密码")
    return user


def reset(admin: User, user: User) -> str:
    """Give ``user`` a new random password (returned once) and lift any login lockout.

    The old password and every session signed in with it stop working at once (Django ties
    a session to the password hash); the user must set their own at the next login.
    """
    password = secrets.token_urlsafe(TEMPORARY_BYTES)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    reset_lockouts(username=user.username)
    store.audit(
        admin, None, "重置密码", f"管理员 {admin.username} 重置了用户 {user.username} 的密码"
    )
    return password


def set_by_admin(admin: User, user: User) -> None:
    """After Django's admin form set ``user``'s password: audited, login lockout lifted.

    The administrator knows that password, so the user must replace it at the next login.
    """
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    reset_lockouts(username=user.username)
    detail = f"管理员 {admin.username} 在系统管理中为用户 {user.username} 设置了新密码"
    store.audit(admin, None, "重置密码", detail)
