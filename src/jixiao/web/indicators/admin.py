"""指标库 in the admin: curators rename, annotate, retire and merge entries, and learn again.

An entry a curator saves becomes 人工 (curated): learning again never replaces it and its
texts win over what forms taught. Merging folds the selected entries into the one declared
by the most forms (names become aliases, sources and statistics are kept), through the
core's :func:`jixiao.library.curate.merge`. Every change lands in Django's admin log.
Learning again is the 指标库 page's 重新学习 button (管理员).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from jixiao.library import Origin
from jixiao.library.names import normalise
from jixiao.web.indicators import service
from jixiao.web.indicators.models import LibraryEntry, LibraryProject

READ_ONLY = ("key", "aliases", "sources", "stats", "qualitative", "form_count", "updated_at")


@admin.register(LibraryEntry)
class LibraryEntryAdmin(admin.ModelAdmin):
    list_display = ("name", "level2", "unit", "form_count", "origin", "status")
    list_filter = ("origin", "status", "level1", "level2")
    search_fields = ("name", "explanation", "key")
    readonly_fields = READ_ONLY
    actions = ("retire_entries", "merge_entries")

    def save_model(self, request: HttpRequest, obj: LibraryEntry, form: Any, change: bool) -> None:
        obj.origin = Origin.CURATED
        if change and "name" in form.changed_data:  # a rename: forms still find the old name
            old = form.initial.get("name", "")
            obj.aliases = [a for a in dict.fromkeys([*obj.aliases, old]) if a and a != obj.name]
        if not obj.key:
            obj.key = f"{obj.level2}/{normalise(obj.name)}"
        super().save_model(request, obj, form, change)
        service.forget()

    @admin.action(description="停用所选条目（保留，不再推荐）")
    def retire_entries(self, request: HttpRequest, queryset: QuerySet[LibraryEntry]) -> None:
        count = service.retire(queryset)
        self.message_user(request, f"已停用{count}个条目。")

    @admin.action(description="合并所选条目（并入申报表数最多的一个）")
    def merge_entries(self, request: HttpRequest, queryset: QuerySet[LibraryEntry]) -> None:
        rows = list(queryset.order_by("-form_count", "key"))
        if len(rows) < 2:
            self.message_user(request, "请至少选择两个条目再合并。", messages.WARNING)
            return
        target = service.merge_into_first(rows)
        self.message_user(request, f"已将{len(rows) - 1}个条目并入“{target.name}”。")


@admin.register(LibraryProject)
class LibraryProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "fund_use", "source")
    list_filter = ("fund_use", "year")
    search_fields = ("name",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
