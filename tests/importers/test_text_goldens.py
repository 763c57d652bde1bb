"""The text importer against golden files checked by hand against their inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.goldens import SEED, golden_texts, sources


@pytest.mark.parametrize("source", sources(), ids=lambda p: p.name)
def test_it_matches_the_golden_files(source: Path) -> None:
    for target, text in golden_texts(source).items():
        assert target.exists(), f"missing golden {target.name}: run `make golden`"
        assert text == target.read_text(encoding="utf-8"), f"{target.name} differs"


def test_it_reads_all_seven_seed_forms() -> None:
    outputs = golden_texts(SEED)
    assert len([p for p in outputs if p.suffix == ".json"]) == 7
