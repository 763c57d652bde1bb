"""管理页面 for declarations and their history: to read, never to write.

A declaration changes only through the workflow (editor, submission, review decisions), each
change with its audit or transition row; so the admin neither adds, edits nor deletes a
declaration, a version, a transition, an audit row or a note. The audit tables are
append-only in the database too (:mod:`jixiao.web.declarations.appendonly`).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jixiao.web.declarations.models import AuditEntry, Declaration, Note, Transition, Version


class ReadOnly:
    """No add, change or delete for anyone, the superuser included; viewing stays."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ("at", "actor", "role", "source", "action", "target", "version", "comment")
    readonly_fields = fields


class VersionInline(ReadOnlyInline):
    model = Version
    fields = ("number", "reason", "revision", "created_by", "created_at")
    readonly_fields = fields


@admin.register(Declaration)
class DeclarationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("project_name", "year", "organisation", "status", "revision", "updated_at")
    list_filter = ("status", "year", "organisation")
    search_fields = ("project_name", "department_name", "implementer_name")
    inlines = (VersionInline, TransitionInline)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "actor", "event", "declaration", "detail")
    list_filter = ("event",)
    search_fields = ("detail",)


@admin.register(Transition)
class TransitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "actor", "role", "declaration", "source", "action", "target")
    list_filter = ("action", "target")


@admin.register(Note)
class NoteAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "author", "kind", "disposition", "finding_code", "declaration")
    list_filter = ("kind", "disposition")
