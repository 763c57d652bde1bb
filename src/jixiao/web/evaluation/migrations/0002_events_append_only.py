# ruff: noqa: RUF012 - a migration
"""Self-evaluation events are append-only in the database too (UPDATE/DELETE refused)."""

from django.db import migrations

from jixiao.web.declarations.appendonly import VendorSQL

TABLES = ("evaluation_evaluationevent",)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_self_evaluation_rounds"),
        ("declarations", "0003_append_only_history_and_save_changes"),
    ]

    operations = [VendorSQL(TABLES)]
