"""Indicator names as the library compares them: normalised text and Chinese word tokens.

Real forms spell one indicator many ways (「指标1：服务对象满意度（必填）」, 「服务对象满意率。」);
:func:`normalise` folds what carries no meaning, :func:`tokens` cuts the rest into words with
jieba so that word order and small insertions weigh less than a plain character ratio, and
:func:`similarity` is rapidfuzz's ``token_sort_ratio`` over those words (0–100).

>>> normalise("指标1：服务对象满意率（必填）。")
'服务对象满意度'
>>> tokens("政务服务热线接通率")
('政务', '服务', '热线', '接通率')
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import ModuleType

from rapidfuzz import fuzz

_ANNOTATION = re.compile(r"[（(](?:必填量化|必填|选填)[)）]")
_PREFIX = re.compile(r"^(?:指标\d+|\d+[、.．])[:：]?|^[:：、]+")
_PARENS = re.compile(r"[（(][^（()）]*[)）]")
_YEAR = re.compile(r"(?:19|20)\d{2}年(?:度)?")
_PUNCT = re.compile(r"[\s。．.，,；;：:、“”\"'‘’《》〈〉【】\[\]]+")
_STOP = frozenset({"的", "及", "和", "与", "或", "等", "对", "了"})

#: Word endings that mean the same in an indicator name (满意率 = 满意度).
DEFAULT_SYNONYMS: Mapping[str, str] = {"满意率": "满意度", "知晓度": "知晓率"}


@lru_cache(maxsize=65536)
def normalise(name: str, synonyms: tuple[tuple[str, str], ...] = ()) -> str:
    """The name without annotations, prefixes, parenthesised remarks, years or punctuation."""
    text = unicodedata.normalize("NFKC", name)
    text = _ANNOTATION.sub("", text)
    text = _PREFIX.sub("", text.strip())
    text = _PARENS.sub("", text)
    text = _YEAR.sub("", text)
    text = _PUNCT.sub("", text)
    for word, same in synonyms or tuple(DEFAULT_SYNONYMS.items()):
        text = text.replace(word, same)
    return text


@lru_cache(maxsize=1)
def _jieba() -> ModuleType:
    """jieba, imported on first use: it costs 0.1 s (pkg_resources), and every ``jixiao``
    command and the review import this module, while only learning and bundles cut words."""
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    module: ModuleType = jieba
    return module


@lru_cache(maxsize=65536)
def tokens(normalised: str) -> tuple[str, ...]:
    """The words of a normalised name (jieba, precise mode), stop words dropped."""
    return tuple(w for w in _jieba().lcut(normalised) if w.strip() and w not in _STOP)


def token_text(normalised: str) -> str:
    """The words joined by spaces: what rapidfuzz's token scorers compare."""
    return " ".join(tokens(normalised))


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are (0–100), word order ignored."""
    return float(fuzz.token_sort_ratio(token_text(a), token_text(b)))
