# ruff: noqa: RUF012 - a migration
"""Monitoring transition rows are append-only in the database too (UPDATE/DELETE refused)."""

from django.db import migrations

from jixiao.web.declarations.appendonly import VendorSQL

TABLES = ("monitoring_monitoringtransitionrecord",)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_monitoring_red_lights"),
        ("declarations", "0003_append_only_history_and_save_changes"),
    ]

    operations = [VendorSQL(TABLES)]
