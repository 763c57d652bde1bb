"""The disclosure bundle: many forms in one PDF behind a contents page, in the given order.

The contents list each form's 项目名称 with the page it starts on; pages are numbered
through the whole file. The PDF importer reads the bundle back form by form (the
contents pages are text outside any table and are skipped).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from jixiao.model import Declaration
from jixiao.model.catalogue import FormText
from jixiao.render.document import build_document
from jixiao.render.pdf import FormLayout, draw_form, layout_form, new_canvas
from jixiao.render.pdflayout import (
    BODY_SIZE,
    BOTTOM,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TITLE_SIZE,
    register_font,
    text_width,
)

CONTENTS_TITLE = "目　录"
_LINE = BODY_SIZE * 2.0
_FIRST_LINE = MARGIN + TITLE_SIZE * 3
_PER_PAGE = int((PAGE_HEIGHT - BOTTOM - _FIRST_LINE) // _LINE)
_NAME_WIDTH = PAGE_WIDTH - 2 * MARGIN - 60


def _fit(name: str) -> str:
    """A project name shortened with … to fit the contents line."""
    if text_width(name, BODY_SIZE) <= _NAME_WIDTH:
        return name
    while name and text_width(name + "…", BODY_SIZE) > _NAME_WIDTH:
        name = name[:-1]
    return name + "…"


def _contents_line(canvas: Canvas, y: float, number: int, name: str, page: int) -> None:
    font = register_font()
    canvas.setFont(font, BODY_SIZE)
    base = PAGE_HEIGHT - y
    label = f"{number}．{_fit(name or FormText.UNNAMED_PROJECT)}"
    canvas.drawString(MARGIN, base, label)
    start = MARGIN + text_width(label, BODY_SIZE) + 4
    end = PAGE_WIDTH - MARGIN - 30
    dots = "·" * max(0, int((end - start) // text_width("·", BODY_SIZE)))
    canvas.drawString(start, base, dots)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, base, str(page))


def _draw_contents(canvas: Canvas, layouts: list[FormLayout], first_form_page: int) -> None:
    page = first_form_page
    for index, lay in enumerate(layouts):
        if index % _PER_PAGE == 0:
            if index:
                canvas.showPage()
            canvas.setFont(register_font(), TITLE_SIZE)
            canvas.drawCentredString(
                PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - TITLE_SIZE, CONTENTS_TITLE
            )
        y = _FIRST_LINE + (index % _PER_PAGE) * _LINE
        _contents_line(canvas, y, index + 1, lay.doc.project_name, page)
        page += len(lay.pages)
    canvas.showPage()


def render_bundle(decls: Sequence[Declaration], title: str = "项目支出绩效目标公开") -> bytes:
    """One PDF: the contents, then every form from a new page, in the order given."""
    if not decls:
        raise ValueError("没有可汇编的申报表")
    layouts = [layout_form(build_document(d)) for d in decls]
    contents_pages = -(-len(layouts) // _PER_PAGE)
    out = io.BytesIO()
    canvas = new_canvas(out, title, {d.tree for d in decls})
    _draw_contents(canvas, layouts, contents_pages + 1)
    page = contents_pages + 1
    for lay in layouts:
        draw_form(canvas, lay, page)
        page += len(lay.pages)
    canvas.save()
    return out.getvalue()
