"""The catalogue's level names: the 一级 / 二级 labels real forms print for each level of
the national trees (:mod:`jixiao.model.vocab` holds the levels themselves).

A label is reduced to its stem — annotations （必填…）/（或建筑规模指标） and a trailing
指标 / 值 removed — and the stem is looked up: 产出值, 项目完成指标, 预期产出指标 → 产出指标;
效果指标 → 效益指标; 社会公众或服务对象满意度指标 → 服务对象满意度指标; 预算(或投资规模)控制指标
→ 成本指标; 数量值 → 数量指标. A merged label (社会、经济、生态效益指标) names no single level.

成本指标 is a 二级 in the classic tree and a 一级 in the 2021 tree: :func:`is_cost_label`
says the label is a cost label and the caller decides by the tree. Adding a province's
spelling is one edit: append its stem below.
"""

from __future__ import annotations

import re

from jixiao.model.catalogue_text import label_key, label_keys, note_of
from jixiao.model.vocab import Level1, Level2, Requirement

#: 一级 stems (label without 指标/值) → level.
LEVEL1_STEMS: dict[str, Level1] = {
    "产出": Level1.OUTPUT,
    "预期产出": Level1.OUTPUT,
    "项目完成": Level1.OUTPUT,
    "项目产出": Level1.OUTPUT,
    "效益": Level1.BENEFIT,
    "效果": Level1.BENEFIT,
    "项目效益": Level1.BENEFIT,
    "预期效果": Level1.BENEFIT,
    "满意度": Level1.SATISFACTION,
}
#: 二级 stems → level. 成本 is in :data:`COST_STEMS` (its level depends on the tree).
LEVEL2_STEMS: dict[str, Level2] = {
    "数量": Level2.QUANTITY,
    "质量": Level2.QUALITY,
    "时效": Level2.TIMELINESS,
    "进度": Level2.TIMELINESS,
    "经济成本": Level2.ECONOMIC_COST,
    "社会成本": Level2.SOCIAL_COST,
    "生态环境成本": Level2.ECOLOGICAL_COST,
    "生态成本": Level2.ECOLOGICAL_COST,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "可持续影响": Level2.SUSTAINABILITY,
    "可持续影响力": Level2.SUSTAINABILITY,
    "服务对象满意度": Level2.SERVICE_SATISFACTION,
    "社会公众或服务对象满意度": Level2.SERVICE_SATISFACTION,
    "社会公众满意度": Level2.SERVICE_SATISFACTION,
    "群众满意度": Level2.SERVICE_SATISFACTION,
    "满意度": Level2.SERVICE_SATISFACTION,  #: a 二级 cell printing 满意度指标 (corpus 017)
}
#: Stems of the cost label, a 二级 (classic) or a 一级 (2021).
COST_STEMS = frozenset({"成本", "预算(或投资规模)控制", "预算控制", "投资规模控制"})
#: The 效益 二级 a merged label names (社会、经济、生态效益, 经济社会效益 …), in the order its
#: rows are filed under when the model needs one level: 社会效益 where it is named.
MERGED_PARTS: tuple[tuple[str, Level2], ...] = (
    ("社会", Level2.SOCIAL_BENEFIT),
    ("经济", Level2.ECONOMIC_BENEFIT),
    ("生态", Level2.ECOLOGICAL_BENEFIT),
)
_PARTS = "|".join(word for word, _ in MERGED_PARTS)
#: A stem that merges several 效益 二级 into one (two or three parts, with or without 、和及与).
MERGED_STEM_PATTERN = f"(?:{_PARTS})(?:[、，,和及与]?(?:{_PARTS})){{1,2}}效益"
_MERGED = re.compile(f"^{MERGED_STEM_PATTERN}$")
#: Annotations after a 二级 label (the template's 填报要求) → requirement.
REQUIREMENTS: dict[str, Requirement] = {
    "必填量化": Requirement.QUANTIFIED,
    "必填": Requirement.REQUIRED,
    "必填硬性指标": Requirement.REQUIRED,
    "选填": Requirement.OPTIONAL,
}

_SUFFIX = re.compile(r"(?:指标|值)$")


def _stems(text: str) -> tuple[str, ...]:
    """The label's stem with and without its annotations, most specific first."""
    return tuple(dict.fromkeys(_SUFFIX.sub("", key) for key in label_keys(text)))


def level1_for_label(text: str) -> Level1 | None:
    """The 一级 a printed 一级 label names, or None (cost labels: see :func:`is_cost_label`).

    >>> level1_for_label("项目完成指标"), level1_for_label("效果指标")
    (<Level1.OUTPUT: '产出指标'>, <Level1.BENEFIT: '效益指标'>)
    >>> level1_for_label("产 出 值")
    <Level1.OUTPUT: '产出指标'>
    """
    return next((LEVEL1_STEMS[s] for s in _stems(text) if s in LEVEL1_STEMS), None)


def level2_for_label(text: str) -> Level2 | None:
    """The 二级 a printed 二级 label names, or None (cost and merged labels included).

    >>> level2_for_label("数量指标（或建筑规模指标）"), level2_for_label("数量值")
    (<Level2.QUANTITY: '数量指标'>, <Level2.QUANTITY: '数量指标'>)
    >>> level2_for_label("社会公众或服务对象满意度指标")
    <Level2.SERVICE_SATISFACTION: '服务对象满意度指标'>
    >>> level2_for_label("社会、经济、生态效益 指标") is None
    True
    """
    return next((LEVEL2_STEMS[s] for s in _stems(text) if s in LEVEL2_STEMS), None)


def is_cost_label(text: str) -> bool:
    """成本指标 or a spelling of it (预算(或投资规模)控制指标).

    >>> is_cost_label("预算(或投资规模)控制指标"), is_cost_label("经济成本指标")
    (True, False)
    """
    return any(s in COST_STEMS for s in _stems(text))


def is_merged_level(text: str) -> bool:
    """A label that merges several 二级 (社会、经济、生态效益指标, 社会经济效益指标).

    >>> is_merged_level("社会、经济、生态效益 指标"), is_merged_level("经济社会效益指标")
    (True, True)
    """
    return merged_level2(text) is not None


def merged_level2(text: str) -> Level2 | None:
    """The one 二级 the rows of a merged label are filed under (社会效益 where it names 社会,
    else the first it names), or None when ``text`` merges nothing.

    >>> merged_level2("社会经济效益指标"), merged_level2("经济、生态效益指标")
    (<Level2.SOCIAL_BENEFIT: '社会效益指标'>, <Level2.ECONOMIC_BENEFIT: '经济效益指标'>)
    """
    stem = next((s for s in _stems(text) if _MERGED.match(s)), None)
    if stem is None:
        return None
    return next(level for word, level in MERGED_PARTS if word in stem)


def split_annotation(text: str) -> tuple[str, Requirement | None]:
    """A level label and the requirement its trailing annotation states.

    >>> split_annotation("数量指标 (必填硬性指标)")
    ('数量指标', <Requirement.REQUIRED: '必填'>)
    >>> split_annotation("时效指标（必填量化）")
    ('时效指标', <Requirement.QUANTIFIED: '必填量化'>)
    >>> split_annotation("质量指标")
    ('质量指标', None)
    """
    note = note_of(text)
    if note in REQUIREMENTS:
        return label_keys(text)[1], REQUIREMENTS[note]
    return label_key(text), None
