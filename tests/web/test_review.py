"""审核页: the automatic report, 审核意见 per finding (accept, edit, waive), decisions."""

from __future__ import annotations

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
