"""Suggestions: names as the clerk types, bundles for a new project, far-out values."""

from __future__ import annotations

from dataclasses import replace

from jixiao.library import Origin, Suggester, learn
from jixiao.model import Level2
from jixiao.values import parse_value
from tests.library.forms import form, seed_forms


def _satisfaction_library() -> Suggester:
    values = ["≥85%", "≥90%", "≥90%", "≥95%", "≥92%", "≥88%"]
    forms = [
        (
            f"f{i}",
            form(
                f"政务服务热线运行项目{i}",
                [
                    (Level2.SERVICE_SATISFACTION, "热线服务满意度", v),
                    (Level2.QUALITY, "热线接通率", "≥90%"),
                ],
            ),
        )
        for i, v in enumerate(values)
    ]
    forms.append(
        ("g", form("城市道路清扫保洁项目", [(Level2.QUANTITY, "道路清扫保洁面积", "≥120万平方米")]))
    )
    return Suggester(learn(forms))


def test_it_suggests_the_entry_a_typed_prefix_begins() -> None:
    hits = _satisfaction_library().names("热线接")
    assert hits[0].entry.name == "热线接通率"
    assert "≥90%" in hits[0].entry.typical


def test_it_ranks_more_common_entries_first_among_equal_scores() -> None:
    suggester = Suggester(learn(seed_forms()))
    hits = suggester.names("满意度", limit=5)
    counts = [h.entry.form_count for h in hits if h.score == hits[0].score]
    assert counts == sorted(counts, reverse=True)
    assert hits[0].entry.name == "用人单位满意度"  # seen in two seed forms


def test_it_puts_a_curated_entry_before_a_learnt_one() -> None:
    library = learn(seed_forms())
    learnt = library.entry("服务对象满意度指标/办公人员满意度")
    assert learnt is not None
    curated = replace(learnt, origin=Origin.CURATED)
    library = replace(
        library, entries=tuple(curated if e is learnt else e for e in library.entries)
    )
    assert Suggester(library).names("满意度")[0].entry.key == learnt.key


def test_it_filters_by_level2() -> None:
    hits = _satisfaction_library().names("热线", level2="服务对象满意度指标")
    assert [h.entry.name for h in hits] == ["热线服务满意度"]


def test_it_answers_nothing_for_an_empty_query() -> None:
    assert _satisfaction_library().names("  （必填） ") == ()


def test_it_offers_the_bundle_of_similar_projects() -> None:
    answer = _satisfaction_library().bundle("2026年政务服务热线运行")
    assert answer.similar and all("热线" in p.name for p, _ in answer.similar)
    assert [e.name for e, _ in answer.entries] == [
        "热线接通率",
        "热线服务满意度",
    ]  # tree order on ties


def test_it_falls_back_to_the_project_type_bundle() -> None:
    answer = Suggester(learn(seed_forms())).bundle("社区公益性岗位工资补贴")
    assert answer.fund_use == "人员经费类"
    assert not answer.similar
    assert answer.entries and answer.entries[0][1] >= 1


def test_it_flags_a_value_far_outside_the_learnt_range() -> None:
    suggester = _satisfaction_library()
    far = suggester.outlier("服务对象满意度指标", "热线服务满意度", parse_value("≥60%"))
    assert far is not None
    assert far.stats.count == 6
    assert far.describe().startswith("指标库中同类指标“热线服务满意度”的常见取值为≥")
    assert "来自6份表" in far.describe() and "本表为60%" in far.describe()
    assert suggester.outlier("服务对象满意度指标", "热线服务满意度", parse_value("≥91%")) is None


def test_it_does_not_judge_with_too_few_values_or_another_unit() -> None:
    suggester = _satisfaction_library()
    assert suggester.outlier("质量指标", "道路清扫保洁面积", parse_value("≥1平方米")) is None
    assert suggester.outlier("服务对象满意度指标", "热线服务满意度", parse_value("≥60分")) is None
    assert suggester.outlier("服务对象满意度指标", "热线服务满意度", parse_value("满意")) is None


def test_it_never_suggests_a_retired_entry() -> None:
    from jixiao.library.curate import retire

    library = learn(seed_forms())
    library = retire(library, "服务对象满意度指标/用人单位满意度")
    names = [h.entry.name for h in Suggester(library).names("用人单位满意度")]
    assert "用人单位满意度" not in names


def test_the_review_judges_values_against_a_library_when_given_one() -> None:
    from jixiao.review import review

    suggester = _satisfaction_library()
    low = form("政务服务热线运行项目新", [(Level2.SERVICE_SATISFACTION, "热线服务满意度", "≥60%")])
    report = review([low], select=["B605"], library=suggester)
    (finding,) = report.forms[0].findings
    assert finding.message == "指标值≥60%明显偏离同类指标的常见取值88.5–91.5%（来自6个取值）。"
    assert review([low], select=["B605"]).forms[0].findings == ()  # alone, no peers to compare
