from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jixiao.web.accounts.models import ApiToken, BudgetYear, Organisation, PolicyProfile, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    list_display = ("username", "last_name", "first_name", "organisation", "role", "is_active")
    list_filter = ("role", "organisation", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("机构与角色", {"fields": ("organisation", "role")}))
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("机构与角色", {"fields": ("organisation", "role")}),
    )


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_open")


@admin.register(PolicyProfile)
class PolicyProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "is_default", "select", "ignore")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created")
    readonly_fields = ("digest",)
