"""The catalogue's label look-ups as the importers call them: once per distinct text.

Published forms print the same few hundred labels over and over, and the assembler asks
about every cell (is it a field label, a column header, a level?). The catalogue's
functions are pure, so their answers are kept per text, in bounded caches.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.model.catalogue import FieldSpec, catalogue_labels, field_for_label, split_field
from jixiao.model.catalogue_text import label_key

#: Every beginning of a label the catalogue knows (as its key: 实, 实施, 实施单 …).
_LABEL_STARTS = frozenset(key[:n] for key in catalogue_labels() for n in range(1, len(key) + 1))


@lru_cache(maxsize=8192)
def field_of(text: str) -> FieldSpec | None:
    """:func:`jixiao.model.catalogue.field_for_label`, answered once per text."""
    return field_for_label(text)


@lru_cache(maxsize=8192)
def split_label(text: str) -> tuple[FieldSpec, str] | None:
    """:func:`jixiao.model.catalogue.split_field`, answered once per text."""
    return split_field(text)


@lru_cache(maxsize=8192)
def starts_label(text: str) -> bool:
    """Whether ``text`` is the beginning of a catalogue label (实施单 of 实施单位): only such
    a cell can start a label a layout broke over cells."""
    return label_key(text) in _LABEL_STARTS


__all__ = ["field_of", "split_label", "starts_label"]
