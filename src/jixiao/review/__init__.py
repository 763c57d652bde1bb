"""The review engine: registered rules turn declarations into a :class:`Report`.

>>> from jixiao.review.examples import parse_example
>>> forms, profile, _ = parse_example("年度资金总额: 60")
>>> report = review(forms, profile=profile, select=["A"])
>>> [f.code for f in report.forms[0].findings]
['A401', 'A403']
"""

from jixiao.review import rules as _rules  # noqa: F401 - registers every rule
from jixiao.review.engine import review
from jixiao.review.finding import Dimension, Finding, Severity
from jixiao.review.profiles import DEFAULT_PROFILE, Profile, ProfileError, get_profile
from jixiao.review.registry import REGISTRY, Rule, rules_for
from jixiao.review.report import (
    REPORT_JSON_SCHEMA,
    FormReport,
    Report,
    flatten,
    report_dumps,
    report_to_json,
)
from jixiao.review.scoring import SCORE_FORMULA, Grade, score

__all__ = [
    "DEFAULT_PROFILE",
    "REGISTRY",
    "REPORT_JSON_SCHEMA",
    "SCORE_FORMULA",
    "Dimension",
    "Finding",
    "FormReport",
    "Grade",
    "Profile",
    "ProfileError",
    "Report",
    "Rule",
    "Severity",
    "flatten",
    "get_profile",
    "report_dumps",
    "report_to_json",
    "review",
    "rules_for",
    "score",
]
