"""Money is exact on every database: 0.000001 万元 (1 分) survives a round trip."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection

from jixiao.model import Funding
from jixiao.web.declarations import codec, store
from jixiao.web.declarations.codec import MoneyError, from_fen, to_fen
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World, seed_forms


@pytest.mark.parametrize("amount", ["0.000001", "53.15", "9999999.999999", "0", "10000000"])
def test_it_round_trips_amounts_through_the_database(world: World, amount: str) -> None:
    value = Decimal(amount)
    form = dataclasses.replace(
        seed_forms()[0], funding=Funding(annual_total=value, fiscal=value, other=Decimal(0))
    )
    row = store.create(world.users["filer"], world.unit, form, "导入")
    fresh = Declaration.objects.get(pk=row.pk)
    assert from_fen(fresh.annual_total_fen) == value
    assert codec.from_text(fresh.content).funding.annual_total == value
    assert str(codec.from_text(fresh.content).funding.annual_total) == amount
    assert Declaration.objects.filter(annual_total_fen=to_fen(value)).count() == 1


def test_it_sums_money_exactly_in_the_database(world: World) -> None:
    from django.db.models import Sum

    for _ in range(3):
        form = dataclasses.replace(seed_forms()[0], funding=Funding(annual_total=Decimal("0.1")))
        store.create(world.users["filer"], world.unit, form, "导入")
    total = Declaration.objects.aggregate(s=Sum("annual_total_fen"))["s"]
    assert from_fen(total) == Decimal("0.3"), connection.vendor


def test_it_refuses_amounts_below_one_fen() -> None:
    with pytest.raises(MoneyError, match="精确到分以下"):
        to_fen(Decimal("0.0000001"))
