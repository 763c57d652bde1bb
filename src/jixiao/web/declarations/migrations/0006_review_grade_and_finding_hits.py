# ruff: noqa: RUF012 - Django migration
"""审核等级 and rule hits stored per declaration (统计), filled for the forms stored before.

The backfill reviews each stored form with the core's review under the default 审核规则配置
(historical models only; without the 指标库, so B605 is not counted until the form is next
saved).
"""

from collections import Counter
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

from jixiao.review.engine import review
from jixiao.web.declarations.codec import from_text

_FALLBACK_PROFILE = "yinchuan"


def _profile(apps: Any) -> tuple[str, list[str], list[str]]:
    chosen = apps.get_model("accounts", "PolicyProfile").objects.filter(is_default=True).first()
    if chosen is None:
        return _FALLBACK_PROFILE, [], []

    def split(text: str) -> list[str]:
        return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]

    return chosen.name, split(chosen.select), split(chosen.ignore)


def forwards(apps: Any, schema_editor: Any) -> None:
    declaration = apps.get_model("declarations", "Declaration")
    hit = apps.get_model("declarations", "FindingHit")
    profile, select, ignore = _profile(apps)
    for row in declaration.objects.only("pk", "content").iterator(chunk_size=500):
        report = review([from_text(row.content)], profile=profile, select=select, ignore=ignore)
        form = report.forms[0]
        counts = Counter(f.code for f in form.findings)
        declaration.objects.filter(pk=row.pk).update(review_grade=str(form.grade))
        hit.objects.bulk_create(
            hit(declaration_id=row.pk, code=code, count=n) for code, n in counts.items()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0005_archived_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="review_grade",
            field=models.CharField(
                blank=True, db_index=True, max_length=2, verbose_name="审核等级"
            ),
        ),
        migrations.CreateModel(
            name="FindingHit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=20, verbose_name="规则代码")),
                ("count", models.PositiveIntegerField(verbose_name="发现条数")),
                (
                    "declaration",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="finding_hits",
                        to="declarations.declaration",
                        verbose_name="申报表",
                    ),
                ),
            ],
            options={
                "verbose_name": "规则命中",
                "verbose_name_plural": "规则命中",
                "indexes": [models.Index(fields=["code"], name="finding_hit_code")],
                "constraints": [
                    models.UniqueConstraint(fields=("declaration", "code"), name="finding_hit_once")
                ],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
