from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from jixiao.web.accounts import passwords
from jixiao.web.accounts.models import (
    ApiToken,
    BudgetYear,
    LoginFailures,
    LoginRecord,
    Organisation,
    PolicyProfile,
    User,
)
from jixiao.web.declarations import ruleconfig

admin.site.unregister(Group)  # roles, not groups, decide access


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    list_display = (
        *("username", "last_name", "first_name", "organisation", "role", "is_active"),
        "reset_password",
    )
    list_filter = ("role", "organisation", "is_active")
    #: Access comes from the role (workflow.can), never from Django groups or permissions,
    #: so those pickers (with Django's English permission names) are not offered.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("last_name", "first_name", "email")}),
        ("机构与角色", {"fields": ("organisation", "role")}),
        ("状态", {"fields": ("is_active", "must_change_password", "is_staff", "is_superuser")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("机构与角色", {"fields": ("organisation", "role")}),
    )

    def user_change_password(  # type: ignore[no-untyped-def]
        self, request, id, form_url=""
    ):
        """Django's own 设置密码 form, audited like the reset page."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            passwords.set_by_admin(request.user, User.objects.get(pk=unquote(id)))
        return response

    @admin.display(description="密码")
    def reset_password(self, obj: User) -> str:
        """A link to the audited reset page (a temporary password, shown once)."""
        url = reverse("accounts:password_reset", args=[obj.pk])
        return format_html('<a href="{}">重置密码</a>', url)


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_open")


@admin.register(PolicyProfile)
class PolicyProfileAdmin(admin.ModelAdmin):
    """审核规则配置: every change is audited and queues the recompute of stale summaries."""

    list_display = ("name", "is_default", "select", "ignore")
    actions = ("delete_selected", "resummarise")

    def _changed(self, request: HttpRequest, before: ruleconfig.Active, what: str) -> None:
        assert isinstance(request.user, User)
        job = ruleconfig.changed(request.user, before, what)
        if job is not None:
            url = reverse("jobs:detail", args=[job.pk])
            text = '已存的审核摘要按新配置在后台重算：<a href="{}">查看进度</a>'
            messages.info(request, format_html(text, url))

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """Save; one default at a time (the one saved wins); audit and recompute."""
        before = ruleconfig.active()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if obj.is_default:
                others = PolicyProfile.objects.exclude(pk=obj.pk).filter(is_default=True)
                others.update(is_default=False)
            self._changed(request, before, f"{'修改' if change else '新建'}配置“{obj.name}”")

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        before = ruleconfig.active()
        with transaction.atomic():
            super().delete_model(request, obj)
            self._changed(request, before, f"删除配置“{obj.name}”")

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        before = ruleconfig.active()
        names = "、".join(queryset.values_list("name", flat=True))
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            self._changed(request, before, f"删除配置“{names}”")

    @admin.action(description="按当前配置重算过期的审核摘要")
    def resummarise(self, request, queryset):  # type: ignore[no-untyped-def]
        """For summaries stale without a change here (a deploy changed the policy data)."""
        self._changed(request, ruleconfig.active(), "重算过期的审核摘要")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created")
    fields = ("user", "name")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """A new token gets a fresh key, shown once; only its digest is stored."""
        if not change:
            key = obj.new_key()
            messages.success(request, f"令牌已创建，请立即复制（只显示这一次）：{key}")
        super().save_model(request, obj, form, change)


@admin.register(LoginFailures)
class LoginFailuresAdmin(AccessAttemptAdmin):  # type: ignore[misc]  # axes is untyped
    """Failed logins per 用户名 + 地址; deleting a row lifts that lockout at once."""

    actions = ("delete_selected",)

    @admin.display(description="状态")
    def status(self, obj: LoginFailures) -> str:
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return f"还可尝试 {left} 次" if left > 0 else "已锁定"


@admin.register(LoginRecord)
class LoginRecordAdmin(AccessLogAdmin):  # type: ignore[misc]  # axes is untyped
    """Successful logins (and their logout time)."""
