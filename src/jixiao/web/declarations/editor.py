"""The editor's form: a Declaration ↔ the posted fields of the editor page.

Header and funding are plain fields; the indicator table is one field, ``rows`` (a JSON list
of [key, 二级, 三级, 指标值] in page order, ``rows.py``), so rows can be added, removed and
moved inside their 二级 group in the browser and a form of any size stays a few fields.
Drafts are never blocked by review findings; only amounts that cannot be stored exactly, a
malformed year and a malformed or oversized table are refused.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict

from jixiao.model import (
    NOWHERE,
    TREES,
    Declaration,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Organisation,
    Requirement,
    TreeVariant,
    level1_of,
)
from jixiao.model.catalogue import FieldKey, spec
from jixiao.values import parse_value
from jixiao.web.declarations.codec import MoneyError, parse_wan
from jixiao.web.declarations.engine import FindingView
from jixiao.web.declarations.inputs import InputError, parse_level2, parse_tree, parse_year
from jixiao.web.declarations.rows import FIELD, PostedRow, RowsError, parse_rows

_K = FieldKey
#: Editor field → catalogue field; organisations are edited as name and code.
_HEADER_FIELDS = (
    ("project_name", _K.PROJECT_NAME),
    ("department_name", _K.DEPARTMENT),
    ("department_code", _K.DEPARTMENT_CODE),
    ("implementer_name", _K.IMPLEMENTER),
    ("implementer_code", _K.IMPLEMENTER_CODE),
    ("attribute", _K.ATTRIBUTE),
    ("period", _K.PERIOD),
)
_MONEY_FIELDS = (_K.ANNUAL_TOTAL, _K.FISCAL, _K.OTHER)
# Every label the editor shows is the catalogue's (jixiao.model.catalogue).
HEADER = tuple((name, spec(key).name) for name, key in _HEADER_FIELDS)
#: Fields the organisation tree fills (store.save keeps the tree's whatever is posted).
TREE_FIELDS = frozenset(
    {"department_name", "department_code", "implementer_name", "implementer_code"}
)
MONEY = tuple((key.value, spec(key).label) for key in _MONEY_FIELDS)
TEXTS_KEY = (_K.ANNUAL_GOAL.value, _K.ANNUAL_GOAL)
TEXTS = ((TEXTS_KEY[0], spec(TEXTS_KEY[1]).label),)


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class GroupView:
    level1: Level1
    level2: Level2
    requirement: Requirement | None
    rows: tuple[Row, ...]


def header_values(form: Declaration) -> dict[str, str]:
    """The editor's initial field values for ``form``."""
    f = form.funding
    return {
        "year": "" if form.year is None else str(form.year),
        "project_name": form.project_name,
        "department_name": form.department.name,
        "department_code": form.department.code,
        "implementer_name": form.implementer.name,
        "implementer_code": form.implementer.code,
        "attribute": form.attribute,
        "period": form.period,
        "annual_total": "" if f.annual_total is None else str(f.annual_total),
        "fiscal": "" if f.fiscal is None else str(f.fiscal),
        "other": "" if f.other is None else str(f.other),
        "annual_goal": form.annual_goal,
        "tree": form.tree.value,
    }


def groups(
    form: Declaration, template: Mapping[Level2, Requirement] | None = None
) -> list[GroupView]:
    """Every group of the form's tree in order (empty ones too), then any extra groups.

    ``template`` gives the annotation of groups the form does not print (the profile's).
    """
    template = template or {}
    by_level2 = {g.level2: g for g in form.groups}
    out: list[GroupView] = []
    counter = 0
    order = [(l1, l2) for l1, l2s in TREES[form.tree].items() for l2 in l2s]
    order += [(g.level1, g.level2) for g in form.groups if (g.level1, g.level2) not in order]
    for level1, level2 in order:
        group = by_level2.get(level2)
        rows = []
        for ind in group.indicators if group else ():
            counter += 1
            rows.append(Row(f"r{counter}", ind.name, ind.display_value))
        requirement = (group.requirement if group else None) or template.get(level2)
        out.append(GroupView(level1, level2, requirement, tuple(rows)))
    return out


def read(
    post: QueryDict, base: Declaration, template: Mapping[Level2, Requirement] | None = None
) -> tuple[Declaration, dict[str, str]]:
    """The declaration the posted editor fields describe, and field errors (Chinese)."""
    errors: dict[str, str] = {}
    money = {}
    for name, label in MONEY:
        try:
            money[name] = parse_wan(post.get(name, ""), label)
        except MoneyError as exc:
            errors[name] = str(exc)
            money[name] = getattr(base.funding, name)
    year = base.year
    tree = base.tree
    try:
        if year_text := post.get("year", "").strip():
            year = parse_year(year_text)
    except InputError as exc:
        errors["year"] = str(exc)
    try:
        tree = parse_tree(post.get("tree", ""), base.tree)
    except InputError as exc:
        errors["tree"] = str(exc)
    form = dataclasses.replace(
        base,
        year=year,
        project_name=post.get("project_name", "").strip(),
        department=Organisation(
            post.get("department_name", "").strip(), post.get("department_code", "").strip()
        ),
        implementer=Organisation(
            post.get("implementer_name", "").strip(), post.get("implementer_code", "").strip()
        ),
        attribute=post.get("attribute", "").strip(),
        period=post.get("period", "").strip(),
        funding=dataclasses.replace(
            base.funding,
            annual_total=money["annual_total"],
            fiscal=money["fiscal"],
            other=money["other"],
        ),
        annual_goal=post.get("annual_goal", "").strip(),
        tree=tree,
        groups=_read_groups(post, base, tree, template, errors),
    )
    return form, errors


def posted_rows(post: QueryDict) -> tuple[PostedRow, ...]:
    """The indicator table the page posted in its one ``rows`` field (see ``rows.py``)."""
    if FIELD not in post:
        raise RowsError("缺少指标表数据（rows），未保存；请刷新编辑页面后重试")
    return parse_rows(post.get(FIELD, ""))


def row_keys(post: QueryDict) -> dict[tuple[str, str], str]:
    """(二级, 三级名称) → row key, to place findings beside their row."""
    try:
        return {(r.level2, r.name.strip()): r.key for r in posted_rows(post)}
    except RowsError:
        return {}


def _read_groups(
    post: QueryDict,
    base: Declaration,
    tree: TreeVariant,
    template: Mapping[Level2, Requirement] | None,
    errors: dict[str, str],
) -> tuple[IndicatorGroup, ...]:
    rows: dict[Level2, list[Indicator]] = {}
    try:
        posted = posted_rows(post)
    except RowsError as exc:
        errors[FIELD] = str(exc)
        return base.groups  # nothing is saved; the stored rows stay as they are
    for row in posted:
        level2, name, value = row.level2, row.name, row.value
        if not name.strip() and not value.strip():
            continue
        try:
            group = parse_level2(level2)
        except InputError as exc:
            errors["row_level2"] = str(exc)
            continue
        text = " ".join(value.split())
        indicator = Indicator(name=name.strip(), value_text=text, value=parse_value(text))
        rows.setdefault(group, []).append(indicator)
    old = {g.level2: g for g in base.groups}
    out = []
    for view in groups(dataclasses.replace(base, tree=tree), template):
        if view.level2 not in rows and view.level2 not in old:
            continue
        level1 = level1_of(view.level2, tree) or view.level1
        previous = old.get(view.level2)
        out.append(
            IndicatorGroup(
                level1=level1,
                level2=view.level2,
                requirement=previous.requirement if previous else view.requirement,
                indicators=tuple(rows.get(view.level2, ())),
                location=previous.location if previous else NOWHERE,
            )
        )
    return tuple(out)


def keys_of(views: list[GroupView]) -> dict[tuple[str, str], str]:
    """(二级, 三级名称) → row key for the rows the editor page renders."""
    return {(g.level2.value, r.name): r.key for g in views for r in g.rows}


#: Header labels a finding's message may name → the editor field it concerns.
FIELD_LABELS = {
    label: name
    for name, key in (*_HEADER_FIELDS, *((k.value, k) for k in _MONEY_FIELDS), TEXTS_KEY)
    if not name.endswith("_code")
    for label in (spec(key).label, spec(key).name)
}
_QUOTED = re.compile(r"“[^”]*”")


def header_field(finding: FindingView) -> str | None:
    """The header field a form-level finding is about: the first label its message names."""
    return None if finding.path else field_named(finding.message)


def field_named(message: str) -> str | None:
    """The header field whose label ``message`` names first (quoted text aside)."""
    text = _QUOTED.sub("", message)
    hits = [(text.find(label), name) for label, name in FIELD_LABELS.items() if label in text]
    return min(hits)[1] if hits else None


def place(
    findings: tuple[FindingView, ...], keys: dict[tuple[str, str], str]
) -> dict[str, list[FindingView]]:
    """Slot key → the findings about that row or header field, shown beside it.

    Rows are keyed by their row key, header fields by ``h-<field name>``.
    """
    placed: dict[str, list[FindingView]] = {key: [] for key in keys.values()}
    placed.update({f"h-{name}": [] for name in FIELD_LABELS.values()})
    for finding in findings:
        if len(finding.path) >= 3 and (finding.path[1], finding.path[2]) in keys:
            placed[keys[(finding.path[1], finding.path[2])]].append(finding)
        elif (name := header_field(finding)) is not None:
            placed[f"h-{name}"].append(finding)
    return placed
