# ruff: noqa: RUF012 - Django migration
"""审核发现条数 on each declaration, a partial index of the working list, narrow rows.

``finding_count`` is the sum of the form's FindingHit counts (filled from those rows), so the
统计 page sums it per 主管部门 without joining the hits table. ``declaration_listed`` indexes
the rows the list shows (not archived, not discarded) by ``updated_at``: the list's count and
first page read only it. On PostgreSQL the table's ``toast_tuple_target`` is 512 bytes, so
``content`` and ``indicator_text`` are kept out of line and a scan of the table (the 统计
GROUP BY) reads ~⅓ of the pages (bench/scale_bench.py, docs/deployment.md). 128 bytes was
tried: it moves the names out of line too, and grouping by 主管部门 got 9 × slower.
"""

from typing import Any

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill(apps: Any, schema_editor: Any) -> None:
    declaration = apps.get_model("declarations", "Declaration")
    hit = apps.get_model("declarations", "FindingHit")
    per_form = (
        hit.objects.filter(declaration=OuterRef("pk"))
        .values("declaration")
        .annotate(total=Sum("count"))
        .values("total")
    )
    declaration.objects.update(finding_count=Coalesce(Subquery(per_form), 0))


#: bytes; a row of names and numbers fits, the JSON and the indicator text do not
TOAST_TARGET = 512


def _toast_target(apps: Any, schema_editor: Any, target: int) -> None:
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("declarations", "Declaration")._meta.db_table
        schema_editor.execute(f'ALTER TABLE "{table}" SET (toast_tuple_target = {target})')


def narrow(apps: Any, schema_editor: Any) -> None:
    _toast_target(apps, schema_editor, TOAST_TARGET)


def default_width(apps: Any, schema_editor: Any) -> None:
    _toast_target(apps, schema_editor, 2032)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_must_change_password"),
        ("declarations", "0007_list_indexes_and_indicator_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="finding_count",
            field=models.PositiveIntegerField(default=0, verbose_name="审核发现条数"),
        ),
        migrations.AddIndex(
            model_name="declaration",
            index=models.Index(
                condition=models.Q(
                    ("archived_at", None),
                    models.Q(("status", "已作废"), _negated=True),
                ),
                fields=["-updated_at"],
                name="declaration_listed",
            ),
        ),
        migrations.RunPython(narrow, default_width),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
