"""docs/evaluation-rules/ is generated from the check registry: nothing undocumented or stale."""

from __future__ import annotations

from pathlib import Path

from jixiao.evaluation.checkdocs import pages
from jixiao.evaluation.checks import CHECKS

DOCS = Path(__file__).parent.parent.parent / "docs" / "evaluation-rules"
REGENERATE = "运行 PYTHONPATH=src python -m jixiao.evaluation.checkdocs docs/evaluation-rules"


def test_every_check_has_a_page_and_an_index_entry() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for code in CHECKS:
        assert (DOCS / f"{code}.md").exists(), f"{code} 没有文档；{REGENERATE}"
        assert f"[{code}]({code}.md)" in index


def test_generated_pages_are_not_stale() -> None:
    for name, text in pages().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"{name} 已过期；{REGENERATE}"


def test_no_page_without_a_check() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(pages())


def test_every_page_cites_its_basis() -> None:
    for code in CHECKS:
        assert "| 依据 | 《" in (DOCS / f"{code}.md").read_text(encoding="utf-8")
