"""Workflow hygiene: closed 预算年度, names from the organisation tree, next-year copies only
from approved forms, reviewer opinions only in the reviewer's own step. All over HTTP with
CSRF enforced."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.web.accounts.models import BudgetYear
from jixiao.web.declarations import codec, engine
from jixiao.web.declarations.models import AuditEntry, Declaration, Note
from tests.web.conftest import World, editor_post
from tests.web.signed import Signed


def _url(name: str, row: Declaration | None = None) -> str:
    return reverse(f"declarations:{name}", kwargs={"pk": row.pk} if row else None)


def _close(year: int) -> None:
    BudgetYear.objects.create(year=year, is_open=False)


def test_it_refuses_a_new_form_in_a_closed_year(world: World) -> None:
    _close(2025)
    filer = Signed(world.users["filer"])
    response = filer.post(_url("new"), {"project_name": "新项目", "year": "2025"})
    assert response.status_code == 400
    assert "2025年度预算已关闭填报，不能新建申报表" in response.content.decode()
    assert not Declaration.objects.exists()
    assert filer.post(_url("new"), {"project_name": "新项目", "year": "2026"}).status_code == 302


def test_it_refuses_an_import_into_a_closed_year_and_writes_nothing(world: World) -> None:
    _close(2025)
    upload = SimpleUploadedFile(SEED_NAME, seed_bytes())
    response = Signed(world.users["filer"]).post(_url("import"), {"file": upload})
    assert response.status_code == 400
    assert "2025年度预算已关闭填报" in response.content.decode()
    assert not Declaration.objects.exists() and not AuditEntry.objects.exists()


def test_it_refuses_a_submission_in_a_closed_year(world: World) -> None:
    row = world.declaration()
    _close(2025)
    keys = [f.key for f in engine.review(codec.from_text(row.content)).blocking]
    data = {f"explain-{k}": "已说明" for k in keys}
    response = Signed(world.users["filer"]).post(_url("submit", row), data)
    assert response.status_code == 400
    assert "2025年度预算已关闭填报，不能提交申报表" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "草稿" and not row.transitions.exists()


def test_it_refuses_a_submission_in_a_closed_year_through_the_api(world: World) -> None:
    row = world.declaration()
    _close(2025)
    keys = [f.key for f in engine.review(codec.from_text(row.content)).blocking]
    body = {"action": "提交", "explanations": {k: "已说明" for k in keys}}
    url = f"/api/declarations/{row.pk}/transitions"
    response = Signed(world.users["filer"]).send_json("post", url, body)
    assert response.status_code == 400
    assert "已关闭填报" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "草稿"


def test_it_keeps_the_tree_names_whatever_the_filer_types(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, department_name="银川市教育局", implementer_name="银川市第一中学")
    assert Signed(world.users["filer"]).post(_url("edit", row), data).status_code == 302
    row.refresh_from_db()
    form = codec.from_text(row.content)
    assert (form.department.name, form.implementer.name) == (
        "银川市人民政府办公室",
        "银川市人民政府督查室",
    )
    assert (row.department_name, row.implementer_name) == (
        "银川市人民政府办公室",
        "银川市人民政府督查室",
    )


def test_it_keeps_the_tree_names_in_an_api_save(world: World) -> None:
    row = world.declaration()
    content: dict[str, Any] = json.loads(row.content)
    content["department"] = {"name": "银川市教育局", "code": "999"}
    body = {"revision": row.revision, "content": content}
    url = f"/api/declarations/{row.pk}"
    assert Signed(world.users["filer"]).send_json("put", url, body).status_code == 200
    row.refresh_from_db()
    assert codec.from_text(row.content).department.name == "银川市人民政府办公室"


def test_it_names_the_filers_own_bodies_on_import(world: World) -> None:
    upload = SimpleUploadedFile(SEED_NAME, seed_bytes())
    assert Signed(world.users["filer"]).post(_url("import"), {"file": upload}).status_code == 302
    names = set(Declaration.objects.values_list("department_name", "implementer_name"))
    assert names == {("银川市人民政府办公室", "银川市人民政府督查室")}


@pytest.mark.parametrize("status", ["草稿", "已提交", "财政审核"])
def test_it_copies_to_next_year_only_from_an_approved_form(world: World, status: str) -> None:
    row = world.declaration(status)
    response = Signed(world.users["filer"]).post(_url("continue", row))
    assert response.status_code == 403
    assert "只有状态为“通过”的申报表才能据此创建下年度" in response.content.decode()
    assert Declaration.objects.count() == 1


def test_it_copies_an_approved_form_to_next_year(world: World) -> None:
    row = world.declaration("通过")
    assert Signed(world.users["filer"]).post(_url("continue", row)).status_code == 302
    copy = Declaration.objects.exclude(pk=row.pk).get()
    form = codec.from_text(copy.content)
    assert (copy.year, form.verdict, form.printed_verdict) == (2026, None, None)


OPINION_CASES = [
    ("department", "草稿", 403),
    ("department", "财政审核", 403),
    ("department", "通过", 403),
    ("finance", "已提交", 403),
    ("finance", "主管部门审核", 403),
    ("department", "已提交", 302),
    ("department", "主管部门审核", 302),
    ("finance", "财政审核", 302),
]


@pytest.mark.parametrize(("persona", "status", "expected"), OPINION_CASES)
def test_it_records_opinions_only_in_the_reviewers_own_step(
    world: World, persona: str, status: str, expected: int
) -> None:
    row = world.declaration(status)
    finding = engine.review(codec.from_text(row.content)).findings[0]
    data = {f"disposition-{finding.key}": "采纳", f"text-{finding.key}": "请修改"}
    response = Signed(world.users[persona]).post(_url("review", row), data)
    assert response.status_code == expected
    assert Note.objects.filter(kind="审核意见").exists() is (expected == 302)
    if expected == 403:
        assert "才能记录审核意见" in response.content.decode()


def test_it_shows_the_tree_names_read_only_in_the_editor(world: World) -> None:
    row = world.declaration()
    html = Signed(world.users["filer"]).get(_url("edit", row)).content.decode()
    for name in ("department_name", "implementer_name"):
        field = html.split(f'name="{name}"', 1)[1].split(">", 1)[0]
        assert "readonly" in field
    assert "readonly" not in html.split('name="project_name"', 1)[1].split(">", 1)[0]
