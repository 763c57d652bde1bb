"""Declarations the document tests render and read back: the seed, the text fixtures,
and forms made here to reach every field the seed leaves at its default."""

from __future__ import annotations

import difflib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.data import seed_bytes
from jixiao.importers.grid import strip_locations
from jixiao.importers.text import TextImporter
from jixiao.model import (
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Organisation,
    Requirement,
    TreeVariant,
    Verdict,
    dumps,
)
from jixiao.values import parse_value

TESTS = Path(__file__).parent.parent
FIXTURE_FILES = sorted(
    [
        *(TESTS / "importers" / "fixtures").glob("*.txt"),
        *(TESTS / "review" / "fixtures").glob("*.txt"),
    ]
)


def seed_declarations() -> tuple[Declaration, ...]:
    return TextImporter().extract(seed_bytes(), "seed.txt").declarations


def fixture_declarations() -> list[tuple[str, Declaration]]:
    out = []
    for path in FIXTURE_FILES:
        for n, decl in enumerate(TextImporter().extract(path.read_bytes(), path.name).declarations):
            out.append((f"{path.stem}-{n + 1}", decl))
    return out


def ind(name: str, value: str) -> Indicator:
    return Indicator(name, value, parse_value(value))


LONG_GOAL = "\n".join(
    f"{n}.保障全市政务服务热线稳定运行，受理、转办、回访各类诉求并按月分析研判，形成专报{n * 7}期。"
    * 3
    for n in range(1, 40)
)


def made_declarations() -> list[tuple[str, Declaration]]:
    """Fields the seed leaves at their defaults: codes, 2021 tree, long goals, …"""
    v2021 = Declaration(
        year=2026,
        project_name="城市公园绿地养护（2021版指标体系）",
        title="项目支出绩效目标申报表",
        department=Organisation("银川市园林管理局", "401001"),
        implementer=Organisation("银川市公园管理中心", "A40100"),
        attribute="延续性项目",
        period="2024-2026",
        funding=Funding(Decimal("1234.5678"), Decimal("1000"), None, Decimal("3600.00")),
        annual_goal="完成公园绿地日常养护。\n树木成活率不低于95%。",
        long_term_goal="三年内建成口袋公园30个。",
        tree=TreeVariant.V2021,
        groups=(
            IndicatorGroup(
                Level1.OUTPUT,
                Level2.QUANTITY,
                Requirement.QUANTIFIED,
                (ind("养护面积", "≥120万平方米"), ind("巡查次数", "=100.00(%)")),
            ),
            IndicatorGroup(
                Level1.COST, Level2.ECONOMIC_COST, None, (ind("养护费用", "≤1234.5678万元"),)
            ),
            IndicatorGroup(Level1.COST, Level2.SOCIAL_COST, Requirement.OPTIONAL, ()),
            IndicatorGroup(
                Level1.SATISFACTION,
                Level2.SERVICE_SATISFACTION,
                None,
                (ind("市民满意度", "≥90%"), ind("游客 满意度 (抽样)", "95%以上")),
            ),
        ),
        verdict=Verdict.REVISE,
        footnote="注：本表金额单位为万元。",
        other_fields=(("项目负责人", "张三"), ("联系电话", "0951-1234567")),
    )
    blank = Declaration(
        year=None,
        project_name="未评定的项目",
        verdict=None,
        groups=(IndicatorGroup(Level1.OUTPUT, Level2.QUANTITY),),
    )
    rejected = Declaration(
        year=2025,
        project_name="超长目标的项目",
        attachment="附件3",
        funding=Funding(Decimal("0.01"), Decimal("0.01"), Decimal("0")),
        annual_goal=LONG_GOAL,
        groups=(
            IndicatorGroup(
                Level1.OUTPUT,
                Level2.TIMELINESS,
                Requirement.QUANTIFIED,
                tuple(ind(f"第{n}项工作完成时限", f"{n}月") for n in range(1, 13)),
            ),
        ),
        verdict=Verdict.REJECTED,
    )
    return [("v2021", v2021), ("blank", blank), ("long-goal", rejected)]


def all_declarations() -> list[tuple[str, Declaration]]:
    seed = [(f"seed-{n + 1}", d) for n, d in enumerate(seed_declarations())]
    return [*seed, *fixture_declarations(), *made_declarations()]


def one_value_column(decl: Declaration) -> Declaration:
    """The declaration as our forms print it: 指标性质 | 指标值 | 度量单位 joined in one
    指标值 column (the parsed value is the same; the split is not printed)."""
    groups = tuple(
        replace(
            g,
            indicators=tuple(
                replace(i, value_text=i.display_value, nature="", unit="") for i in g.indicators
            ),
        )
        for g in decl.groups
    )
    return replace(decl, groups=groups)


def assert_same(expected: Declaration, actual: Declaration) -> None:
    """Equal in every field but the source locations; on failure, the JSON diff.

    A rendered form prints its verdict; reading it back gives the printed verdict only.
    """
    printed = replace(expected, verdict=None, printed_verdict=expected.verdict)
    a, b = strip_locations(one_value_column(printed)), strip_locations(actual)
    if a != b:
        diff = difflib.unified_diff(dumps([a]).splitlines(), dumps([b]).splitlines(), lineterm="")
        raise AssertionError("\n".join(list(diff)[:80]))
