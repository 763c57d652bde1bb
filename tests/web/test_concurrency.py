"""20 simultaneous saves of one declaration: one wins per revision, the rest get a conflict."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test import Client
from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World, editor_post

SAVES = 20


def _save_all(world: World, row: Declaration, label: str) -> list[tuple[int, str]]:
    url = reverse("declarations:edit", kwargs={"pk": row.pk})
    clients = []
    for _ in range(SAVES):
        client = Client()
        client.force_login(world.users["filer"])
        clients.append(client)
    barrier = threading.Barrier(SAVES)

    def save(n: int) -> tuple[int, str]:
        goal = f"{label}-{n}"
        data = editor_post(row, annual_goal=goal)
        try:
            barrier.wait()
            return clients[n].post(url, data).status_code, goal
        finally:
            connection.close()

    with ThreadPoolExecutor(SAVES) as pool:
        return list(pool.map(save, range(SAVES)))


def test_it_lets_one_of_twenty_simultaneous_saves_win_per_revision(
    emptied_history: None, world: World
) -> None:
    row = world.declaration()
    for round_ in ("第一轮", "第二轮"):
        row = Declaration.objects.get(pk=row.pk)
        results = _save_all(world, row, round_)
        codes = sorted(code for code, _ in results)
        assert codes == [302] + [409] * (SAVES - 1)
        winner = next(goal for code, goal in results if code == 302)
        saved = Declaration.objects.get(pk=row.pk)
        assert saved.revision == row.revision + 1
        assert codec.from_text(saved.content).annual_goal == winner
    assert AuditEntry.objects.filter(declaration=row, event="保存").count() == 2
