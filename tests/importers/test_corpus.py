"""Real published declarations (../shared/corpus) and our own layout fixtures, scored
against their hand-made goldens (see tests/importers/corpus.py for the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.corpus import (
    CORPUS,
    ROOT,
    declaration_files,
    f1,
    score_form,
    table,
)

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
DOC = ROOT / "docs" / "importing.md"

#: The floors this importer reaches; a change that reads fewer forms fails here.
CORPUS_F1 = 0.97
CORPUS_HEADERS = 19
LAYOUTS_F1 = 0.97

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")


@needs_corpus
def test_it_reads_the_published_declarations() -> None:
    files = declaration_files()
    assert len(files) == 20
    scores = [score_form(p) for p in files]
    assert not [s.failure for s in scores if s.failure]
    assert f1(scores) >= CORPUS_F1, table(scores)
    assert sum(s.header for s in scores) >= CORPUS_HEADERS, table(scores)


@needs_corpus
def test_the_per_form_table_in_docs_is_current() -> None:
    scores = [score_form(p) for p in declaration_files()]
    assert table(scores) in DOC.read_text(encoding="utf-8"), (
        "docs/importing.md is stale: paste `python -m tests.importers.corpus`"
    )


def test_it_reads_forms_it_was_not_tuned_on() -> None:
    files = declaration_files(LAYOUTS)
    assert len(files) >= 6
    scores = [score_form(p, LAYOUTS) for p in files]
    assert not [s.failure for s in scores if s.failure]
    assert f1(scores) >= LAYOUTS_F1, table(scores)
    assert all(s.header for s in scores), table(scores)
