"""The doctest examples of the monitoring modules run with the monitoring tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "jixiao.monitoring.build",
    "jixiao.monitoring.engine",
    "jixiao.monitoring.entry",
    "jixiao.monitoring.examples",
    "jixiao.monitoring.lights",
    "jixiao.monitoring.policy",
    "jixiao.monitoring.published",
    "jixiao.monitoring.vocab",
    "jixiao.monitoring.workflow",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
