"""Where ``../shared`` is: the seed and the real published forms kept beside the checkout (in a
git worktree, beside the worktree)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
