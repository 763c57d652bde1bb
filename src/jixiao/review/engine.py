"""Run the selected rules over declarations and assemble the :class:`Report`."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from jixiao.importers.base import ImportIssue
from jixiao.model import Declaration
from jixiao.policy import PolicyValues, load_policy
from jixiao.review.context import BatchContext, FormContext, FormSummary
from jixiao.review.finding import Finding
from jixiao.review.profiles import DEFAULT_PROFILE, get_profile
from jixiao.review.registry import Hit, Rule, Scope, rules_for
from jixiao.review.report import FormReport, Report
from jixiao.review.scoring import score

if TYPE_CHECKING:  # the 指标库 is only handed in, never built here
    from jixiao.library.suggest import Suggester


@cache
def policy_for(year: int | None) -> PolicyValues:
    """Policy values in force on 1 January of the budget year (today when unknown)."""
    day = date(year, 1, 1) if year else date.today()
    return load_policy().on(day)


def review(
    declarations: Sequence[Declaration],
    *,
    profile: str = DEFAULT_PROFILE,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    import_issues: Sequence[ImportIssue] = (),
    library: Suggester | None = None,
) -> Report:
    """Review ``declarations`` with the rules chosen by code prefix; see :mod:`jixiao.review`.

    ``library``: the 指标库 values are judged against (B605); without it, the forms of the run.
    """
    return _review(declarations, profile, select, ignore, import_issues, library)


def _review(
    declarations: Sequence[Declaration],
    profile: str,
    select: Sequence[str],
    ignore: Sequence[str],
    import_issues: Sequence[ImportIssue],
    library: Suggester | None,
) -> Report:
    chosen = get_profile(profile)
    rules = rules_for(select, ignore)
    issues = _issues_by_form(declarations, import_issues)
    form_rules = [r for r in rules if r.scope is Scope.FORM]
    found: list[list[Finding]] = []
    kept: list[FormSummary] = []
    for i, d in enumerate(declarations):
        # each context lives only while its single-form rules run; the batch keeps a summary
        ctx = FormContext(d, chosen, policy_for(d.year), issues[i])
        found.append(_check_form(ctx, form_rules))
        kept.append(FormSummary(ctx))
    batch = BatchContext(kept, library)
    for entry in rules:
        if entry.scope is Scope.BATCH:
            for h in entry.check(batch):
                found[h.form].append(render(entry, h, kept[h.form].policy))
    return Report(chosen.name, tuple(_form_report(s, f) for s, f in zip(kept, found, strict=True)))


def _check_form(ctx: FormContext, rules: Sequence[Rule]) -> list[Finding]:
    """The findings of the single-form rules, unsorted (the report sorts them stably)."""
    found = []
    for entry in rules:
        for hit in entry.check(ctx):
            found.append(render(entry, hit, ctx.policy))
    return found


def _form_report(ctx: FormSummary, findings: list[Finding]) -> FormReport:
    findings.sort(key=Finding.sort_key)
    outcome = score(findings, ctx.policy)
    decl = ctx.decl
    return FormReport(
        decl.project_name,
        decl.location.file,
        decl.location.line,
        tuple(findings),
        outcome.points,
        outcome.grade,
        outcome.verdict,
        decl.printed_verdict if decl.verdict is None else decl.verdict,
    )


def render(entry: Rule, hit: Hit, policy: PolicyValues) -> Finding:
    """The finding of one hit: the template and the fix filled in with the hit's args."""
    args = hit.args  # already text
    return Finding(
        entry.code,
        entry.symbol,
        entry.severity,
        entry.dimension,
        entry.template.format_map(args),
        args,
        hit.path,
        hit.location,
        _basis(entry.basis, policy),
        entry.fix.format_map(args),
    )


@cache
def _basis(key: str, policy: PolicyValues) -> str:
    return str(policy.citation(key))


def _issues_by_form(
    declarations: Sequence[Declaration], issues: Sequence[ImportIssue]
) -> list[tuple[ImportIssue, ...]]:
    """Give each import issue to the form of the same file that starts last before it."""
    starts: dict[str, list[tuple[int, int]]] = {}
    for i, d in enumerate(declarations):
        starts.setdefault(d.location.file, []).append((d.location.line or 0, i))
    for forms in starts.values():
        forms.sort()
    result: list[list[ImportIssue]] = [[] for _ in declarations]
    for issue in issues:
        forms = starts.get(issue.location.file, [])
        at = bisect.bisect_right(forms, (issue.location.line or 0, len(declarations)))
        if at:
            result[forms[at - 1][1]].append(issue)
    return [tuple(r) for r in result]
