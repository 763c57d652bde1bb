"""Review profiles: the indicator tree a form follows and which 二级 groups are required.

Profiles are data (``jixiao/policy/data/profiles.yaml``): ``classic`` (财预〔2015〕88号),
``2021`` (财预〔2021〕101号, 成本指标 as a 一级) and ``yinchuan`` (the 银川/宁夏 template
with its （必填量化） annotations). A form's printed annotation always wins.

>>> get_profile("yinchuan").requirements[Level2.QUALITY]
<Requirement.QUANTIFIED: '必填量化'>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from jixiao.model import Level2, Requirement, TreeVariant
from jixiao.policy import PolicyError, check_keys, data_text, load_policy, load_yaml

DEFAULT_PROFILE = "classic"
_KEYS = frozenset({"title", "tree", "effective", "citation", "requirements"})


@dataclass(frozen=True, slots=True)
class Profile:
    """One review profile."""

    name: str
    title: str  #: Chinese title shown in reports
    tree: TreeVariant
    effective: date
    citation: str  #: citation key in the policy data
    requirements: Mapping[Level2, Requirement]  #: 二级 → requirement; absent = not in tree


class ProfileError(LookupError):
    """An unknown profile name; the message lists the known ones."""


@cache
def load_profiles() -> Mapping[str, Profile]:
    """All packaged profiles by name."""
    name = "profiles.yaml"
    data = check_keys(load_yaml(data_text(name), name), name, frozenset({"profiles"}))
    return {str(k): _profile(str(k), v, f"{name}：{k}") for k, v in data["profiles"].items()}


def _profile(name: str, body: object, where: str) -> Profile:
    data = check_keys(body, where, _KEYS)
    if data["citation"] not in load_policy().citations:
        raise PolicyError(f"{where}：引用了未定义的依据“{data['citation']}”")
    try:
        tree = TreeVariant(data["tree"])
        reqs = {Level2(k): Requirement(v) for k, v in data["requirements"].items()}
    except ValueError as exc:
        raise PolicyError(f"{where}：{exc}") from None
    return Profile(name, str(data["title"]), tree, data["effective"], data["citation"], reqs)


def get_profile(name: str) -> Profile:
    """A profile by name, or :class:`ProfileError` naming the known profiles."""
    profiles = load_profiles()
    if name not in profiles:
        known = "、".join(profiles)
        raise ProfileError(f"未知的审核配置“{name}”，可选：{known}")
    return profiles[name]
