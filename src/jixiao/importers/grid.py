"""What the XLSX, DOCX and PDF importers share: their rows go to the one assembler.

Each importer turns its file into :class:`GridRow` rows in reading order — the lines above
and below the table as one-cell rows, every table row as its cells with their column and
span, and a boundary row where a page or sheet ends. Cells covered by a merge are left
out, so a merged 一级/二级 label appears once and its later rows carry it over. The rows
are read by :func:`jixiao.importers.assemble.assemble`, the same assembler that reads
every text layout (:mod:`jixiao.importers.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jixiao.importers.assemble import assemble
from jixiao.importers.base import ImportIssue
from jixiao.importers.cells import BOUNDARY, GridCell, GridRow
from jixiao.model import NOWHERE, Declaration, TreeVariant


def read_grid(
    rows: Sequence[GridRow], filename: str, tree_hint: TreeVariant | None = None
) -> tuple[list[Declaration], list[ImportIssue]]:
    """Every form in the stream, in order, with the import issues of all of them."""
    return assemble([*rows, BOUNDARY], filename, tree_hint)


def strip_locations(decl: Declaration) -> Declaration:
    """The declaration with every source location cleared, to compare content only."""
    groups = tuple(
        replace(
            g,
            location=NOWHERE,
            indicators=tuple(replace(i, location=NOWHERE) for i in g.indicators),
        )
        for g in decl.groups
    )
    return replace(
        decl,
        location=NOWHERE,
        funding=replace(decl.funding, location=NOWHERE),
        groups=groups,
        field_locations=(),
    )


__all__ = ["BOUNDARY", "GridCell", "GridRow", "read_grid", "strip_locations"]
