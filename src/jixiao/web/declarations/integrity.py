"""The rules every write of a form obeys, whatever page or API route it comes from.

- The 综合评定等级 (``verdict``) is written only by the 财政局's decision
  (:mod:`jixiao.workflow`); a save that would change it is refused, and a new form starts
  未评定 with any verdict its source printed kept as ``printed_verdict`` (原表所载).
- 主管部门 and 实施单位 come from the organisation tree, never from what a filer types.
- A closed 预算年度 takes no new forms and no submissions.

``store`` calls these before it writes; they raise :class:`~jixiao.workflow.TransitionDenied`
with a Chinese message.
"""

from __future__ import annotations

import dataclasses

from jixiao.model import Declaration as Form
from jixiao.model import Organisation as OrgName
from jixiao.web.accounts.models import BudgetYear, Organisation, OrgKind
from jixiao.web.declarations import diff
from jixiao.workflow import TransitionDenied

VERDICT_LOCKED = (
    "综合评定等级只能由财政审核人的审核决定写入，保存不能修改它（原表所载的等级也不能修改）"
)


def as_new(form: Form) -> Form:
    """A form entering the system: 未评定, whatever verdict it carried kept as 原表所载."""
    printed = form.printed_verdict or form.verdict
    return dataclasses.replace(form, verdict=None, printed_verdict=printed)


def keep_verdict(stored: Form, form: Form) -> Form:
    """``form`` to save over ``stored``; refused when it changes either verdict."""
    if (form.verdict, form.printed_verdict) != (stored.verdict, stored.printed_verdict):
        raise TransitionDenied(VERDICT_LOCKED)
    return form


def tree_names(org: Organisation) -> tuple[OrgName, OrgName]:
    """(主管部门, 实施单位) of a filer's organisation: a unit and its department, or a
    department filing for itself."""
    unit = OrgName(org.name, org.code)
    parent = org.parent
    if org.kind == OrgKind.UNIT and parent is not None:
        return OrgName(parent.name, parent.code), unit
    return unit, unit


def bind_organisation(form: Form, org: Organisation) -> Form:
    """``form`` with 主管部门 and 实施单位 as the organisation tree names them."""
    department, implementer = tree_names(org)
    return dataclasses.replace(form, department=department, implementer=implementer)


def require_open_year(year: int | None, doing: str) -> None:
    """Refuse ``doing`` (新建, 导入, 提交 …) for a 预算年度 the administrator has closed."""
    if year is not None and BudgetYear.objects.filter(year=year, is_open=False).exists():
        refuse_closed(year, frozenset({year}), doing)


def closed_years() -> frozenset[int]:
    """The 预算年度 closed now (one query for a batch of many forms)."""
    return frozenset(BudgetYear.objects.filter(is_open=False).values_list("year", flat=True))


def refuse_closed(year: int | None, closed: frozenset[int], doing: str) -> None:
    """:func:`require_open_year` against ``closed``, the years read by :func:`closed_years`."""
    if year is not None and year in closed:
        raise TransitionDenied(f"{year}年度预算已关闭填报，不能{doing}申报表")


def changes(old: Form, new: Form) -> list[dict[str, str]]:
    """The field-level changes of a save, as the version comparison shows them."""
    return [
        {"label": c.label, "kind": c.kind, "old": c.old, "new": c.new}
        for c in diff.compare(old, new)
    ]


def changes_text(rows: list[dict[str, str]]) -> str:
    """One line per change: 修改 项目名称：旧 → 新."""
    return "\n".join(f"{r['kind']} {r['label']}：{r['old']} → {r['new']}" for r in rows)


__all__ = [
    "VERDICT_LOCKED",
    "as_new",
    "bind_organisation",
    "changes",
    "changes_text",
    "closed_years",
    "keep_verdict",
    "refuse_closed",
    "require_open_year",
    "tree_names",
]
