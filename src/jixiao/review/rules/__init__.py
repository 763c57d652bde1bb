"""The rule modules, imported explicitly (no folder scanning) so registration is visible."""

from jixiao.review.rules import (
    batch,
    classification,
    completeness,
    feasibility,
    funding,
    goal,
    imports,
    peers,
    satisfaction,
    uniqueness,
    values,
)

__all__ = [
    "batch",
    "classification",
    "completeness",
    "feasibility",
    "funding",
    "goal",
    "imports",
    "peers",
    "satisfaction",
    "uniqueness",
    "values",
]
