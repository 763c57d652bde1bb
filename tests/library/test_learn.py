"""Clustering names into library entries and counting their values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.library import learn
from jixiao.library.learn import joinable
from jixiao.library.names import normalise
from jixiao.model import Level2
from jixiao.values import Operator
from tests.library.forms import corpus_forms, form, seed_forms

#: Names that must land in one entry: spelling, annotation, prefix, synonym, small insertion.
MUST_JOIN = [
    ("服务对象满意度", "服务对象满意率"),
    ("群众满意度", "群众满意率"),
    ("指标1：受益群众满意度（必填）", "受益群众满意度"),
    ("新增造林面积（亩）", "新增造林面积"),
    ("政策知晓率", "政策知晓度"),
    ("资金支付及时率", "资金拨付及时率"),
    ("道路清扫保洁面积", "道路清扫面积"),
    ("热线接通率", "热线平均接通率"),
    ("2025年宁政通账号开通数量", "宁政通账号开通数量"),
    ("垃圾清运量", "生活垃圾清运量"),
]

#: Names that must stay apart: another thing measured, another object, another population.
MUST_NOT_JOIN = [
    ("宣传片制作成本", "宣传片制作时长"),
    ("培训人次", "培训人数"),
    ("参保人数", "参保率"),
    ("会议召开次数", "会议参会率"),
    ("用人单位满意度", "办公人员满意度"),
    ("编内聘用人员全年薪酬", "政府批准短期用工人员全年薪酬"),
    (
        "租用银川市电子政务外网线路验收合格率",
        "银川市电子政务各类业务系统及机房弱电间网络设备验收合格率",
    ),
    ("差旅费报销率", "差旅费报销通过率"),
]


@pytest.mark.parametrize(("a", "b"), MUST_JOIN)
def test_it_joins_names_of_one_indicator(a: str, b: str) -> None:
    assert joinable(normalise(a), normalise(b)) >= 80
    library = learn(
        [
            ("x", form("甲", [(Level2.QUANTITY, a, "≥1个")])),
            ("y", form("乙", [(Level2.QUANTITY, b, "≥2个")])),
        ]
    )
    assert len(library.entries) == 1
    assert library.entries[0].form_count == 2


@pytest.mark.parametrize(("a", "b"), MUST_NOT_JOIN)
def test_it_keeps_other_indicators_apart(a: str, b: str) -> None:
    assert joinable(normalise(a), normalise(b)) < 80
    library = learn(
        [
            ("x", form("甲", [(Level2.QUANTITY, a, "≥1个")])),
            ("y", form("乙", [(Level2.QUANTITY, b, "≥2个")])),
        ]
    )
    assert len(library.entries) == 2


def test_it_never_joins_across_level2() -> None:
    library = learn(
        [
            (
                "x",
                form(
                    "甲",
                    [
                        (Level2.QUANTITY, "政务新媒体常态化监管监测", "≥480个"),
                        (Level2.QUALITY, "政务新媒体常态化监管监测", "90%"),
                    ],
                ),
            )
        ]
    )
    assert sorted(e.level2 for e in library.entries) == ["数量指标", "质量指标"]


def test_it_counts_values_per_unit_with_quartiles() -> None:
    values = ["≥85%", "≥90%", "≥95%", "≥95%", "90%", "≥3次"]
    forms = [
        (f"f{i}", form(f"项目{i}", [(Level2.SERVICE_SATISFACTION, "服务对象满意度", v)]))
        for i, v in enumerate(values)
    ]
    (entry,) = learn(forms).entries
    main, other = entry.stats
    assert (main.unit, main.count, main.median, main.low, main.high) == (
        "%",
        5,
        Decimal(90),
        Decimal(90),
        Decimal(95),
    )
    assert (main.minimum, main.maximum, main.operator) == (Decimal(85), Decimal(95), Operator.GE)
    assert (other.unit, other.count) == ("次", 1)
    assert entry.typical == "≥90–95%（5个取值，中位数90%）"
    assert entry.unit == "%"


def test_it_keeps_scale_in_the_unit_and_skips_ranges_and_dates() -> None:
    values = ["≤1.1万册", "≤2万册", "1-12月", "2025年12月31日前", "合格"]
    forms = [
        (f"f{i}", form(f"项目{i}", [(Level2.QUANTITY, "公报印制发行", v)]))
        for i, v in enumerate(values)
    ]
    (entry,) = learn(forms).entries
    assert [(s.unit, s.count) for s in entry.stats] == [("万册", 2)]
    assert entry.qualitative == (("合格", 1),)


def test_it_learns_the_seed_with_sources_and_bundles() -> None:
    library = learn(seed_forms())
    entry = library.entry("服务对象满意度指标/用人单位满意度")
    assert entry is not None and entry.form_count == 2
    assert all("seed" in s or "yinchuan" in s or ":" in s for s in entry.sources)
    kinds = {b.fund_use: b.project_count for b in library.bundles}
    assert kinds["人员经费类"] == 2
    assert sum(kinds.values()) == len(seed_forms()) == len(library.projects)
    # every observation is in exactly one entry
    declared = sum(len(g.real_indicators) for _, d in seed_forms() for g in d.groups)
    counted = sum(len(e.sources) for e in library.entries)
    assert counted <= declared


def test_it_learns_seed_and_corpus_together() -> None:
    forms = (*seed_forms(), *corpus_forms())
    library = learn(forms)
    assert len(library.projects) == len(forms)
    alone = learn(seed_forms())
    assert len(library.entries) > len(alone.entries)
    corpus_sources = {s for e in library.entries for s in e.sources if ".txt:" in s}
    assert (
        len({s.split(":")[0] for s in corpus_sources}) >= len({s for s, _ in corpus_forms()}) // 2
    )
