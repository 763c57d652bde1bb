from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
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
    list_display = ("name", "is_default", "select", "ignore")


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
