"""Policy as data: cited, dated thresholds, word lists, grading and review profiles.

>>> from datetime import date
>>> values = load_policy().on(date(2025, 1, 1))
>>> values.number("satisfaction_floor")
Decimal('85')
>>> values.citation("satisfaction_floor").number
'财预〔2015〕88号'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from jixiao.policy.loader import PolicyError, StrictLoader, check_keys, load_yaml
from jixiao.policy.model import Citation, Parameter, ParamType, Policy, PolicyValues, Version
from jixiao.policy.parse import parse_policy

#: The policy files under ``jixiao/policy/data`` (profiles.yaml is read by the review).
POLICY_FILES = (
    "citations.yaml",
    "thresholds.yaml",
    "vocabulary.yaml",
    "grading.yaml",
    "evaluation.yaml",
    "library.yaml",
)


def data_text(name: str) -> str:
    """The text of one packaged policy file."""
    return resources.files("jixiao.policy").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_policy() -> Policy:
    """The packaged policy, parsed strictly once per process."""
    return parse_policy((name, data_text(name)) for name in POLICY_FILES)


__all__ = [
    "POLICY_FILES",
    "Citation",
    "ParamType",
    "Parameter",
    "Policy",
    "PolicyError",
    "PolicyValues",
    "StrictLoader",
    "Version",
    "check_keys",
    "data_text",
    "load_policy",
    "load_yaml",
    "parse_policy",
]
