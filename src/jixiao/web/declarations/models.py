"""Stored declarations: canonical JSON of the core model plus exact money columns.

Money columns hold integer 分 (1 万元 = 1 000 000 分), so 0.000001 万元 is stored exactly on
every database; the canonical JSON keeps the declared decimal text. ``revision`` is the
optimistic lock: every save must name the revision it started from.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.web.accounts.models import Organisation
from jixiao.web.choices import text_choices
from jixiao.web.declarations.codec import from_fen
from jixiao.workflow import Action, Status

# The functional API with a list of pairs; django-stubs only types its str forms.
StatusChoice = text_choices("StatusChoice", Status)
ActionChoice = text_choices("ActionChoice", Action)


class Declaration(models.Model):
    """One 申报表 as it stands now."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="填报单位",
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    year = models.PositiveIntegerField("年度", null=True, blank=True, db_index=True)
    project_name = models.CharField("项目名称", max_length=300, db_index=True)
    department_name = models.CharField("主管部门", max_length=200, blank=True)
    implementer_name = models.CharField("实施单位", max_length=200, blank=True)
    attribute = models.CharField("项目属性", max_length=50, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=StatusChoice.choices, default=Status.DRAFT, db_index=True
    )
    revision = models.PositiveIntegerField("修订号", default=1)
    content = models.TextField("内容（规范 JSON）")
    #: 审核等级 (优/良/中/差) of the automatic review of ``content``, written with it by ``store``
    review_grade = models.CharField("审核等级", max_length=2, blank=True, db_index=True)
    #: how many findings that review produced (the sum of this form's FindingHit counts)
    finding_count = models.PositiveIntegerField("审核发现条数", default=0)
    #: the 审核规则配置 fingerprint those were computed under (``hits.fingerprint``); another
    #: than the active one means the summary is stale and the 审核摘要重算 job redoes it
    review_config = models.CharField("审核摘要所依配置", max_length=16, blank=True, editable=False)
    #: 三级指标 names and values, one per line, for the list's search (trigram-indexed on
    #: PostgreSQL, migration 0007); written with ``content`` by ``store``
    indicator_text = models.TextField("三级指标（检索用）", blank=True, editable=False)
    annual_total_fen = models.BigIntegerField("年度资金总额（分）", null=True, blank=True)
    fiscal_fen = models.BigIntegerField("财政拨款（分）", null=True, blank=True)
    other_fen = models.BigIntegerField("其他资金（分）", null=True, blank=True)
    previous = models.ForeignKey(
        "self", verbose_name="上年申报表", null=True, blank=True, on_delete=models.SET_NULL
    )
    import_digest = models.CharField(
        "导入内容摘要", max_length=32, blank=True, db_index=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    #: 归档: set once by the 管理员 on a form whose workflow has ended (never deleted)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "申报表"
        verbose_name_plural = "申报表"
        ordering = ("-updated_at",)
        #: the list's sort orders (bench/scale_bench.py); trigram indexes in migration 0007
        indexes = (
            models.Index(fields=("-updated_at",), name="declaration_updated"),
            #: the working list (not archived, not discarded): its count and first page
            models.Index(
                fields=("-updated_at",),
                name="declaration_listed",
                condition=models.Q(archived_at=None) & ~models.Q(status=Status.DISCARDED.value),
            ),
            #: the same forms' keys alone: the 统计 page's IN (those forms) for the rule hits,
            #: monitoring lights and self-evaluation scores reads them without the table
            models.Index(
                fields=("id",),
                name="declaration_listed_id",
                condition=models.Q(archived_at=None) & ~models.Q(status=Status.DISCARDED.value),
            ),
            models.Index(fields=("-annual_total_fen",), name="declaration_total"),
            models.Index(fields=("department_name",), name="declaration_department"),
        )

    def __str__(self) -> str:
        return f"{self.year or ''} {self.project_name}"

    @property
    def workflow_status(self) -> Status:
        return Status(self.status)

    @property
    def annual_total_wan(self) -> Decimal | None:
        """年度资金总额 in 万元, exact."""
        return from_fen(self.annual_total_fen)


class Version(models.Model):
    """A kept version: created on import, on creation and on every submission."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    declaration = models.ForeignKey(
        Declaration, verbose_name="申报表", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    revision = models.PositiveIntegerField("修订号")
    reason = models.CharField("原因", max_length=50)
    content = models.TextField("内容（规范 JSON）")
    annual_total_fen = models.BigIntegerField("年度资金总额（分）", null=True, blank=True)
    fiscal_fen = models.BigIntegerField("财政拨款（分）", null=True, blank=True)
    other_fen = models.BigIntegerField("其他资金（分）", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=("declaration", "number"), name="version_number_once"),
        )

    def __str__(self) -> str:
        return f"第{self.number}版（{self.reason}）"


class Transition(models.Model):
    """One status change: who, when, from, to, by which action, with which comment."""

    declaration = models.ForeignKey(
        Declaration, verbose_name="申报表", on_delete=models.PROTECT, related_name="transitions"
    )
    action = models.CharField("操作", max_length=20, choices=ActionChoice.choices)
    source = models.CharField("原状态", max_length=20, choices=StatusChoice.choices)
    target = models.CharField("新状态", max_length=20, choices=StatusChoice.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField("角色", max_length=20)
    comment = models.TextField("意见", blank=True)
    #: The kept version the action acted on (for 提交 the version it created).
    version = models.ForeignKey(
        Version, verbose_name="所依据的版本", null=True, blank=True, on_delete=models.PROTECT
    )
    revision = models.PositiveIntegerField("所依据的修订号", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.source} →（{self.action}）→ {self.target}"


class AuditEntry(models.Model):
    """审计日志: every write that is not a status change (save, import, note, download)."""

    declaration = models.ForeignKey(
        Declaration,
        verbose_name="申报表",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.CharField("事件", max_length=30)
    detail = models.TextField("详情", blank=True)
    #: For 保存: the field-level changes, [{"label", "kind", "old", "new"}, …]
    changes = models.JSONField("修改内容", default=list, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.event}: {self.detail[:40]}"


class NoteKind(models.TextChoices):
    EXPLANATION = "说明", "填报说明"
    OPINION = "审核意见", "审核意见"


class Disposition(models.TextChoices):
    ACCEPTED = "采纳", "采纳"
    EDITED = "修改后采纳", "修改后采纳"
    WAIVED = "豁免", "豁免"
    EXPLAINED = "已说明", "已说明"


class Note(models.Model):
    """A note on one finding: the filer's explanation or the reviewer's 审核意见 / waiver."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    declaration = models.ForeignKey(
        Declaration, verbose_name="申报表", on_delete=models.CASCADE, related_name="notes"
    )
    revision = models.PositiveIntegerField("修订号")
    kind = models.CharField("类别", max_length=10, choices=NoteKind.choices)
    disposition = models.CharField("处理", max_length=10, choices=Disposition.choices)
    finding_key = models.CharField("发现标识", max_length=200)
    finding_code = models.CharField("规则代码", max_length=20, blank=True)
    finding_message = models.TextField("自动审核发现", blank=True)
    text = models.TextField("内容", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作者",
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ("at",)

    def __str__(self) -> str:
        return f"{self.kind}（{self.disposition}）: {self.text[:40]}"


class FindingHit(models.Model):
    """How often one rule code hits a declaration's current content (统计 of rule hits).

    Written by ``store`` on every create, save and transition (the one write path), so the
    统计 page counts hits with one GROUP BY instead of reviewing every form on each load.
    """

    declaration = models.ForeignKey(
        Declaration, verbose_name="申报表", on_delete=models.CASCADE, related_name="finding_hits"
    )
    code = models.CharField("规则代码", max_length=20)
    count = models.PositiveIntegerField("发现条数")

    class Meta:
        verbose_name = "规则命中"
        verbose_name_plural = "规则命中"
        constraints = (
            models.UniqueConstraint(fields=("declaration", "code"), name="finding_hit_once"),
        )
        indexes = (models.Index(fields=("code",), name="finding_hit_code"),)

    def __str__(self) -> str:
        return f"{self.code} × {self.count}"
