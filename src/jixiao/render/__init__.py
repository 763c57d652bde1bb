"""Render a declaration as the official 附件2 form: PDF, XLSX, DOCX and HTML.

The layout is defined once in :mod:`jixiao.render.document`; each renderer draws it.
"""
