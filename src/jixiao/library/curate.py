"""What a curator does to the 指标库: combine with a learnt one, merge, rename, retire, annotate.

Every function returns a new :class:`Library`; nothing is edited in place. Curated entries win
over learnt ones: :func:`combine` keeps a curated entry's texts and adds what the forms taught
(aliases, sources, value statistics) for the same key or for a learnt key one of its aliases
normalises to; learnt entries nobody curated stay as they are.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jixiao.library.model import Entry, EntryStatus, Library, Origin
from jixiao.library.names import normalise


class CurationError(ValueError):
    """A curator's action that cannot apply (unknown entry, merge into itself); Chinese."""


def _keys_of(entry: Entry) -> set[str]:
    return {entry.key} | {f"{entry.level2}/{normalise(a)}" for a in (entry.name, *entry.aliases)}


def combine(curated: Library, learnt: Library) -> Library:
    """The learnt library under the curated one."""
    owner: dict[str, Entry] = {}
    for entry in curated.entries:
        for key in _keys_of(entry):
            owner.setdefault(key, entry)
    taught: dict[str, list[Entry]] = {}
    rest = []
    for entry in learnt.entries:
        if entry.key in owner:
            taught.setdefault(owner[entry.key].key, []).append(entry)
        else:
            rest.append(entry)
    entries = [_teach(e, taught.get(e.key, [])) for e in curated.entries]
    return Library(
        entries=(*entries, *rest),
        bundles=learnt.bundles or curated.bundles,
        projects=(*curated.projects, *learnt.projects),
    )


def _teach(entry: Entry, lessons: list[Entry]) -> Entry:
    if not lessons:
        return entry
    aliases = list(entry.aliases)
    for lesson in lessons:
        for name in (lesson.name, *lesson.aliases):
            if name != entry.name and name not in aliases:
                aliases.append(name)
    sources = tuple(dict.fromkeys(s for e in (entry, *lessons) for s in e.sources))
    return replace(
        entry,
        aliases=tuple(aliases),
        sources=sources,
        stats=entry.stats or lessons[0].stats,
        qualitative=entry.qualitative or lessons[0].qualitative,
        unit=entry.unit or lessons[0].unit,
        direction=entry.direction or lessons[0].direction,
    )


def _find(library: Library, key: str) -> Entry:
    entry = library.entry(key)
    if entry is None:
        raise CurationError(f"指标库中没有编号为“{key}”的条目")
    return entry


def _swap(library: Library, key: str, new: Entry) -> Library:
    return replace(library, entries=tuple(new if e.key == key else e for e in library.entries))


def rename(library: Library, key: str, name: str) -> Library:
    """A new 三级指标 name; the old one becomes an alias so forms still find it."""
    entry = _find(library, key)
    if not name.strip():
        raise CurationError("新的指标名称不能为空")
    aliases = tuple(dict.fromkeys((*entry.aliases, entry.name)))
    new = replace(entry, name=name.strip(), aliases=tuple(a for a in aliases if a != name))
    return _swap(library, key, replace(new, origin=Origin.CURATED))


def retire(library: Library, key: str, note: str = "") -> Library:
    """Kept for history, never suggested again."""
    entry = _find(library, key)
    new = replace(entry, status=EntryStatus.RETIRED, note=note or entry.note)
    return _swap(library, key, replace(new, origin=Origin.CURATED))


def annotate(library: Library, key: str, **texts: str) -> Library:
    """Set 指标解释, 参考值, 评分标准, 备注 … (any text field of :class:`Entry`)."""
    entry = _find(library, key)
    allowed = {"explanation", "reference", "scoring", "note", "sector", "domain", "fund_use"}
    unknown = set(texts) - allowed
    if unknown:
        raise CurationError(f"不能这样修改的字段：{'、'.join(sorted(unknown))}")
    changes: dict[str, Any] = {**texts, "origin": Origin.CURATED}
    return _swap(library, key, replace(entry, **changes))


def merge(library: Library, keys: list[str], into: str) -> Library:
    """Fold entries into one: names become aliases, sources and statistics are kept."""
    target = _find(library, into)
    if into in keys:
        raise CurationError("不能把条目合并到它自身")
    folded = [_find(library, key) for key in keys]
    new = replace(_teach(target, folded), origin=Origin.CURATED)
    kept = tuple(e for e in library.entries if e.key not in keys)
    return _swap(replace(library, entries=kept), into, new)
