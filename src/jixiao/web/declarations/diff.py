"""Compare two versions of a declaration field by field, in the form's printed order."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model import Declaration


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
    return "" if value is None else f"{value}万元"


def flatten(form: Declaration) -> dict[str, str]:
    """Every printed field of ``form`` as label → text; indicators keyed by their path."""
    f = form.funding
    out = {
        "年度": "" if form.year is None else str(form.year),
        "项目名称": form.project_name,
        "主管部门及代码": " ".join(p for p in (form.department.name, form.department.code) if p),
        "实施单位": " ".join(p for p in (form.implementer.name, form.implementer.code) if p),
        "项目属性": form.attribute,
        "项目期": form.period,
        "年度资金总额": _money(f.annual_total),
        "其中：财政拨款": _money(f.fiscal),
        "其他资金": _money(f.other),
        "年度总体目标": form.annual_goal,
        "综合评定等级": "" if form.verdict is None else str(form.verdict),
    }
    for group in form.groups:
        for n, ind in enumerate(group.indicators, 1):
            key = f"{group.level1}／{group.level2}／{ind.name}"
            out[key if key not in out else f"{key}（第{n}行）"] = ind.value_text or "（空）"
    return out


def compare(old: Declaration, new: Declaration) -> list[Change]:
    """The fields that differ, old order first, then fields only the new version has."""
    a, b = flatten(old), flatten(new)
    labels = list(a) + [k for k in b if k not in a]
    return [Change(k, a.get(k, ""), b.get(k, "")) for k in labels if a.get(k, "") != b.get(k, "")]
