"""The doctest examples of the evaluation modules run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["jixiao.evaluation", "jixiao.evaluation.examples", "jixiao.evaluation.scoring"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
