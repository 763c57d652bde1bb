"""延续性项目: last year's targets beside this year's."""

from __future__ import annotations

from decimal import Decimal

from jixiao.library.continuity import Change, budget_change, compare_years
from jixiao.model import Level2
from tests.library.forms import form


def test_it_pairs_indicators_by_group_and_name_and_says_what_changed() -> None:
    last = form(
        "热线",
        [
            (Level2.QUANTITY, "2024年培训人次", "≥100人次"),
            (Level2.QUALITY, "合格率", "≥90%"),
            (Level2.QUALITY, "及时率", "100%"),
            (Level2.TIMELINESS, "完成时限", "12月底前"),
        ],
    )
    this = form(
        "热线",
        [
            (Level2.QUANTITY, "2025年培训人次", "≥80人次"),
            (Level2.QUALITY, "合格率", "≥90%"),
            (Level2.QUALITY, "知晓率", "≥85%"),
            (Level2.TIMELINESS, "完成时限", "全年"),
        ],
    )
    changes = {c.name: c for c in compare_years(last, this)}
    assert changes["2025年培训人次"].change is Change.DOWN
    assert changes["2025年培训人次"].describe() == "降低20%（≥100人次 → ≥80人次）"
    assert changes["合格率"].change is Change.SAME
    assert changes["知晓率"].change is Change.NEW
    assert changes["及时率"].change is Change.DROPPED
    assert changes["完成时限"].describe() == "改写（12月底前 → 全年）"


def test_it_measures_the_budget_change() -> None:
    from dataclasses import replace

    from jixiao.model import Funding

    a = replace(form("热线", []), funding=Funding(Decimal("20")))
    b = replace(form("热线", []), funding=Funding(Decimal("26")))
    assert budget_change(a, b) == Decimal("0.3")
    assert budget_change(replace(a, funding=Funding(Decimal(0))), b) is None


def test_it_marks_an_unchanged_target_that_last_year_far_exceeded() -> None:
    from jixiao.library.continuity import actual_key

    last = form(
        "热线", [(Level2.QUANTITY, "培训人次", "≥100人次"), (Level2.QUALITY, "合格率", "≥90%")]
    )
    this = form(
        "热线", [(Level2.QUANTITY, "培训人次", "≥100人次"), (Level2.QUALITY, "合格率", "≥90%")]
    )
    actuals = {
        actual_key(Level2.QUANTITY, "培训人次"): "150人次",
        actual_key(Level2.QUALITY, "合格率"): "95%",
    }
    changes = {c.name: c for c in compare_years(last, this, actuals)}
    assert changes["培训人次"].easy
    assert changes["培训人次"].describe() == "未变，而上年实际完成150人次，目标可能偏低"
    assert not changes["合格率"].easy and changes["合格率"].last_actual == "95%"
