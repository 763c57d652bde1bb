"""Golden files of the text importer: inputs, their expected canonical JSON and issues.

Regenerate after a deliberate change with ``make golden`` (``python -m tests.importers.goldens``)
and review the diff row by row against the input before committing.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.data import SEED_NAME
from jixiao.importers.base import ImportResult
from jixiao.importers.text import TextImporter
from jixiao.model import dumps

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SEED = ROOT / "src" / "jixiao" / "data" / SEED_NAME
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


def sources() -> list[Path]:
    """Every input with golden files: the seed and the layout fixtures."""
    return [SEED, *sorted(FIXTURES.glob("*.txt"))]


def import_file(path: Path) -> ImportResult:
    """Import with the bare file name as the source, so goldens do not depend on paths."""
    return TextImporter().extract(path.read_bytes(), path.name)


def golden_texts(path: Path) -> dict[Path, str]:
    """The golden files of one input: one canonical JSON per form, plus the import issues."""
    result = import_file(path)
    stem = "seed" if path == SEED else path.stem
    out = {
        GOLDEN / f"{stem}_{n:02d}.json": dumps([decl])
        for n, decl in enumerate(result.declarations, 1)
    }
    out[GOLDEN / f"{stem}.issues.txt"] = "".join(f"{issue}\n" for issue in result.issues)
    return out


def regenerate() -> None:
    for path in sources():
        for target, text in golden_texts(path).items():
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    regenerate()
