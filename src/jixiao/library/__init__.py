"""The 指标库: learnt from forms, curated, suggested as the clerk types, exchanged in Excel.

>>> from jixiao.data import seed_bytes, SEED_NAME
>>> from jixiao.importers.detect import import_bytes
>>> forms = import_bytes(seed_bytes(), SEED_NAME).declarations
>>> library = learn((f"{SEED_NAME}:{d.location.line}", d) for d in forms)
>>> Suggester(library).names("用人单位满意")[0].entry.name
'用人单位满意度'
"""

from jixiao.library.excel import EXCHANGE_HEADERS, LibraryFileError, read_library, write_library
from jixiao.library.learn import learn, project_type
from jixiao.library.model import (
    Bundle,
    Entry,
    EntryStatus,
    Library,
    Origin,
    Project,
    ReferenceBasis,
    ValueStats,
)
from jixiao.library.suggest import BundleSuggestion, Outlier, Suggester, Suggestion

__all__ = [
    "EXCHANGE_HEADERS",
    "Bundle",
    "BundleSuggestion",
    "Entry",
    "EntryStatus",
    "Library",
    "LibraryFileError",
    "Origin",
    "Outlier",
    "Project",
    "ReferenceBasis",
    "Suggester",
    "Suggestion",
    "ValueStats",
    "learn",
    "project_type",
    "read_library",
    "write_library",
]
