"""Self-evaluation rounds and their forms: canonical JSON of the core model plus the score.

Points are stored as integer hundredths (98.62 分 → 9862), exact on every database.
Events are append-only: a saved event is never changed or deleted.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.evaluation.workflow import EvaluationAction, EvaluationStatus
from jixiao.web.accounts.models import Organisation
from jixiao.web.choices import text_choices
from jixiao.web.declarations.models import Declaration

StatusChoice = text_choices("StatusChoice", EvaluationStatus)
ActionChoice = text_choices("ActionChoice", EvaluationAction)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class EvaluationRound(models.Model):
    """A 绩效自评 round the 财政局 opens for one budget year, with a deadline."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveIntegerField("年度", unique=True)
    deadline = models.DateField("截止日期")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="开启人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("开启时间", auto_now_add=True)

    class Meta:
        verbose_name = "自评轮次"
        verbose_name_plural = "自评轮次"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年度绩效自评"


class EvaluationRecord(models.Model):
    """One 项目支出绩效自评表 of one approved declaration."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        EvaluationRound, verbose_name="自评轮次", on_delete=models.PROTECT, related_name="records"
    )
    declaration = models.ForeignKey(
        Declaration, verbose_name="申报表", on_delete=models.PROTECT, related_name="evaluations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.PROTECT, related_name="+"
    )
    project_name = models.CharField("项目名称", max_length=300)
    status = models.CharField(
        "状态", max_length=20, choices=StatusChoice.choices, default=EvaluationStatus.FILLING
    )
    revision = models.PositiveIntegerField("修订号", default=1)
    content = models.TextField("内容（规范 JSON）")
    total_hundredths = models.IntegerField("总分（百分之一分）")
    grade = models.CharField("等级", max_length=2)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "绩效自评表"
        verbose_name_plural = "绩效自评表"
        ordering = ("project_name",)
        constraints = (
            models.UniqueConstraint(
                fields=("round", "declaration"), name="one_evaluation_per_round"
            ),
        )

    def __str__(self) -> str:
        return f"{self.round.year} {self.project_name}"

    @property
    def workflow_status(self) -> EvaluationStatus:
        return EvaluationStatus(self.status)

    @property
    def total(self) -> Decimal:
        return (Decimal(self.total_hundredths) / HUNDRED).quantize(CENT)


class AppendOnlyError(RuntimeError):
    """An event row may not be changed or deleted."""


class EvaluationEvent(models.Model):
    """Who did what to a self-evaluation, when (append-only)."""

    record = models.ForeignKey(
        EvaluationRecord, verbose_name="自评表", on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=20, choices=ActionChoice.choices)
    source = models.CharField("原状态", max_length=20)
    target = models.CharField("新状态", max_length=20)
    total_hundredths = models.IntegerField("当时总分（百分之一分）")
    note = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "自评操作记录"
        verbose_name_plural = "自评操作记录"
        ordering = ("at", "pk")

    @property
    def total(self) -> Decimal:
        return (Decimal(self.total_hundredths) / HUNDRED).quantize(CENT)

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("自评操作记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("自评操作记录不可删除")
