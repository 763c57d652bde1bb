from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "机构与用户"
    default = True  # this module also holds LoginThrottleConfig


class LoginThrottleConfig(AxesConfig):  # type: ignore[misc]  # axes is untyped
    """django-axes (login throttling) under a Chinese name in the admin."""

    default = False
    verbose_name = "登录限制"
