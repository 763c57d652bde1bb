# ruff: noqa: RUF012 - Django migration
"""Indexes for the list at 10⁵ forms, and the 三级指标 search text (docs/deployment.md).

Every backend gets the btree indexes of the list's sort orders. On PostgreSQL the search
fields also get pg_trgm GIN indexes on ``UPPER(column::text)`` — the expression Django's
``icontains`` compares — so ``LIKE '%…%'`` searches of 3 or more characters (Chinese too)
use the index; SQLite keeps scanning, which is fast at its sizes. ``indicator_text`` is
filled for the forms stored before.
"""

from typing import Any

from django.conf import settings
from django.db import migrations, models

from jixiao.web.declarations.codec import from_text, indicator_text

#: (index name, column) of the trigram indexes, PostgreSQL only
TRIGRAM = (
    ("declaration_name_trgm", "project_name"),
    ("declaration_department_trgm", "department_name"),
    ("declaration_implementer_trgm", "implementer_name"),
    ("declaration_indicator_trgm", "indicator_text"),
)


def fill(apps: Any, schema_editor: Any) -> None:
    declaration = apps.get_model("declarations", "Declaration")
    for row in declaration.objects.only("pk", "content").iterator(chunk_size=500):
        text = indicator_text(from_text(row.content))
        declaration.objects.filter(pk=row.pk).update(indicator_text=text)


def trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("declarations", "Declaration")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TRIGRAM:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_must_change_password"),
        ("declarations", "0006_review_grade_and_finding_hits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="indicator_text",
            field=models.TextField(blank=True, editable=False, verbose_name="三级指标（检索用）"),
        ),
        migrations.AddIndex(
            model_name="declaration",
            index=models.Index(fields=["-updated_at"], name="declaration_updated"),
        ),
        migrations.AddIndex(
            model_name="declaration",
            index=models.Index(fields=["-annual_total_fen"], name="declaration_total"),
        ),
        migrations.AddIndex(
            model_name="declaration",
            index=models.Index(fields=["department_name"], name="declaration_department"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram, drop_trigram),
    ]
