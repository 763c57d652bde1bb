"""详情页: the form read-only, the history, the actions the user may take."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World


def _html(world: World, persona: str, row: Declaration) -> str:
    return (
        world.client(persona)
        .get(reverse("declarations:detail", kwargs={"pk": row.pk}))
        .content.decode()
    )


def test_it_shows_the_form_and_the_transition_history(world: World) -> None:
    row = world.declaration("财政审核")
    html = _html(world, "filer", row)
    assert "政府聘用人员经费" in html and "编内聘用人员全年薪酬" in html
    assert html.count("<td>主管部门审核</td>") >= 1
    assert "转送财政审核" in html


def test_it_offers_withdrawal_to_the_filer_only_while_submitted(world: World) -> None:
    row = world.declaration("已提交")
    assert 'value="撤回"' in _html(world, "filer", row)
    assert 'value="撤回"' not in _html(world, "department", row)


def test_it_offers_next_years_copy_of_an_approved_project(world: World) -> None:
    row = world.declaration("通过")
    assert "据此创建下年度申报表" in _html(world, "filer", row)


def test_it_names_the_indicator_of_each_explanation(world: World) -> None:
    from jixiao.web.declarations import codec, engine

    row = world.declaration()
    blocking = engine.review(codec.from_text(row.content)).blocking
    rowed = [b for b in blocking if b.path]
    assert rowed, "the seed form has row-level errors"
    data = {f"explain-{b.key}": "已核实" for b in blocking}
    world.client("filer").post(reverse("declarations:submit", kwargs={"pk": row.pk}), data)
    notes = _html(world, "filer", row).split('class="notes"', 1)[1].split("</ul>", 1)[0]
    for b in rowed:
        assert f'<code>{b.code}</code> <span class="path">{b.where}</span>：已核实' in notes
