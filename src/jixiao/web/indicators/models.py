"""The 指标库 in the database: one row per entry, curated or learnt from approved forms.

A row holds what :class:`jixiao.library.Entry` holds; aliases, sources and value statistics
are JSON (statistics with decimal strings, never floats). Learnt rows are replaced whenever
the library is learnt again; a curator's edit in the admin makes a row 人工 (curated), and
curated rows are never replaced — they win over learnt ones. Fields that hold a form's
column or header field are named by the form catalogue's label; the library's own columns
(计量单位, 参考值, 评分标准 …, lifecycle.md §3.2) keep the library's names.
"""

from __future__ import annotations

from django.db import models

from jixiao.library import EntryStatus, Origin, ReferenceBasis
from jixiao.model.catalogue import ColumnRole, FieldKey, spec
from jixiao.values import Direction
from jixiao.web.choices import text_choices

OriginChoice = text_choices("OriginChoice", Origin)
StatusChoice = text_choices("StatusChoice", EntryStatus)
BasisChoice = text_choices("BasisChoice", ReferenceBasis)
DirectionChoice = text_choices("DirectionChoice", Direction)


class LibraryEntry(models.Model):
    """一个指标库条目."""

    key = models.CharField("编号", max_length=400, unique=True)
    level1 = models.CharField(ColumnRole.LEVEL1.value, max_length=50)
    level2 = models.CharField(ColumnRole.LEVEL2.value, max_length=50, db_index=True)
    name = models.CharField(ColumnRole.NAME.value, max_length=300, db_index=True)
    sector = models.CharField("行业", max_length=100, blank=True)
    domain = models.CharField("领域", max_length=100, blank=True)
    fund_use = models.CharField(spec(FieldKey.PURPOSE).label, max_length=100, blank=True)
    explanation = models.TextField(ColumnRole.DESCRIPTION.value, blank=True)
    unit = models.CharField("计量单位", max_length=50, blank=True)
    direction = models.CharField(
        "指标方向", max_length=10, choices=DirectionChoice.choices, blank=True
    )
    reference = models.CharField("参考值", max_length=200, blank=True)
    basis = models.CharField("参考值依据", max_length=10, choices=BasisChoice.choices, blank=True)
    scoring = models.TextField("评分标准", blank=True)
    origin = models.CharField(
        "类型",
        max_length=10,
        choices=OriginChoice.choices,
        default=Origin.LEARNT.value,
        db_index=True,
    )
    status = models.CharField(
        "状态", max_length=10, choices=StatusChoice.choices, default=EntryStatus.ACTIVE.value
    )
    note = models.TextField(ColumnRole.REMARK.value, blank=True)
    aliases = models.JSONField("别名", default=list, blank=True)
    sources = models.JSONField("来源", default=list, blank=True)
    stats = models.JSONField("取值统计", default=list, blank=True)
    qualitative = models.JSONField("定性取值", default=list, blank=True)
    form_count = models.PositiveIntegerField("申报表数", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "指标库条目"
        verbose_name_plural = "指标库条目"
        ordering = ("level2", "-form_count", "name")

    def __str__(self) -> str:
        return f"{self.level2} / {self.name}"


class LibraryProject(models.Model):
    """A form the library learnt from: its name and type, for matching new projects to it."""

    source = models.CharField("来源", max_length=400)
    name = models.CharField(spec(FieldKey.PROJECT_NAME).label, max_length=300)
    year = models.PositiveIntegerField(spec(FieldKey.YEAR).label, null=True, blank=True)
    attribute = models.CharField(spec(FieldKey.ATTRIBUTE).label, max_length=50, blank=True)
    fund_use = models.CharField("项目类型", max_length=100, blank=True)
    entry_keys = models.JSONField("指标编号", default=list)

    class Meta:
        verbose_name = "学习来源项目"
        verbose_name_plural = "学习来源项目"
        ordering = ("-year", "name")

    def __str__(self) -> str:
        return self.name
