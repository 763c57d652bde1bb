"""Generate ``docs/rules/`` from the registry and the policy data.

One page per rule (its docstring sections, template, severity, 审核维度, scope and basis),
an index with the score formula and the review profiles, and a page listing every policy
parameter with its dated versions and citations (the generator of every check family,
:mod:`jixiao.ruledocs`). A test fails when a page is stale; regenerate with
``python -m jixiao.review.ruledocs docs/rules``.
"""

from __future__ import annotations

import sys
from datetime import date

from jixiao import ruledocs
from jixiao.policy import load_policy
from jixiao.review import rules as _rules  # noqa: F401 - registers every rule
from jixiao.review.profiles import load_profiles
from jixiao.review.registry import REGISTRY, Rule
from jixiao.review.scoring import SCORE_FORMULA

#: The date whose policy values are printed in rule pages.
DOCS_DATE = date(2025, 1, 1)


def _basis(entry: Rule) -> str:
    return str(load_policy().on(DOCS_DATE).citation(entry.basis))


def _tail() -> list[str]:
    """The score formula and the profiles."""
    profiles = [
        f"- `{p.name}`：{p.title}（{p.tree}，自 {p.effective} 起）"
        for p in load_profiles().values()
    ]
    return [
        *("", "## 评分", "", SCORE_FORMULA, "", "## 审核配置", ""),
        *profiles,
        *("", "政策参数及其依据见 [policy.md](policy.md)。", ""),
    ]


def _policy() -> dict[str, str]:
    heading = (
        "# 政策参数",
        "",
        "规则不含字面阈值；以下参数来自 `jixiao/policy/data/*.yaml`，按生效日期取值。",
        "",
    )
    return {"policy.md": ruledocs.policy_page(heading, load_policy().parameters)}


FAMILY = ruledocs.DocFamily(
    REGISTRY,
    title="审核规则",
    module="jixiao.review.ruledocs",
    directory="docs/rules",
    source="规则注册表",
    basis=_basis,
    fields=(("审核维度", lambda r: str(r.dimension)), ("范围", lambda r: str(r.scope))),
    columns=(("维度", lambda r: str(r.dimension)),),
    tail=_tail,
    extra=_policy,
)


def pages() -> dict[str, str]:
    """File name → Markdown text of every generated page."""
    return ruledocs.pages(FAMILY)


if __name__ == "__main__":
    ruledocs.main(FAMILY, sys.argv[1:])
