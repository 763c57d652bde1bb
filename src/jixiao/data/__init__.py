"""Data shipped with the package: the seven published 2025 forms of 银川市人民政府办公室.

The text is the PDF-extracted 附件2 of that office's 2025 budget disclosure, kept byte for
byte as the primary example of the form and its layout noise; the demo imports it and the
golden tests check the importer against it.
"""

from __future__ import annotations

from importlib.resources import files

SEED_NAME = "seed_yinchuan_2025.txt"


def seed_bytes() -> bytes:
    """The seed forms as bytes (UTF-8)."""
    return files(__package__).joinpath(SEED_NAME).read_bytes()
