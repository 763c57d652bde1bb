"""The 绩效自评 results of the declarations on a 财政项目库 page (only what the user may see)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from jixiao.web.accounts.models import User
from jixiao.web.evaluation.access import visible

register = template.Library()


@register.inclusion_tag("evaluation/_library_results.html")
def evaluation_results(rows: Iterable[Any], user: User) -> dict[str, object]:
    pks = [r.pk for r in rows]
    records = visible(user).filter(declaration_id__in=pks).order_by("-round__year", "project_name")
    return {"records": list(records)}
