"""Page fragments that depend only on a stored declaration's content, rendered once each.

The read-only form (header, funding, indicator table) is the largest part of the review and
detail pages and is the same for every reader of one revision, so it is rendered once per
content digest and kept per process (see :func:`engine.stored`).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from jixiao.web.declarations import editor
from jixiao.web.declarations.engine import LRU, Stored

#: Rendered read-only forms by content digest.
FORM_VIEW: LRU[str, SafeString] = LRU(512)


def form_view(entry: Stored) -> SafeString:
    """``declarations/_form_view.html`` for ``entry`` (escaped by the template, so safe)."""
    key = entry.key[0]
    html = FORM_VIEW.get(key)
    if html is None:
        form = entry.form
        context = {
            "form": form,
            "groups": editor.groups(form),
            "values": editor.header_values(form),
            "header": editor.HEADER,
        }
        html = mark_safe(render_to_string("declarations/_form_view.html", context))
        FORM_VIEW.put(key, html)
    return html
