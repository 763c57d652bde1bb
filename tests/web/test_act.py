"""Workflow actions: every status change goes through the table and writes a transition."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration, Transition
from tests.web.conftest import World


def _act(world: World, persona: str, row: Declaration, action: str, comment: str = ""):  # type: ignore[no-untyped-def]
    url = reverse("declarations:act", kwargs={"pk": row.pk})
    return world.client(persona).post(url, {"action": action, "comment": comment})


def test_it_lets_the_filer_withdraw_before_review(world: World) -> None:
    row = world.declaration("已提交")
    assert _act(world, "filer", row, "撤回").status_code == 302
    assert Declaration.objects.get(pk=row.pk).status == "草稿"


def test_it_refuses_withdrawal_once_the_department_accepted(world: World) -> None:
    row = world.declaration("主管部门审核")
    assert _act(world, "filer", row, "撤回").status_code == 403


def test_it_walks_department_then_finance(world: World) -> None:
    row = world.declaration("已提交")
    assert _act(world, "department", row, "受理").status_code == 302
    assert _act(world, "department", row, "转送财政审核").status_code == 302
    assert _act(world, "finance", row, "通过").status_code == 302
    row.refresh_from_db()
    assert row.status == "通过"
    assert str(codec.from_text(row.content).verdict) == "通过"
    trail = list(Transition.objects.filter(declaration=row).values_list("source", "target"))
    assert trail[-3:] == [
        ("已提交", "主管部门审核"),
        ("主管部门审核", "财政审核"),
        ("财政审核", "通过"),
    ]


def test_it_requires_a_comment_to_return(world: World) -> None:
    row = world.declaration("财政审核")
    response = _act(world, "finance", row, "退回修改")
    assert response.status_code == 302
    assert Declaration.objects.get(pk=row.pk).status == "财政审核"
    assert _act(world, "finance", row, "退回修改", "成本指标合计与预算不符").status_code == 302
    row.refresh_from_db()
    assert row.status == "退回修改"
    assert str(codec.from_text(row.content).verdict) == "退回修改"
    assert Transition.objects.filter(declaration=row).last().comment == "成本指标合计与预算不符"


def test_it_records_a_rejection_as_final(world: World) -> None:
    row = world.declaration("财政审核")
    _act(world, "finance", row, "退回，不予纳入财政项目库", "项目不具备实施条件")
    assert Declaration.objects.get(pk=row.pk).status == "退回，不予纳入财政项目库"
    assert _act(world, "filer", row, "提交").status_code == 400


def test_it_refuses_the_department_deciding_for_finance(world: World) -> None:
    row = world.declaration("财政审核")
    assert _act(world, "department", row, "通过").status_code == 403
    assert Declaration.objects.get(pk=row.pk).status == "财政审核"


def test_it_rejects_an_unknown_action(world: World) -> None:
    row = world.declaration("已提交")
    assert _act(world, "department", row, "删除").status_code == 400
