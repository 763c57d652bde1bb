"""Real published declarations (../shared/corpus) and our own layout fixtures, scored
against their hand-made goldens (see tests/importers/corpus.py for the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importers.text import TextImporter
from jixiao.model import Declaration
from tests.importers.corpus import (
    CORPUS,
    ROOT,
    declaration_files,
    f1,
    form_text,
    score_form,
    table,
)

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
DOC = ROOT / "docs" / "importing.md"

#: The floors this importer reaches; a change that reads fewer forms fails here.
CORPUS_F1 = 0.97
CORPUS_HEADERS = 20
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


def _summary(decl: Declaration) -> tuple[str, object, int]:
    return decl.project_name, decl.funding.annual_total, sum(len(g.indicators) for g in decl.groups)


def _read(text: str) -> list[tuple[str, object, int]]:
    return [_summary(d) for d in TextImporter().extract(text.encode(), "forms.txt").declarations]


@pytest.mark.parametrize(
    "corpus",
    [pytest.param(CORPUS, marks=needs_corpus, id="published"), pytest.param(LAYOUTS, id="ours")],
)
def test_a_file_of_every_declaration_splits_as_each_reads_alone(corpus: Path) -> None:
    """An analyst's collection: every declaration one after another in one file (a blank
    line between them, notices and truncated tables included) gives each form once, with
    the project name, annual total and indicators it has when read alone."""
    texts = [form_text(p) for p in declaration_files(corpus)]
    alone = [_read(text) for text in texts]
    assert all(alone)
    assert _read("\n".join(texts)) == [form for forms in alone for form in forms]
