from django.contrib import admin

from jixiao.web.declarations.models import AuditEntry, Declaration, Note, Transition, Version


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ("at", "actor", "role", "source", "action", "target", "comment")
    readonly_fields = fields


class VersionInline(ReadOnlyInline):
    model = Version
    fields = ("number", "reason", "revision", "created_by", "created_at")
    readonly_fields = fields


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ("project_name", "year", "organisation", "status", "revision", "updated_at")
    list_filter = ("status", "year", "organisation")
    search_fields = ("project_name", "department_name", "implementer_name")
    readonly_fields = ("status", "revision", "content", "created_by")
    inlines = (VersionInline, TransitionInline)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "event", "declaration", "detail")
    list_filter = ("event",)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("at", "author", "kind", "disposition", "finding_code", "declaration")
    list_filter = ("kind", "disposition")
