"""The editor's indicator table as one posted field.

The editor page posts its whole indicator table as one hidden field, ``rows``: a JSON list
with one ``[row key, 二级指标, 三级指标, 指标值]`` per row, in page order. ``editor.js``
assembles it from the table on every save and every live review, so a form of any size is a
handful of fields and Django's limit of 1,000 fields per request
(``DATA_UPLOAD_MAX_NUMBER_FIELDS``) stays on as a guard against floods of fields. The page
renders the field already filled with the stored rows, so a browser without scripts still
saves the header without losing a row.

Limits are explicit and answered in Chinese: at most :data:`MAX_ROWS` rows and
:data:`MAX_TEXT` characters per cell; the whole body is bounded by ``JIXIAO_MAX_BODY_MB``.

>>> parse_rows('[["r1", "数量指标", "培训人数", "≥100人"]]')
(PostedRow(key='r1', level2='数量指标', name='培训人数', value='≥100人'),)
>>> try:
...     parse_rows('[["r1", "数量指标"]]')
... except RowsError as exc:
...     print(exc)
指标表第1行格式不正确：应为［行标识, 二级指标, 三级指标, 指标值］四项文字
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

#: The most indicator rows one form may have (a printed 申报表 has a few dozen).
MAX_ROWS = 10_000
#: The most characters of one cell of the table (三级指标 or 指标值).
MAX_TEXT = 1_000
#: The field's name in the editor's form.
FIELD = "rows"
_KEY_TEXT = 40


class RowsError(ValueError):
    """The posted table cannot be read; the message is Chinese and names the row."""


@dataclass(frozen=True, slots=True)
class PostedRow:
    key: str  #: the row's key on the page, to place findings beside it
    level2: str
    name: str
    value: str


def _row(number: int, item: object) -> PostedRow:
    if not (isinstance(item, list) and len(item) == 4 and all(isinstance(x, str) for x in item)):
        raise RowsError(
            f"指标表第{number}行格式不正确：应为［行标识, 二级指标, 三级指标, 指标值］四项文字"
        )
    key, level2, name, value = item
    if len(key) > _KEY_TEXT or len(level2) > MAX_TEXT:
        raise RowsError(f"指标表第{number}行的行标识或二级指标过长")
    for text, label in ((name, "三级指标"), (value, "指标值")):
        if len(text) > MAX_TEXT:
            raise RowsError(f"指标表第{number}行的{label}超过 {MAX_TEXT} 字，请精简")
    return PostedRow(key, level2, name, value)


def parse_rows(text: str) -> tuple[PostedRow, ...]:
    """The rows of the posted field; :class:`RowsError` when it is malformed or too large."""
    try:
        items = json.loads(text)
    except ValueError:
        raise RowsError("指标表数据无法读取，请刷新页面后重试（您的输入仍在页面上）") from None
    if not isinstance(items, list):
        raise RowsError("指标表数据应为行的列表")
    if len(items) > MAX_ROWS:
        raise RowsError(f"指标表共 {len(items)} 行，超过每张申报表 {MAX_ROWS} 行的上限，未保存")
    return tuple(_row(n, item) for n, item in enumerate(items, 1))


def dump_rows(rows: Iterable[PostedRow]) -> str:
    """The field's value for ``rows`` (what the page posts)."""
    return json.dumps([[r.key, r.level2, r.name, r.value] for r in rows], ensure_ascii=False)
