"""Template filters shared by the declaration pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """``{{ d|get_item:key }}``: a dict lookup with a variable key; None when absent."""
    return None if mapping is None else mapping.get(key)
