"""The form labels the declaration pages show, all read from the form catalogue.

Templates print them with ``{% form_label "annual_goal" %}`` (``jixiao_tags``); an unknown
name fails the page rather than printing nothing, so a template cannot invent a label.
"""

from __future__ import annotations

from types import MappingProxyType

from jixiao.model.catalogue import ColumnRole, FieldKey, FormText, spec

_YEAR_OPEN, _YEAR_CLOSE = FormText.YEAR_LINE.value.split("{year}")

#: Page name → label. Header fields by their catalogue key (``annual_total`` …).
FORM_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        **{key.value: spec(key).label for key in FieldKey},
        "department_name": spec(FieldKey.DEPARTMENT).name,
        "implementer_name": spec(FieldKey.IMPLEMENTER).name,
        "title": FormText.TITLE.value,
        "year_open": _YEAR_OPEN,
        "year_close": _YEAR_CLOSE,
        "tree": FormText.TREE.value,
        "money_unit": FormText.MONEY_UNIT_SUFFIX.value,
        "undecided": FormText.UNDECIDED.value,
        "printed_verdict": FormText.PRINTED_VERDICT.value,
        "level1": ColumnRole.LEVEL1.value,
        "level2": ColumnRole.LEVEL2.value,
        "name": ColumnRole.NAME.value,
        "value": ColumnRole.VALUE.value,
        "unit": ColumnRole.UNIT.value,
        "description": ColumnRole.DESCRIPTION.value,
    }
)


def form_label(name: str) -> str:
    """The label the pages show for ``name``; KeyError for a name the catalogue lacks."""
    return FORM_LABELS[name]
