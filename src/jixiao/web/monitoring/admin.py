"""管理页面 for monitoring: to read, never to write (rounds, reports and transitions change
only through the pages and :mod:`jixiao.web.monitoring.store`)."""

from django.contrib import admin

from jixiao.web.declarations.admin import ReadOnly
from jixiao.web.monitoring.models import (
    MonitoringReportRecord,
    MonitoringRound,
    MonitoringTransitionRecord,
)


@admin.register(MonitoringRound)
class MonitoringRoundAdmin(ReadOnly, admin.ModelAdmin[MonitoringRound]):
    list_display = ("__str__", "year", "month", "deadline", "opened_by", "opened_at")
    list_filter = ("year",)


@admin.register(MonitoringReportRecord)
class MonitoringReportAdmin(ReadOnly, admin.ModelAdmin[MonitoringReportRecord]):
    list_display = ("project_name", "round", "organisation", "status", "overall_light", "follow_up")
    list_filter = ("status", "overall_light", "follow_up")
    search_fields = ("project_name",)
    exclude = ("content",)


@admin.register(MonitoringTransitionRecord)
class MonitoringTransitionAdmin(ReadOnly, admin.ModelAdmin[MonitoringTransitionRecord]):
    list_display = ("report", "actor", "action", "source", "target", "follow_up", "created_at")
