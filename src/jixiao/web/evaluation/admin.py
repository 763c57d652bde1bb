"""管理页面 for self-evaluations: to read, never to write (rounds, forms and events change
only through the pages and :mod:`jixiao.web.evaluation.store`)."""

from django.contrib import admin

from jixiao.web.declarations.admin import ReadOnly
from jixiao.web.evaluation.models import EvaluationEvent, EvaluationRecord, EvaluationRound


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnly, admin.ModelAdmin[EvaluationRound]):
    list_display = ("__str__", "year", "deadline", "opened_by", "opened_at")


@admin.register(EvaluationRecord)
class EvaluationRecordAdmin(ReadOnly, admin.ModelAdmin[EvaluationRecord]):
    list_display = ("project_name", "round", "organisation", "status", "points", "grade")
    list_filter = ("status", "grade")
    search_fields = ("project_name",)
    exclude = ("content",)

    @admin.display(description="总分")
    def points(self, record: EvaluationRecord) -> str:
        return str(record.total)


@admin.register(EvaluationEvent)
class EvaluationEventAdmin(ReadOnly, admin.ModelAdmin[EvaluationEvent]):
    list_display = ("record", "actor", "action", "source", "target", "points", "at")

    @admin.display(description="当时总分")
    def points(self, event: EvaluationEvent) -> str:
        return str(event.total)
