"""The 申报表 model: frozen dataclasses, vocabularies and canonical JSON."""

from jixiao.model.canonical import (
    SCHEMA_ID,
    CanonicalFormatError,
    dumps,
    from_json_object,
    loads,
    to_json_object,
)
from jixiao.model.declaration import (
    NOWHERE,
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Organisation,
    SourceLocation,
)
from jixiao.model.vocab import (
    TREES,
    UNDECIDED_MARK,
    Level1,
    Level2,
    Requirement,
    TreeVariant,
    Verdict,
    level1_of,
)

__all__ = [
    "NOWHERE",
    "SCHEMA_ID",
    "TREES",
    "UNDECIDED_MARK",
    "CanonicalFormatError",
    "Declaration",
    "Funding",
    "Indicator",
    "IndicatorGroup",
    "Level1",
    "Level2",
    "Organisation",
    "Requirement",
    "SourceLocation",
    "TreeVariant",
    "Verdict",
    "dumps",
    "from_json_object",
    "level1_of",
    "loads",
    "to_json_object",
]
