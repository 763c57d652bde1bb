"""The form labels the pages show, all read from the form catalogue.

Templates print them with ``{% form_label "annual_goal" %}`` (the 申报表),
``{% monitoring_label "actual" period %}`` (the 监控表) and ``{% evaluation_label "annual" %}``
(the 自评表), from ``jixiao_tags``; an unknown name fails the page rather than printing
nothing, so a template cannot invent a label.
"""

from __future__ import annotations

from types import MappingProxyType

from jixiao.model.catalogue import ColumnRole, FieldKey, FormText, spec
from jixiao.model.catalogue_evaluation import EVALUATION_SPECS
from jixiao.model.catalogue_monitoring import MONITORING_SPECS, MonitoringColumn, printed

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


#: 监控表 page name → label (``{period}`` left in): columns by name, fields by key.
MONITORING_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        **{column.name.lower(): column.value for column in MonitoringColumn},
        **{s.key.value: s.label for s in MONITORING_SPECS},
    }
)
#: 自评表 page name → label, by the catalogue's key (``annual``, ``goal_block`` …).
EVALUATION_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {s.key.value: s.label for s in EVALUATION_SPECS}
)


def form_label(name: str) -> str:
    """The label the pages show for ``name``; KeyError for a name the catalogue lacks."""
    return FORM_LABELS[name]


def monitoring_label(name: str, period: str = "") -> str:
    """A 监控表 label with its period filled in: ``monitoring_label("actual", "1–6月")``."""
    return printed(MONITORING_LABELS[name], period)


def evaluation_label(name: str) -> str:
    """A 自评表 label: ``evaluation_label("annual") == "全年预算数"``."""
    return EVALUATION_LABELS[name]
