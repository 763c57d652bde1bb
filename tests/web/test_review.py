"""审核页: the automatic report, 审核意见 per finding (accept, edit, waive), decisions."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from jixiao.web.declarations import codec, engine
from jixiao.web.declarations.models import Declaration, Note
from tests.web.conftest import World


def _url(row: Declaration) -> str:
    return reverse("declarations:review", kwargs={"pk": row.pk})


def _first(row: Declaration) -> engine.FindingView:
    return engine.review(codec.from_text(row.content)).blocking[0]


def test_it_shows_the_report_and_the_decisions_of_the_role(world: World) -> None:
    row = world.declaration("财政审核")
    html = world.client("finance").get(_url(row)).content.decode()
    assert "自动审核报告" in html and "A403" in html
    assert 'value="通过"' in html and 'value="退回修改"' in html
    dept_html = world.client("department").get(_url(row)).content.decode()
    assert "没有可执行的审核操作" in dept_html


def test_it_records_edited_opinions_and_prefills_the_return_comment(world: World) -> None:
    row = world.declaration("财政审核")
    f = _first(row)
    data = {f"disposition-{f.key}": "修改后采纳", f"text-{f.key}": "请核对成本指标合计"}
    assert world.client("finance").post(_url(row), data).status_code == 302
    note = Note.objects.get(declaration=row, kind="审核意见")
    assert (note.disposition, note.text, note.finding_code) == (
        "修改后采纳",
        "请核对成本指标合计",
        f.code,
    )
    page = world.client("finance").get(_url(row))
    assert page.context["comment"] == "请核对成本指标合计"


def test_it_requires_a_reason_to_waive(world: World) -> None:
    row = world.declaration("财政审核")
    f = _first(row)
    data = {f"disposition-{f.key}": "豁免", f"text-{f.key}": ""}
    response = world.client("finance").post(_url(row), data)
    assert "须说明理由" in response.content.decode()
    assert not Note.objects.filter(kind="审核意见").exists()


def test_it_shows_the_filers_explanations_to_the_reviewer(world: World) -> None:
    row = world.declaration()
    f = _first(row)
    blocking = engine.review(codec.from_text(row.content)).blocking
    data = {f"explain-{b.key}": f"已核实：{b.code}" for b in blocking}
    world.client("filer").post(reverse("declarations:submit", kwargs={"pk": row.pk}), data)
    html = world.client("department").get(_url(row)).content.decode()
    assert f"填报说明：已核实：{f.code}" in html


def _csrf(world: World, persona: str, row: Declaration) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    assert client.get(_url(row)).status_code == 200
    return client, str(client.cookies["csrftoken"].value)


def test_it_shows_each_finding_in_full_with_its_fix_and_a_roomy_opinion_box(world: World) -> None:
    row = world.declaration("财政审核")
    html = world.client("finance").get(_url(row)).content.decode()
    for f in engine.stored(row.content).review.findings:
        cell = html.split(f'name="text-{f.key}"', 1)[0].rsplit('<tr class="finding', 1)[1]
        assert f.message in cell
        if f.fix:
            assert f"建议：{f.fix}" in cell
    assert 'rows="2"' not in html.split("opinions", 1)[1].split("</table>", 1)[0]


def test_it_accepts_and_forwards_in_one_step_with_the_opinions(world: World) -> None:
    row = world.declaration("已提交")
    html = world.client("department").get(_url(row)).content.decode()
    assert "保存意见并受理并转送财政审核" in html
    client, token = _csrf(world, "department", row)
    f = _first(row)
    data = {
        "csrfmiddlewaretoken": token,
        f"disposition-{f.key}": "采纳",
        f"text-{f.key}": "同意",
        "advance": "转送财政审核",
    }
    response = client.post(_url(row), data)
    assert response.status_code == 302
    saved = Declaration.objects.get(pk=row.pk)
    assert saved.status == "财政审核"
    steps = list(saved.transitions.values_list("action", "source", "target"))
    assert steps[-2:] == [
        ("受理", "已提交", "主管部门审核"),
        ("转送财政审核", "主管部门审核", "财政审核"),
    ]
    assert Note.objects.get(declaration=row, kind="审核意见").text == "同意"


def test_it_refuses_a_one_step_the_role_cannot_take_and_writes_nothing(world: World) -> None:
    row = world.declaration("主管部门审核")
    client, token = _csrf(world, "department", row)
    f = _first(row)
    data = {"csrfmiddlewaretoken": token, f"disposition-{f.key}": "采纳", "advance": "通过"}
    response = client.post(_url(row), data)
    assert "不能通过" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).status == "主管部门审核"
    assert not Note.objects.filter(declaration=row, kind="审核意见").exists()


def test_it_offers_no_one_step_where_a_single_decision_is_enough(world: World) -> None:
    row = world.declaration("主管部门审核")
    html = world.client("department").get(_url(row)).content.decode()
    assert 'name="advance"' not in html
