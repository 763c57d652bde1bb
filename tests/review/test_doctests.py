"""The doctest examples of the review and policy modules run with the review tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "jixiao.policy",
    "jixiao.review",
    "jixiao.review.context",
    "jixiao.review.examples",
    "jixiao.review.profiles",
    "jixiao.registry",
    "jixiao.review.rules.batch",
    "jixiao.review.scoring",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
