"""The published forms of ``../shared/corpus`` scored against their hand-made goldens.

Each declaration is imported as a user's file would be (the three ``# `` header lines
stripped) and compared with its golden: indicator F1 over (一级, 二级, 三级 name, 指标值)
after NFKC, whitespace removal, dropping （必填…） annotations and 「指标N：」 prefixes, with
「无 无」 rows skipped (the corpus README's rules); and header exactness (project name and
annual total). ``python -m tests.importers.corpus`` prints the per-form table that
docs/importing.md carries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.importers.base import ImportFailure
from jixiao.importers.text import TextImporter
from jixiao.model import Declaration
from tests.shared import CORPUS

ROOT = Path(__file__).resolve().parents[2]
HEADER_LINE = re.compile(r"^# (?:source|kind|note):")
_ANNOTATION = re.compile(r"[（(](?:必填量化|必填|选填|必填硬性指标)[)）]")
_PREFIX = re.compile(r"^(?:指标\d+)?[:：、.]*")

Row = tuple[str, str, str, str]


def norm(text: str | None) -> str:
    """The comparison form of a name, value or level."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _ANNOTATION.sub("", text)
    text = re.sub(r"\s+", "", text)
    return _PREFIX.sub("", text).rstrip("。.")


@dataclass(frozen=True, slots=True)
class Score:
    """One form: matched rows, golden rows, imported rows, header exactness."""

    name: str
    matched: int
    golden: int
    imported: int
    header: bool
    failure: str = ""


def declaration_files(corpus: Path = CORPUS) -> list[Path]:
    """The corpus forms whose header says ``kind: declaration``, in file order."""
    return [
        p
        for p in sorted((corpus / "forms").glob("*.txt"))
        if "# kind: declaration" in p.read_text(encoding="utf-8")[:2000]
    ]


def form_text(path: Path) -> str:
    """The form as published: the three ``# `` header lines dropped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not HEADER_LINE.match(line)) + "\n"


def golden_rows(golden: dict[str, object]) -> list[Row]:
    rows = golden.get("indicators") or []
    assert isinstance(rows, list)
    return [
        (norm(r["level1"]), norm(r["level2"]), norm(r["name"]), norm(r["value"]))
        for r in rows
        if r.get("name") and not (norm(r["name"]) == "无" and norm(r["value"]) in ("无", ""))
    ]


def imported_rows(decl: Declaration) -> list[Row]:
    out: list[Row] = []
    for group in decl.groups:
        l1, l2 = (group.level1, group.level2) if group.levels_printed else ("", "")
        for ind in group.indicators:
            if not (norm(ind.name) == "无" and norm(ind.value_text) in ("无", "")):
                out.append((norm(l1), norm(l2), norm(ind.name), norm(ind.value_text)))
    return out


def _matches(gold: list[Row], got: list[Row]) -> int:
    rest = list(got)
    hits = 0
    for row in gold:
        if row in rest:
            rest.remove(row)
            hits += 1
    return hits


def _header_ok(golden: dict[str, object], decl: Declaration) -> bool:
    funding = golden.get("funding_wan") or {}
    assert isinstance(funding, dict)
    total = funding.get("total")
    want = None if total is None else Decimal(str(total))
    return norm(str(golden.get("project_name") or "")) == norm(decl.project_name) and (
        want == decl.funding.annual_total
    )


def score_form(path: Path, corpus: Path = CORPUS) -> Score:
    golden = json.loads((corpus / "golden" / f"{path.stem}.json").read_text(encoding="utf-8"))
    gold = golden_rows(golden)
    try:
        result = TextImporter().extract(form_text(path).encode("utf-8"), path.name)
    except ImportFailure as exc:
        return Score(path.stem, 0, len(gold), 0, False, str(exc))
    decl = _the_form(result.declarations, golden)
    got = imported_rows(decl)
    return Score(path.stem, _matches(gold, got), len(gold), len(got), _header_ok(golden, decl))


def _the_form(decls: tuple[Declaration, ...], golden: dict[str, object]) -> Declaration:
    """The declaration the golden annotates: the one with its project name, else the first."""
    name = norm(str(golden.get("project_name") or ""))
    return next((d for d in decls if name and norm(d.project_name) == name), decls[0])


def f1(scores: list[Score]) -> float:
    matched = sum(s.matched for s in scores)
    precision = matched / max(1, sum(s.imported for s in scores))
    recall = matched / max(1, sum(s.golden for s in scores))
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def table(scores: list[Score]) -> str:
    """The per-form table of docs/importing.md."""
    lines = [
        "| form | indicators matched / golden (imported) | name + annual total |",
        "|---|---|---|",
    ]
    for s in scores:
        header = "exact" if s.header else "**differs**"
        lines.append(f"| {s.name} | {s.matched} / {s.golden} ({s.imported}) | {header} |")
    exact = sum(s.header for s in scores)
    lines.append(
        f"| **all {len(scores)}** | F1 {f1(scores):.3f} | exact on {exact} of {len(scores)} |"
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    print(table([score_form(p) for p in declaration_files()]), end="")


if __name__ == "__main__":
    main()
