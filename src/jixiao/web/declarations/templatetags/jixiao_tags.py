"""Template filters shared by the declaration pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from jixiao.web.declarations.labels import form_label

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """``{{ d|get_item:key }}``: a dict lookup with a variable key; None when absent."""
    return None if mapping is None else mapping.get(key)


@register.simple_tag(name="form_label")
def form_label_tag(name: str) -> str:
    """``{% form_label "annual_goal" %}``: a form label from the catalogue (KeyError if none)."""
    return form_label(name)
