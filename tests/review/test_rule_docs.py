"""docs/rules/ is generated from the registry: every rule documented, no page stale."""

from __future__ import annotations

from pathlib import Path

from jixiao.review import REGISTRY
from jixiao.review.ruledocs import pages

DOCS = Path(__file__).parent.parent.parent / "docs" / "rules"
REGENERATE = "运行 PYTHONPATH=src python -m jixiao.review.ruledocs docs/rules"


def test_every_rule_has_a_page_and_an_index_entry() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for code in REGISTRY:
        assert (DOCS / f"{code}.md").exists(), f"{code} 没有文档；{REGENERATE}"
        assert f"[{code}]({code}.md)" in index


def test_generated_pages_are_not_stale() -> None:
    for name, text in pages().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"{name} 已过期；{REGENERATE}"


def test_no_page_without_a_rule() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(pages())


def test_every_page_cites_a_document_number() -> None:
    for code in REGISTRY:
        page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
        assert "| 依据 | 《" in page and "）" in page
