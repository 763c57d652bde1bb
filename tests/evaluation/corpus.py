"""Where the shared corpus is, and which of its forms are self-evaluations."""

from __future__ import annotations

import json

from tests.shared import CORPUS

GOLDENS = sorted((CORPUS / "golden").glob("*.json"))
SELF_EVALUATIONS = [
    p for p in GOLDENS if json.loads(p.read_text(encoding="utf-8"))["kind"] == "self-evaluation"
]
