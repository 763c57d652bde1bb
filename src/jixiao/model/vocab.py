"""Closed vocabularies of the form: indicator levels, annotations, tree variants, verdicts.

The printed Chinese label is each member's value, so ``Level2("数量指标")`` reads a
label and ``str(member)`` prints one.
"""

from __future__ import annotations

from enum import StrEnum


class Level1(StrEnum):
    """一级指标."""

    OUTPUT = "产出指标"
    COST = "成本指标"  #: a 一级 only in the 2021 tree
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"


class Level2(StrEnum):
    """二级指标 of both national trees."""

    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    COST = "成本指标"  #: classic tree: under 产出指标
    ECONOMIC_COST = "经济成本指标"  #: 2021 tree
    SOCIAL_COST = "社会成本指标"  #: 2021 tree
    ECOLOGICAL_COST = "生态环境成本指标"  #: 2021 tree
    ECONOMIC_BENEFIT = "经济效益指标"
    SOCIAL_BENEFIT = "社会效益指标"
    ECOLOGICAL_BENEFIT = "生态效益指标"
    SUSTAINABILITY = "可持续影响指标"
    SERVICE_SATISFACTION = "服务对象满意度指标"


class Requirement(StrEnum):
    """The local template's annotation after a 二级 label."""

    QUANTIFIED = "必填量化"
    REQUIRED = "必填"
    OPTIONAL = "选填"


class TreeVariant(StrEnum):
    """Which national indicator tree a form follows (domain §2)."""

    CLASSIC = "财预〔2015〕88号"
    V2021 = "财预〔2021〕101号"


class Verdict(StrEnum):
    """综合评定等级: the finance bureau's verdict printed on the form."""

    APPROVED = "通过"
    REVISE = "退回修改"
    REJECTED = "退回，不予纳入财政项目库"


#: Printed above every form the 财政局 has not decided (no 综合评定等级 yet); importers drop it.
UNDECIDED_MARK = "草稿（未审核）"


#: The shape of each tree: 一级 → its 二级 in printed order.
TREES: dict[TreeVariant, dict[Level1, tuple[Level2, ...]]] = {
    TreeVariant.CLASSIC: {
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST),
        Level1.BENEFIT: (
            Level2.ECONOMIC_BENEFIT,
            Level2.SOCIAL_BENEFIT,
            Level2.ECOLOGICAL_BENEFIT,
            Level2.SUSTAINABILITY,
        ),
        Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
    },
    TreeVariant.V2021: {
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS),
        Level1.COST: (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST),
        Level1.BENEFIT: (
            Level2.ECONOMIC_BENEFIT,
            Level2.SOCIAL_BENEFIT,
            Level2.ECOLOGICAL_BENEFIT,
            Level2.SUSTAINABILITY,
        ),
        Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
    },
}


def level1_of(level2: Level2, tree: TreeVariant) -> Level1 | None:
    """The 一级 a 二级 belongs to in ``tree``, or None where the tree has no such 二级.

    >>> level1_of(Level2.COST, TreeVariant.CLASSIC)
    <Level1.OUTPUT: '产出指标'>
    >>> level1_of(Level2.COST, TreeVariant.V2021) is None
    True
    """
    return _PARENTS.get((tree, level2))


_PARENTS: dict[tuple[TreeVariant, Level2], Level1] = {
    (tree, level2): level1
    for tree, shape in TREES.items()
    for level1, children in shape.items()
    for level2 in children
}
