"""The reviewers' 审核意见 shown to the filer in the editor, beside the field they concern.

A 审核意见 is stored per finding (``Note``, kind 审核意见) with the finding's key
``code|一级/二级/三级``; the editor places it by that path on the row of the same 二级 and
三级, or, for a form-level finding, on the header field its message names, as it places the
live findings. Only the latest review round is shown (the notes of the highest revision that
has any), so opinions on a version the reviewer has since seen again do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone

from jixiao.web.declarations import editor
from jixiao.web.declarations.models import Declaration, Note, NoteKind

#: Where comments that match no row or field on the page go (the row was renamed or removed).
ELSEWHERE = "elsewhere"
_SUFFIX = re.compile(r"#\d+$")  #: the engine's marker of a rule firing twice on one path


@dataclass(frozen=True, slots=True)
class Comment:
    """One reviewer's opinion as the filer reads it."""

    code: str
    finding: str  #: the automatic finding the opinion answers
    text: str
    disposition: str
    author: str
    at: str
    path: tuple[str, ...]

    @property
    def where(self) -> str:
        return "／".join(self.path)


def path_of(finding_key: str) -> tuple[str, ...]:
    """The (一级, 二级, 三级) a note's finding key names; () for a form-level finding.

    >>> path_of("V201|产出指标/质量指标/聘用人员考核情况#1")
    ('产出指标', '质量指标', '聘用人员考核情况')
    >>> path_of("C104|")
    ()
    """
    path = _SUFFIX.sub("", finding_key.partition("|")[2])
    return tuple(path.split("/", 2)) if path else ()


def _comment(note: Note) -> Comment:
    author = note.author.get_full_name() or note.author.username
    return Comment(
        code=note.finding_code,
        finding=note.finding_message,
        text=note.text,
        disposition=note.disposition,
        author=author,
        at=timezone.localtime(note.at).strftime("%Y-%m-%d %H:%M"),
        path=path_of(note.finding_key),
    )


def latest(row: Declaration) -> list[Comment]:
    """The 审核意见 of the latest review round of ``row``, oldest first, one per finding."""
    notes = Note.objects.filter(declaration=row, kind=NoteKind.OPINION).select_related("author")
    newest = notes.order_by("-revision").values_list("revision", flat=True).first()
    if newest is None:
        return []
    by_key = {n.finding_key: n for n in notes.filter(revision=newest).order_by("at")}
    return [_comment(n) for n in by_key.values()]


def place(comments: list[Comment], keys: dict[tuple[str, str], str]) -> dict[str, list[Comment]]:
    """Slot key (row key or ``h-<field>``) → the comments shown beside it; the rest under
    :data:`ELSEWHERE`."""
    placed: dict[str, list[Comment]] = {}
    for comment in comments:
        slot = ELSEWHERE
        if len(comment.path) >= 3 and (comment.path[1], comment.path[2]) in keys:
            slot = keys[(comment.path[1], comment.path[2])]
        elif not comment.path and (name := editor.field_named(comment.finding)) is not None:
            slot = f"h-{name}"
        placed.setdefault(slot, []).append(comment)
    return placed
