"""``{% load findings %}``: naming the indicator a note is about."""

from __future__ import annotations

from django import template

from jixiao.web.declarations.comments import path_of

register = template.Library()


@register.filter
def finding_where(finding_key: str) -> str:
    """``{{ note.finding_key|finding_where }}``: 一级／二级／三级, or "" for the whole form."""
    return "／".join(path_of(finding_key))
