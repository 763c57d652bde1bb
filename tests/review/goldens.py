"""Golden review report of the seven seed forms, and how to regenerate it.

Regenerate after a deliberate rule or policy change with::

    PYTHONPATH=src .venv/bin/python -m tests.review.goldens

then read the diff finding by finding (docs/review.md explains each seed finding) before
committing. The seed is reviewed under the ``yinchuan`` profile, the template it was filed on.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.text import TextImporter
from jixiao.review import Report, report_dumps, review
from jixiao.review.command import format_report

HERE = Path(__file__).parent
GOLDEN_JSON = HERE / "golden" / "seed_report.json"
GOLDEN_TEXT = HERE / "golden" / "seed_report.txt"
SEED_PROFILE = "yinchuan"


def seed_report() -> Report:
    """The review of the seed forms, with the bare seed file name as the source."""
    result = TextImporter().extract(seed_bytes(), SEED_NAME)
    return review(result.declarations, profile=SEED_PROFILE, import_issues=result.issues)


def golden_texts() -> dict[Path, str]:
    report = seed_report()
    return {GOLDEN_JSON: report_dumps(report), GOLDEN_TEXT: format_report(report)}


def main() -> None:
    for path, text in golden_texts().items():
        path.write_text(text, encoding="utf-8")
        print(f"已写入 {path.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
