"""Template filters shared by the declaration pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from jixiao.web.declarations.labels import evaluation_label, form_label, monitoring_label

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """``{{ d|get_item:key }}``: a dict lookup with a variable key; None when absent."""
    return None if mapping is None else mapping.get(key)


@register.simple_tag(name="form_label")
def form_label_tag(name: str) -> str:
    """``{% form_label "annual_goal" %}``: a form label from the catalogue (KeyError if none)."""
    return form_label(name)


@register.simple_tag(name="monitoring_label")
def monitoring_label_tag(name: str, period: str = "") -> str:
    """``{% monitoring_label "actual" report.period %}``: a 监控表 label from the catalogue."""
    return monitoring_label(name, period)


@register.simple_tag(name="evaluation_label")
def evaluation_label_tag(name: str) -> str:
    """``{% evaluation_label "annual" %}``: a 自评表 label from the catalogue."""
    return evaluation_label(name)
