"""The one place where the web app calls the core's review, importers and renderers.

Everything the views need from issue 3 (review) and issue 4 (import any format, render,
bundle) goes through the functions here, so the integration is one module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.cache import caches

from jixiao.importers.base import ImportResult
from jixiao.importers.detect import import_bytes
from jixiao.library import Suggester
from jixiao.model import Declaration, Level2, Requirement, dumps
from jixiao.render.bundle import render_bundle
from jixiao.render.docx import render_docx
from jixiao.render.html import render_html
from jixiao.render.pdf import render_pdf
from jixiao.render.xlsx import render_xlsx
from jixiao.review.engine import review as run_review
from jixiao.review.finding import Finding
from jixiao.review.profiles import get_profile
from jixiao.web.accounts.models import PolicyProfile, split_prefixes
from jixiao.web.declarations import codec
from jixiao.web.indicators import service as library

K = TypeVar("K")
V = TypeVar("V")

#: The profile used when the administrator has not chosen one (the 银川/宁夏 template).
FALLBACK_PROFILE = "yinchuan"


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as the web shows it, with a key that survives edits of other fields."""

    key: str
    code: str
    symbol: str
    severity: str
    rank: int
    dimension: str
    message: str
    path: tuple[str, ...]
    basis: str
    fix: str

    @property
    def blocking(self) -> bool:
        """ERROR and BLOCK findings stop a submission unless explained."""
        return self.rank >= 2

    @property
    def where(self) -> str:
        return "／".join(self.path)


@dataclass(frozen=True, slots=True)
class ReviewView:
    findings: tuple[FindingView, ...]
    grade: str = ""
    verdict: str = ""
    score: str = ""

    @property
    def blocking(self) -> tuple[FindingView, ...]:
        return tuple(f for f in self.findings if f.blocking)


def _view(finding: Finding) -> FindingView:
    return FindingView(
        key=f"{finding.code}|{'/'.join(finding.path)}",
        code=finding.code,
        symbol=finding.symbol,
        severity=str(finding.severity),
        rank=finding.severity.rank,
        dimension=str(finding.dimension),
        message=finding.message,
        path=finding.path,
        basis=finding.basis,
        fix=finding.fix,
    )


def active_profile() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The administrator's default 审核规则配置: (profile name, select, ignore)."""
    chosen = PolicyProfile.objects.filter(is_default=True).first()
    if chosen is None:
        return FALLBACK_PROFILE, (), ()
    return chosen.name, split_prefixes(chosen.select), split_prefixes(chosen.ignore)


def requirements(profile: str | None = None) -> dict[Level2, Requirement]:
    """二级 → （必填量化）/（必填）/（选填） of ``profile`` (default: the active one)."""
    return dict(get_profile(profile or active_profile()[0]).requirements)


def review(form: Declaration) -> ReviewView:
    """The automatic review of one form by the core's review engine, against the 指标库."""
    return _review(form, active_profile(), library.suggester())


def _review(
    form: Declaration,
    active: tuple[str, tuple[str, ...], tuple[str, ...]],
    suggester: Suggester,
) -> ReviewView:
    profile, select, ignore = active
    report = run_review(
        [form], profile=profile, select=select, ignore=ignore, library=suggester
    ).forms[0]
    findings = _unique(tuple(_view(f) for f in report.findings))
    return ReviewView(
        findings=findings,
        grade=str(report.grade),
        verdict=str(report.verdict),
        score=str(report.score),
    )


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored declaration decoded and reviewed: everything here is immutable and shared.

    ``key`` names the content (a digest of the canonical JSON) and the review configuration,
    so page fragments that depend only on these can be cached under it too.
    """

    key: tuple[str, str, tuple[str, ...], tuple[str, ...], str]
    form: Declaration
    review: ReviewView


class LRU(Generic[K, V]):
    """A small thread-safe least-recently-used map, local to one server process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


#: Decoded and reviewed stored declarations of this process, by :attr:`Stored.key`.
STORED: LRU[tuple[str, str, tuple[str, ...], tuple[str, ...], str], Stored] = LRU(512)


def digest(content: str) -> str:
    """A short digest of a stored declaration's canonical JSON."""
    return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Rules:
    """The review configuration in force, read once: the 审核规则配置 and the 指标库.

    A bulk import reads it once for each batch of files instead of once for every form.
    """

    active: tuple[str, tuple[str, ...], tuple[str, ...]]
    version: str
    suggester: Suggester

    @classmethod
    def now(cls) -> Rules:
        active = active_profile()
        version, suggester = library.current()
        return cls(active, version, suggester)

    def key(self, content: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...], str]:
        return (digest(content), *self.active, self.version)


def stored(content: str) -> Stored:
    """The form stored as ``content`` (canonical JSON) with its review under the active profile.

    Cached per (content digest, profile, select, ignore, 指标库 version): a saved edit changes
    the content, a changed 审核规则配置 the profile and a relearnt or curated library its
    version, so none can see a stale report. Two levels: this process's :data:`STORED`
    (no copying), then Django's cache :data:`REVIEW_CACHE`, which every web node and worker
    shares when it is Redis, so a form reviewed on one node is not reviewed again on another.
    """
    rules = Rules.now()
    key = rules.key(content)
    hit = STORED.get(key)
    if hit is None:
        hit = _shared(key)
    if hit is None:
        hit = reviewed(content, codec.from_text(content), rules)
        caches[REVIEW_CACHE].set(shared_key(key), hit, REVIEW_SECONDS)
    STORED.put(key, hit)
    return hit


def reviewed(content: str, form: Declaration, rules: Rules) -> Stored:
    """``form`` (stored as ``content``) reviewed under ``rules``, without the caches: what
    :func:`stored` computes on a miss, and what a bulk import computes for each new form."""
    return Stored(
        key=rules.key(content), form=form, review=_review(form, rules.active, rules.suggester)
    )


#: The Django cache the reviews are shared through (local memory embedded, Redis across
#: nodes: ``JIXIAO_CACHE_URL``), and how long an entry lives there.
REVIEW_CACHE = "default"
REVIEW_SECONDS = 7 * 24 * 3600


def shared_key(key: tuple[str, str, tuple[str, ...], tuple[str, ...], str]) -> str:
    """The cache key of a review: every part of :attr:`Stored.key`, hashed to a safe length."""
    text = repr(key).encode()
    return "jixiao:review:" + hashlib.blake2b(text, digest_size=20).hexdigest()


def _shared(key: tuple[str, str, tuple[str, ...], tuple[str, ...], str]) -> Stored | None:
    """A review another process (or node) made of the same content under the same rules."""
    hit = caches[REVIEW_CACHE].get(shared_key(key))
    return hit if isinstance(hit, Stored) and hit.key == key else None


def _unique(findings: tuple[FindingView, ...]) -> tuple[FindingView, ...]:
    """Make keys unique where one rule fires twice on one path."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        n = seen.get(f.key, 0)
        seen[f.key] = n + 1
        out.append(f if n == 0 else dataclasses.replace(f, key=f"{f.key}#{n}"))
    return tuple(out)


def asdict(f: FindingView) -> dict[str, object]:
    return {name: getattr(f, name) for name in FindingView.__slots__}


def import_file(data: bytes, filename: str) -> ImportResult:
    """Read declarations from an uploaded file of any supported format, chosen by content.

    Raises :class:`ImportFailure` (Chinese) when nothing can be read.
    """
    return import_bytes(data, filename)


#: Download formats: extension → (content type, label, renderer of a list of forms).
FORMATS: dict[str, tuple[str, str, Callable[[list[Declaration]], bytes]]] = {
    "pdf": ("application/pdf", "PDF", render_pdf),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
        render_xlsx,
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
        render_docx,
    ),
    "html": ("text/html; charset=utf-8", "网页", render_html),
    "json": ("application/json; charset=utf-8", "规范 JSON", lambda forms: dumps(forms).encode()),
}


def render(form: Declaration, fmt: str) -> bytes:
    """The form as a file of format ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt][2]([form])


def bundle(forms: list[Declaration], title: str) -> bytes:
    """A department's disclosure bundle: one PDF with a contents page, in the order given."""
    return render_bundle(forms, title)
