"""Migration 0004: the verdict an import stored on an undecided form becomes 原表所载."""

from __future__ import annotations

import importlib
import json

from django.apps import apps

from jixiao.web.declarations import codec, store
from jixiao.web.declarations.models import Declaration
from jixiao.workflow import Action
from tests.web.conftest import World

MIGRATION = importlib.import_module(
    "jixiao.web.declarations.migrations.0004_undecided_verdicts_become_printed"
)


def _as_before(row: Declaration, verdict: str) -> None:
    """The content as an import wrote it before: the printed verdict in ``verdict``."""
    content = json.loads(row.content)
    content.update(verdict=verdict, printed_verdict=None)
    Declaration.objects.filter(pk=row.pk).update(content=json.dumps(content, ensure_ascii=False))


def _verdicts(row: Declaration) -> tuple[str | None, str | None]:
    row.refresh_from_db()
    form = codec.from_text(row.content)
    return (
        None if form.verdict is None else str(form.verdict),
        None if form.printed_verdict is None else str(form.printed_verdict),
    )


def test_it_moves_undecided_verdicts_and_keeps_decisions(world: World) -> None:
    draft, reviewing = world.declaration(), world.declaration("主管部门审核")
    approved, by_finance = world.declaration("通过"), world.declaration("财政审核")
    store.transition(world.users["finance"], by_finance, Action.RETURN, "请修改")
    by_department = world.declaration("主管部门审核")
    store.transition(world.users["department"], by_department, Action.RETURN, "请修改")
    for row in (draft, reviewing, by_department):
        _as_before(row, "通过")
    MIGRATION.forwards(apps, None)
    assert _verdicts(draft) == (None, "通过")
    assert _verdicts(reviewing) == (None, "通过")
    assert _verdicts(by_department) == (None, "通过")
    assert _verdicts(approved) == ("通过", "通过")
    assert _verdicts(by_finance) == ("退回修改", "通过")
