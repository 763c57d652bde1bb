"""Blank offline templates: an empty 申报表 with the 二级 groups of a profile.

A department fills the template in Excel or Word (several blank rows per group; add
rows as needed) and imports it back. A profile fixes the indicator tree, the annotation
of each 二级 group, the title and the footnote.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from jixiao.model import (
    TREES,
    Declaration,
    IndicatorGroup,
    Level2,
    Requirement,
    TreeVariant,
)
from jixiao.model.catalogue import FormText

QUANT, REQ, OPT = Requirement.QUANTIFIED, Requirement.REQUIRED, Requirement.OPTIONAL
FOOTNOTE = FormText.FOOTNOTE.value
TITLE = FormText.TITLE.value


@dataclass(frozen=True, slots=True)
class Profile:
    """What a local template prints: tree, annotations, title, 附件 label, footnote."""

    key: str
    name: str  #: shown in the command's help
    tree: TreeVariant
    requirements: Mapping[Level2, Requirement] = field(default_factory=dict)
    title: str = TITLE
    attachment: str = ""
    footnote: str = FOOTNOTE


#: 银川市本级 2025 (the seed's 附件2): 数量/质量/时效/成本/满意度 必填量化, 社会效益 and
#: 可持续影响 必填, 经济效益 and 生态效益 选填 (domain §2).
YINCHUAN_2025 = Profile(
    key="yinchuan-2025",
    name="银川市本级 2025 年（附件2，带填报要求标注）",
    tree=TreeVariant.CLASSIC,
    requirements=MappingProxyType(
        {
            Level2.QUANTITY: QUANT,
            Level2.QUALITY: QUANT,
            Level2.TIMELINESS: QUANT,
            Level2.COST: QUANT,
            Level2.ECONOMIC_BENEFIT: OPT,
            Level2.SOCIAL_BENEFIT: REQ,
            Level2.ECOLOGICAL_BENEFIT: OPT,
            Level2.SUSTAINABILITY: REQ,
            Level2.SERVICE_SATISFACTION: QUANT,
        }
    ),
    title="银川市本级部门项目支出年度预算绩效目标申报表",
    attachment="附件2",
)
CLASSIC = Profile("classic", "财预〔2015〕88号 指标体系（无标注）", TreeVariant.CLASSIC)
V2021 = Profile("2021", "财预〔2021〕101号 指标体系（成本指标为一级指标）", TreeVariant.V2021)
PROFILES: dict[str, Profile] = {p.key: p for p in (YINCHUAN_2025, CLASSIC, V2021)}
DEFAULT_PROFILE = YINCHUAN_2025.key
BLANK_ROWS = 3


def blank_declaration(profile: Profile, year: int | None = None) -> Declaration:
    """An empty declaration with every 二级 group of the profile's tree, in order."""
    groups = tuple(
        IndicatorGroup(level1, level2, profile.requirements.get(level2))
        for level1, children in TREES[profile.tree].items()
        for level2 in children
    )
    return Declaration(
        year=year,
        project_name="",
        title=profile.title,
        attachment=profile.attachment,
        tree=profile.tree,
        groups=groups,
        footnote=profile.footnote,
    )


def render_template(
    renderer: Callable[[Sequence[Declaration], int], bytes],
    profile_key: str = DEFAULT_PROFILE,
    year: int | None = None,
) -> bytes:
    """The blank form drawn by ``renderer`` (render_xlsx, render_docx …)."""
    profile = PROFILES.get(profile_key)
    if profile is None:
        known = "、".join(PROFILES)
        raise ValueError(f"未知的模板配置“{profile_key}”（可选：{known}）")
    return renderer([blank_declaration(profile, year)], BLANK_ROWS)
