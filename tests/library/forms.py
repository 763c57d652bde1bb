"""Forms for the library tests: the seed, the corpus declarations, and small made-up ones."""

from __future__ import annotations

import functools

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.base import ImportFailure
from jixiao.importers.detect import import_bytes
from jixiao.model import Declaration, Indicator, IndicatorGroup, Level1, Level2
from jixiao.values import parse_value
from tests.shared import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "forms"


@functools.cache
def seed_forms() -> tuple[tuple[str, Declaration], ...]:
    forms = import_bytes(seed_bytes(), SEED_NAME).declarations
    return tuple((f"{SEED_NAME}:{d.location.line}", d) for d in forms)


@functools.cache
def corpus_forms() -> tuple[tuple[str, Declaration], ...]:
    """Every declaration of ../shared/corpus the importer reads (header lines stripped)."""
    assert CORPUS.is_dir(), f"the corpus of real forms is missing: {CORPUS}"
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if "# kind: declaration" not in lines[:3]:
            continue
        body = "\n".join(line for line in lines if not line.startswith("# ")).encode()
        try:
            decls = import_bytes(body, path.name).declarations
        except ImportFailure:
            continue
        found.extend((f"{path.name}:{d.location.line}", d) for d in decls)
    return tuple(found)


def form(name: str, rows: list[tuple[Level2, str, str]], year: int = 2025) -> Declaration:
    """A declaration with the given (二级指标, 三级指标, 指标值) rows."""
    level1 = {
        Level2.QUANTITY: Level1.OUTPUT,
        Level2.QUALITY: Level1.OUTPUT,
        Level2.TIMELINESS: Level1.OUTPUT,
        Level2.COST: Level1.OUTPUT,
        Level2.SOCIAL_BENEFIT: Level1.BENEFIT,
        Level2.SERVICE_SATISFACTION: Level1.SATISFACTION,
    }
    groups: dict[Level2, list[Indicator]] = {}
    for level2, ind, value in rows:
        groups.setdefault(level2, []).append(Indicator(ind, value, parse_value(value)))
    return Declaration(
        year=year,
        project_name=name,
        groups=tuple(
            IndicatorGroup(level1[l2], l2, indicators=tuple(i)) for l2, i in groups.items()
        ),
    )
