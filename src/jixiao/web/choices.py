"""Django choices that mirror the core's closed vocabularies (StrEnums)."""

from __future__ import annotations

from enum import StrEnum

from django.db import models


def text_choices(name: str, vocabulary: type[StrEnum]) -> type[models.TextChoices]:
    """TextChoices whose stored value and label are the member's Chinese text (草稿, 通过 …)."""
    members = [(m.name, (m.value, m.value)) for m in vocabulary]
    return models.TextChoices(name, members)  # type: ignore[call-overload,no-any-return]
