"""Generate ``docs/evaluation-rules/`` from the self-evaluation check registry.

One page per check (its docstring sections, template, severity and basis) and an index
with the score formula (the generator of every check family, :mod:`jixiao.ruledocs`). A
test fails when a page is stale; regenerate with
``python -m jixiao.evaluation.checkdocs docs/evaluation-rules``.
"""

from __future__ import annotations

import sys

from jixiao import ruledocs
from jixiao.evaluation.checks import CHECKS
from jixiao.evaluation.formulas import __doc__ as FORMULAS_DOC
from jixiao.evaluation.policy import scoring_policy
from jixiao.evaluation.rules import Check
from jixiao.evaluation.scoring import SCORE_FORMULA
from jixiao.policy import load_policy


def _basis(entry: Check) -> str:
    return str(load_policy().on(scoring_policy().day).citation(entry.basis))


def _tail() -> list[str]:
    """The score formula and the row formulas."""
    return ["", "## 计分", "", SCORE_FORMULA, "", "```", (FORMULAS_DOC or "").strip(), "```", ""]


FAMILY = ruledocs.DocFamily(
    CHECKS,
    title="绩效自评检查",
    module="jixiao.evaluation.checkdocs",
    directory="docs/evaluation-rules",
    source="检查注册表",
    basis=_basis,
    note="示例的写法见 `jixiao/evaluation/examples.py`。",
    tail=_tail,
)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    return ruledocs.pages(FAMILY)


if __name__ == "__main__":
    ruledocs.main(FAMILY, sys.argv[1:])
