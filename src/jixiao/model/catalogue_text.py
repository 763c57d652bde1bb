"""How the catalogue compares a printed label with its entries: one normal form for both.

Published forms print the same label with full-width or half-width brackets and colons,
Kangxi-radical look-alikes from PDF text (⽬ for 目), spaces or line breaks inside it
(项 目 名 称, 绩\\n效\\n指\\n标), OCR padding (绩??????效), a leading ``*`` required mark or
a numbering (1. 一、 （一） 其中：), and trailing annotations ((万元), （必填）, (盖章)).
:func:`label_key` removes all of these, so the catalogue's variants are written once,
plainly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Characters that never belong to a label: whitespace, OCR's '?' padding, required marks.
_NOISE = frozenset(" \t\r\n\u3000\u00a0\u200b\ufeff?？*＊")
_NOISE_RUN = re.compile("[" + "".join(sorted(_NOISE)) + "]+")
#: First characters of a numbering or 其中 before a label (the regex runs only after one).
_LEAD_CHARS = frozenset("其0123456789一二三四五六七八九十(（")
_LEADING = re.compile(
    r"^(?:其中[:：]?|[0-9]+[.、．]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）])+"
)
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{0,16}[)）]$")
_TRAILING_COLON = re.compile(r"[:：]+$")


@lru_cache(maxsize=4096)
def norm_char(ch: str) -> str:
    """One character in the catalogue's normal form: NFKC, noise dropped.

    >>> norm_char("⽬"), norm_char("："), norm_char("?")
    ('目', ':', '')
    """
    if ch in _NOISE:
        return ""
    return unicodedata.normalize("NFKC", ch)


def squeeze(text: str) -> str:
    """NFKC with every space, line break, '?' and '*' removed; nothing else changed.

    >>> squeeze("项 目\\n名称（万元）：")
    '项目名称(万元):'
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NOISE_RUN.sub("", text)


def strip_marks(key: str) -> str:
    """Leading numbering (1. 一、 (一) 其中:) and trailing colons off a squeezed label."""
    if key[:1] in _LEAD_CHARS:
        key = _LEADING.sub("", key)
    return _TRAILING_COLON.sub("", key) if key.endswith(":") else key


def strip_note(key: str) -> str:
    """One trailing bracketed annotation off a squeezed label: 年度资金总额(万元) → 年度资金总额."""
    if not key.endswith(")"):
        return key
    key = _TRAILING_NOTE.sub("", key)
    return _TRAILING_COLON.sub("", key) if key.endswith(":") else key


def label_key(text: str) -> str:
    """The normal form of a printed label, annotations kept (see :func:`label_keys`).

    >>> label_key("  其中：财政拨款： ")
    '财政拨款'
    >>> label_key("*年度绩效总目标")
    '年度绩效总目标'
    """
    return strip_marks(squeeze(text))


@lru_cache(maxsize=16384)
def label_keys(text: str) -> tuple[str, ...]:
    """The keys to try for ``text``, most specific first: as printed, then with each
    trailing annotation removed in turn.

    Cached (bounded): every form prints the same few hundred labels, and each lookup of
    the catalogue starts here.

    >>> label_keys("数量指标（必填）（万元）")
    ('数量指标(必填)(万元)', '数量指标(必填)', '数量指标')
    """
    keys = [label_key(text)]
    while (shorter := strip_note(keys[-1])) != keys[-1] and shorter:
        keys.append(shorter)
    return tuple(keys)


def note_of(text: str) -> str:
    """The last trailing annotation inside its brackets, or "".

    >>> note_of("数量指标 (必填硬性指标)")
    '必填硬性指标'
    """
    m = _TRAILING_NOTE.search(label_key(text))
    return m.group(0)[1:-1] if m else ""
