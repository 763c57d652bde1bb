"""The 申报表 as HTML: the same grid as a ``<table>``, with a print stylesheet for A4.

The page is a ``string.Template`` (no Django), so the core stays framework-free; the web
app embeds :func:`form_html` in its own pages and uses :func:`render_html` for print
preview. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from string import Template

from jixiao.model import Declaration
from jixiao.render.document import COLUMN_WIDTHS_MM, Cell, FormDocument, Role, build_document

PAGE = Template(
    """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>$title</title>
<style>
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; margin: 0; }
.jixiao-form { width: 180mm; margin: 0 auto 12mm; page-break-after: always; }
.jixiao-form:last-child { page-break-after: auto; }
.jixiao-form .mark { float: right; border: 1pt solid #000; padding: 1pt 4pt; font-size: 12pt; }
.jixiao-form .attachment { font-family: "SimHei", "黑体", sans-serif; font-size: 12pt; }
.jixiao-form h1 { font-size: 16pt; text-align: center; margin: 4pt 0; }
.jixiao-form .year { text-align: center; font-size: 12pt; margin: 0 0 6pt; }
.jixiao-form table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.jixiao-form td { border: 0.6pt solid #000; padding: 2pt 3pt; font-size: 10pt;
  vertical-align: middle; word-break: break-all; }
.jixiao-form td.c { text-align: center; }
.jixiao-form td.block { writing-mode: vertical-rl; letter-spacing: 6pt; }
.jixiao-form td.bold { font-weight: bold; }
.jixiao-form tr { page-break-inside: avoid; }
.jixiao-form .footnote { font-size: 9pt; margin-top: 4pt; }
</style>
</head>
<body>
$forms
</body>
</html>
"""
)
_CENTRED = frozenset(
    {Role.LABEL, Role.BLOCK, Role.HEADER, Role.LEVEL1, Role.LEVEL2, Role.TARGET, Role.MONEY}
)


def _classes(cell: Cell) -> str:
    names = ["c"] if cell.role in _CENTRED else []
    names += ["block"] if cell.role is Role.BLOCK else []
    names += ["bold"] if cell.role in (Role.HEADER, Role.LEVEL1) else []
    return " ".join([f"r-{cell.role.value}", *names])


def _td(cell: Cell) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    text = "<br>".join(html.escape(part) for part in cell.text.split("\n"))
    return f'<td class="{_classes(cell)}"{spans}>{text}</td>'


def form_html(doc: FormDocument) -> str:
    """One form as an HTML fragment (``<section class="jixiao-form">``)."""
    cols = "".join(f'<col style="width:{w}mm">' for w in COLUMN_WIDTHS_MM)
    rows = "\n".join("<tr>" + "".join(_td(c) for c in cells) + "</tr>" for cells in doc.rows())
    parts = ['<section class="jixiao-form">']
    if doc.mark:
        parts.append(f'<div class="mark">{html.escape(doc.mark)}</div>')
    if doc.attachment:
        parts.append(f'<div class="attachment">{html.escape(doc.attachment)}</div>')
    if doc.title:
        parts.append(f"<h1>{html.escape(doc.title)}</h1>")
    parts.append(f'<p class="year">{html.escape(doc.year_line)}</p>')
    parts.append(f"<table><colgroup>{cols}</colgroup>\n{rows}\n</table>")
    if doc.footnote:
        parts.append(f'<p class="footnote">{html.escape(doc.footnote)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(decls: Sequence[Declaration], blank_rows: int = 1) -> bytes:
    """A complete UTF-8 page with every declaration, one per printed page."""
    forms = "\n".join(form_html(build_document(d, blank_rows)) for d in decls)
    title = decls[0].project_name if len(decls) == 1 else "项目支出年度预算绩效目标申报表"
    page = PAGE.substitute(title=html.escape(title or "申报表"), forms=forms)
    return page.encode("utf-8")
