"""Stored monitoring rounds, reports (canonical JSON of the core model) and transitions.

A round is opened by the 财政局 for a budget year and cut-off month with a deadline; each
approved declaration gets one report. The report's lights are stored beside its content
for the dashboard; transitions are append-only (no update, no delete).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import models

from jixiao.monitoring.vocab import Light
from jixiao.monitoring.workflow import FollowUp, ReportAction, ReportStatus
from jixiao.web.accounts.models import Organisation
from jixiao.web.choices import text_choices
from jixiao.web.declarations.models import Declaration

StatusChoice = text_choices("StatusChoice", ReportStatus)
LightChoice = text_choices("LightChoice", Light)
FollowUpChoice = text_choices("FollowUpChoice", FollowUp)
ActionChoice = text_choices("ActionChoice", ReportAction)


class MonitoringRound(models.Model):
    """监控轮次: a budget year, a cut-off month and a deadline."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveIntegerField("预算年度", db_index=True)
    month = models.PositiveSmallIntegerField("截止月份")
    deadline = models.DateField("填报截止日期")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("发起时间", auto_now_add=True)

    class Meta:
        verbose_name = "监控轮次"
        verbose_name_plural = "监控轮次"
        ordering = ("-opened_at",)

    def __str__(self) -> str:
        return f"{self.year}年 1–{self.month}月"

    def is_closed(self, today: datetime.date) -> bool:
        """The round closes after its deadline."""
        return today > self.deadline


class MonitoringReportRecord(models.Model):
    """One project's 监控表 in one round."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        MonitoringRound, verbose_name="监控轮次", on_delete=models.PROTECT, related_name="reports"
    )
    declaration = models.ForeignKey(
        Declaration, verbose_name="批复的申报表", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.PROTECT, related_name="+"
    )
    project_name = models.CharField("项目名称", max_length=300)
    status = models.CharField(
        "状态", max_length=20, choices=StatusChoice.choices, default=ReportStatus.TO_FILL.value
    )
    content = models.TextField("内容（规范 JSON）")
    overall_light = models.CharField("项目预警", max_length=10, choices=LightChoice.choices)
    target_light = models.CharField("指标预警", max_length=10, choices=LightChoice.choices)
    budget_light = models.CharField("预算执行预警", max_length=10, choices=LightChoice.choices)
    follow_up = models.CharField(
        "处理意见", max_length=10, choices=FollowUpChoice.choices, blank=True
    )
    follow_up_comment = models.TextField("处理说明", blank=True)
    #: [[指标或预算执行, 偏差原因, 纠偏措施], …] of the red lights, computed on every save
    red_lights = models.JSONField("红灯及原因", default=list, blank=True)
    adjustment = models.ForeignKey(
        Declaration,
        verbose_name="调整目标后的新版本申报表",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.PositiveIntegerField("修订号", default=1)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "监控表"
        verbose_name_plural = "监控表"
        ordering = ("project_name",)
        constraints = (
            models.UniqueConstraint(fields=("round", "declaration"), name="one_report_per_round"),
        )

    def __str__(self) -> str:
        return f"{self.round} {self.project_name}"

    @property
    def workflow_status(self) -> ReportStatus:
        return ReportStatus(self.status)


class MonitoringTransitionRecord(models.Model):
    """One step of a report's workflow; written once, never changed."""

    report = models.ForeignKey(
        MonitoringReportRecord,
        verbose_name="监控表",
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=20, choices=ActionChoice.choices)
    source = models.CharField("原状态", max_length=20, choices=StatusChoice.choices)
    target = models.CharField("新状态", max_length=20, choices=StatusChoice.choices)
    comment = models.TextField("意见", blank=True)
    follow_up = models.CharField(
        "处理意见", max_length=10, choices=FollowUpChoice.choices, blank=True
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "监控表流转记录"
        verbose_name_plural = "监控表流转记录"
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.action}：{self.source} → {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("流转记录只能新增，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("流转记录不能删除")
