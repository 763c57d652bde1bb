"""管理页面 for jobs: to read, never to write (jobs change only through :mod:`jobs.store`)."""

from django.contrib import admin

from jixiao.web.declarations.admin import ReadOnly
from jixiao.web.jobs.models import Job, JobError


class JobErrorInline(ReadOnly, admin.TabularInline[JobError, Job]):
    model = JobError
    fields = ("position", "name", "reason")


@admin.register(Job)
class JobAdmin(ReadOnly, admin.ModelAdmin[Job]):
    list_display = ("title", "kind", "owner", "status", "done", "total", "failed", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "owner__username")
    exclude = ("params",)
    inlines = (JobErrorInline,)
