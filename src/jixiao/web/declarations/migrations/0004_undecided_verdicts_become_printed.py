# ruff: noqa: RUF012 - Django migration
"""Content stored before verdict semantics: an undecided form's verdict was the imported one.

Until now an import copied the source's marked 综合评定等级 into ``verdict``. A verdict is now
written only by the 财政局's decision, so on every form the finance bureau has not decided the
stored verdict moves to ``printed_verdict`` (原表所载) and ``verdict`` becomes null. Decided
forms (通过, 退回，不予纳入财政项目库, and 退回修改 by the 财政审核人) keep theirs. Kept
versions are history and stay as they were.
"""

import json
from typing import Any

from django.db import migrations

_FINAL = ("通过", "退回，不予纳入财政项目库")


def _decided(row: Any, transition_model: Any) -> bool:
    if row.status in _FINAL:
        return True
    if row.status != "退回修改":
        return False
    last = transition_model.objects.filter(declaration=row).order_by("-at", "-id").first()
    return last is not None and last.action == "退回修改" and last.role == "财政审核人"


def forwards(apps: Any, schema_editor: Any) -> None:
    declaration = apps.get_model("declarations", "Declaration")
    transition = apps.get_model("declarations", "Transition")
    for row in declaration.objects.exclude(content="").iterator():
        content = json.loads(row.content)
        if content.get("verdict") is None or _decided(row, transition):
            continue
        content["printed_verdict"] = content.get("printed_verdict") or content["verdict"]
        content["verdict"] = None
        row.content = json.dumps(content, ensure_ascii=False, sort_keys=True)
        row.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0003_append_only_history_and_save_changes"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
