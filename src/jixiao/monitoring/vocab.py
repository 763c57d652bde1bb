"""Closed vocabularies of the 项目支出绩效目标执行监控表 (lifecycle §1, §4).

The printed Chinese label is each member's value. The vendor's numeric codes are kept
beside them (``code``) for export. Labels of the table's blocks and columns are in
the form catalogue (:mod:`jixiao.model.catalogue_monitoring`).
"""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    """偏差原因分析: the five 保障 angles of 财预〔2019〕136号 (several may apply)."""

    FUNDING = "经费保障"
    RULES = "制度保障"
    STAFF = "人员保障"
    FACILITIES = "硬件条件保障"
    OTHER = "其他"


class Likelihood(StrEnum):
    """完成目标可能性 (vendor codes 1, 2, 3; 黄石 prints 不可能 for 完全不可能)."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"

    @property
    def at_risk(self) -> bool:
        """有可能 and 完全不可能 make forecast, cause and measure mandatory."""
        return self is not Likelihood.CERTAIN


#: Printed variants of the likelihood answer → member (「1-确定能」 keeps its digit in Hefei).
LIKELIHOOD_VARIANTS: dict[str, Likelihood] = {
    **{m.value: m for m in Likelihood},
    "不可能": Likelihood.IMPOSSIBLE,
    "能": Likelihood.CERTAIN,
    "1": Likelihood.CERTAIN,
    "2": Likelihood.POSSIBLE,
    "3": Likelihood.IMPOSSIBLE,
    "1-确定能": Likelihood.CERTAIN,
    "2-有可能": Likelihood.POSSIBLE,
    "3-完全不可能": Likelihood.IMPOSSIBLE,
}


class Progress(StrEnum):
    """Completion of a qualitative indicator in monitoring (not the self-evaluation wording)."""

    MET = "达成目标"
    PARTLY = "部分达成目标并具有一定效果"
    NOT_MET = "未达成目标且效果较差"


#: Short forms users type for :class:`Progress` (the vendor's import template allows them).
PROGRESS_VARIANTS: dict[str, Progress] = {
    **{m.value: m for m in Progress},
    "达成": Progress.MET,
    "已达成": Progress.MET,
    "部分达成": Progress.PARTLY,
    "未达成": Progress.NOT_MET,
}


class Light(StrEnum):
    """预警灯. GREY is no light at all: the inputs do not allow one."""

    RED = "红灯"
    YELLOW = "黄灯"
    GREEN = "绿灯"
    BLUE = "蓝灯"
    GREY = "无法判定"

    @property
    def severity(self) -> int:
        """red 3 > yellow 2 > green 1 > blue 0; grey −1 (ignored by :func:`worst`)."""
        return _SEVERITY[self]


_SEVERITY = {Light.RED: 3, Light.YELLOW: 2, Light.GREEN: 1, Light.BLUE: 0, Light.GREY: -1}


def worst(lights: list[Light]) -> Light:
    """The project light: the worst of ``lights`` (red > yellow > green > blue); grey if none.

    >>> worst([Light.BLUE, Light.GREEN, Light.GREY])
    <Light.GREEN: '绿灯'>
    >>> worst([Light.GREY])
    <Light.GREY: '无法判定'>
    """
    lit = [light for light in lights if light is not Light.GREY]
    return max(lit, key=lambda light: light.severity) if lit else Light.GREY


class Pacing(StrEnum):
    """How an indicator's completion is expected to grow during the year."""

    LINEAR = "按序时进度"  #: A is compared with T × m ÷ 12 (counts, amounts)
    NONE = "不按序时进度"  #: A is compared with T itself (rates such as 合格率, lumpy outputs)


__all__ = [
    "LIKELIHOOD_VARIANTS",
    "PROGRESS_VARIANTS",
    "Cause",
    "Light",
    "Likelihood",
    "Pacing",
    "Progress",
    "worst",
]
