"""后台任务 (Job): what was asked, by whom, how far it got, what failed and why, its result.

Inputs and results are kept in the database (:class:`JobFile`), so a worker on any machine
can read the upload and any web node can serve the result: no shared file system is needed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from jixiao.web.accounts.models import Organisation


class JobKind(models.TextChoices):
    IMPORT = "批量导入"
    BUNDLE = "批量打包"
    EXPORT = "数据导出"
    LEARN = "指标库学习"
    RESUMMARISE = "审核摘要重算"


class JobStatus(models.TextChoices):
    QUEUED = "排队"
    RUNNING = "运行中"
    DONE = "已完成"
    FAILED = "已失败"
    CANCELLED = "已取消"
    #: Its worker stopped answering (no heartbeat): what it did stays; an import can go on.
    INTERRUPTED = "已中断"

    @property
    def is_final(self) -> bool:
        return self is not JobStatus.QUEUED and self is not JobStatus.RUNNING


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("类型", max_length=10, choices=JobKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField("名称", max_length=200)
    params = models.JSONField("参数", default=dict, blank=True)
    status = models.CharField(
        "状态", max_length=5, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    failed = models.PositiveIntegerField("失败数", default=0)
    summary = models.TextField("结果摘要", blank=True)
    cancel_requested = models.BooleanField("已请求取消", default=False)
    #: A large import runs as several parts on as many workers; the last part to end ends it.
    parts_left = models.PositiveIntegerField("未完成的部分", default=0)
    created = models.PositiveIntegerField("新建份数", default=0)
    existing = models.PositiveIntegerField("此前已导入份数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    #: Written with every progress write; a 运行中 job whose heartbeat is older than
    #: ``JIXIAO_JOB_HEARTBEAT_SECONDS`` has lost its worker (:func:`jobs.store.recover`).
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ("-created_at",)
        indexes = (models.Index(fields=["owner", "-created_at"]),)

    def __str__(self) -> str:
        return f"{self.kind}：{self.title}"

    @property
    def job_status(self) -> JobStatus:
        return JobStatus(self.status)

    @property
    def percent(self) -> int:
        """Progress in whole percent (100 once finished with nothing to do)."""
        if not self.total:
            return 100 if self.job_status.is_final else 0
        return min(100, self.done * 100 // self.total)


class JobError(models.Model):
    """One file (or form) the job could not process, and why (Chinese)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="errors")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("文件", max_length=300)
    reason = models.TextField("原因")

    class Meta:
        verbose_name = "任务错误"
        verbose_name_plural = "任务错误"
        ordering = ("position",)


class FileRole(models.TextChoices):
    INPUT = "输入"
    RESULT = "结果"


class JobFile(models.Model):
    """An uploaded input or the produced result of a job, kept in the database."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField("用途", max_length=2, choices=FileRole.choices)
    name = models.CharField("文件名", max_length=300)
    content_type = models.CharField("类型", max_length=120, blank=True)
    size = models.PositiveBigIntegerField("大小")
    content = models.BinaryField("内容")

    class Meta:
        verbose_name = "任务文件"
        verbose_name_plural = "任务文件"
        ordering = ("id",)
