"""Compare two versions of a declaration field by field, in the form's printed order."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model import Declaration, Organisation
from jixiao.model.catalogue import FieldKey, FormText, spec


@dataclass(frozen=True, slots=True)
class Change:
    label: str  #: 项目名称, 年度资金总额, 产出指标／数量指标／某三级指标 …
    old: str  #: "" when the field was added
    new: str  #: "" when the field was removed

    @property
    def kind(self) -> str:
        if not self.old:
            return "新增"
        return "删除" if not self.new else "修改"


def _money(value: object) -> str:
    return "" if value is None else f"{value}{FormText.WAN_YUAN}"


def _org(org: Organisation) -> str:
    return " ".join(p for p in (org.name, org.code) if p)


def flatten(form: Declaration) -> dict[str, str]:
    """Every printed field of ``form`` as label → text; indicators keyed by their path.

    Labels are the catalogue's printed labels (:mod:`jixiao.model.catalogue`).
    """
    f, k = form.funding, FieldKey
    fields = (
        (k.YEAR, "" if form.year is None else str(form.year)),
        (k.PROJECT_NAME, form.project_name),
        (k.DEPARTMENT, _org(form.department)),
        (k.IMPLEMENTER, _org(form.implementer)),
        (k.ATTRIBUTE, form.attribute),
        (k.PERIOD, form.period),
        (k.ANNUAL_TOTAL, _money(f.annual_total)),
        (k.FISCAL, _money(f.fiscal)),
        (k.OTHER, _money(f.other)),
        (k.ANNUAL_GOAL, form.annual_goal),
        (k.VERDICT, "" if form.verdict is None else str(form.verdict)),
    )
    out = {spec(key).label: text for key, text in fields}
    for group in form.groups:
        for n, ind in enumerate(group.indicators, 1):
            key = f"{group.level1}／{group.level2}／{ind.name}"
            out[key if key not in out else f"{key}（第{n}行）"] = (
                ind.display_value or FormText.EMPTY
            )
    return out


def compare(old: Declaration, new: Declaration) -> list[Change]:
    """The fields that differ, old order first, then fields only the new version has."""
    a, b = flatten(old), flatten(new)
    labels = list(a) + [k for k in b if k not in a]
    return [Change(k, a.get(k, ""), b.get(k, "")) for k in labels if a.get(k, "") != b.get(k, "")]
