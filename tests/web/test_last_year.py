"""与上年比较 in the editor of a 延续性 draft: last year's target and actual beside this year's."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.urls import reverse

from jixiao.web.declarations import store
from jixiao.web.evaluation import store as evaluation_store
from jixiao.web.evaluation.store import form_of
from tests.web.conftest import World
from tests.web.signed import Signed

pytestmark = pytest.mark.django_db


def _next_year_draft(world: World, with_actuals: bool) -> str:
    approved = world.declaration("通过", index=0)  # 政府聘用人员经费, 2025
    if with_actuals:
        finance = world.users["finance"]
        round_ = evaluation_store.open_round(finance, 2025, datetime.date.today())
        record = round_.records.get(declaration=approved)
        ev = form_of(record)
        rows = tuple(
            dataclasses.replace(r, actual_text="10人")
            if r.name == "政府批准短期用工人员数量"
            else r
            for r in ev.rows
        )
        from jixiao.values import parse_value

        rows = tuple(
            dataclasses.replace(r, actual=parse_value(r.actual_text)) if r.actual_text else r
            for r in rows
        )
        evaluation_store.save(
            world.users["filer"], record, record.revision, dataclasses.replace(ev, rows=rows)
        )
    draft = store.continue_from(world.users["filer"], approved)
    return reverse("declarations:edit", kwargs={"pk": draft.pk})


def test_the_editor_shows_last_years_targets_beside_this_years(world: World) -> None:
    html = (
        Signed(world.users["filer"])
        .get(_next_year_draft(world, with_actuals=False))
        .content.decode()
    )
    assert "与上年（2025年）比较" in html
    assert "年度资金总额较上年 +0%" in html
    assert html.count("<td>未变</td>") >= 10


def test_it_shows_last_years_actual_and_marks_a_target_set_too_low(world: World) -> None:
    html = (
        Signed(world.users["filer"])
        .get(_next_year_draft(world, with_actuals=True))
        .content.decode()
    )
    assert "<td>10人</td>" in html
    assert "未变，而上年实际完成10人，目标可能偏低" in html


def test_a_form_without_a_previous_year_shows_no_comparison(world: World) -> None:
    row = world.declaration()
    html = (
        Signed(world.users["filer"])
        .get(reverse("declarations:edit", kwargs={"pk": row.pk}))
        .content.decode()
    )
    assert "与上年" not in html
