"""docs/security.md is generated from the probes, so it cannot go stale.

Every probe of :mod:`tests.web.security_probes` is sent; its status must be the expected one,
never a 5xx, and its answer must be Chinese. The table (input, status, answer) must equal the
file; ``JIXIAO_UPDATE_DOCS=1`` rewrites it instead (``make docs`` does).
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.web.conftest import World
from tests.web.security_probes import PROBES, Bench, Probe

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TAG = re.compile(r"<[^>]+>")
_MESSAGE = re.compile(r'<li class="error">(.*?)</li>', re.S)
_MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.S)
_HAN = re.compile(r"[\u4e00-\u9fff]")

#: The page's introduction and table head (kept beside the test, as Markdown).
HEADER = (Path(__file__).parent / "security_intro.md").read_text(encoding="utf-8")


def _message(response: Any) -> str:
    """The Chinese answer: the API's ``message``, a page's error notice, or its main text."""
    if response.status_code in (301, 302):
        return "转到 " + _UUID.sub("<标识>", response["Location"].split("?")[0])
    content = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        text = str(body.get("message", "")) if isinstance(body, dict) else ""
    elif found := _MESSAGE.search(content):
        text = found.group(1)
    else:
        main = _MAIN.search(content)
        text = main.group(1) if main else content
    text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    text = _UUID.sub("<标识>", text)
    return text[:140] + ("…" if len(text) > 140 else "")


def _status(responses: Any) -> str:
    if not isinstance(responses, list):
        return str(responses.status_code)
    counts = Counter(r.status_code for r in responses)
    return "+".join(f"{code}×{n}" if n > 1 else str(code) for code, n in sorted(counts.items()))


def _answer(probe: Probe, responses: Any) -> str:
    """The answer shown: the one response, or the refused one of concurrent requests."""
    if not isinstance(responses, list):
        return _message(responses)
    refused = [r for r in responses if r.status_code >= 400]
    return _message(refused[0]) if refused else "全部成功"


def _row(number: int, probe: Probe, status: str, answer: str) -> str:
    cells = (str(number), probe.kind, probe.channel, probe.what, status, answer)
    return "| " + " | ".join(c.replace("|", "／") for c in cells) + " |"


@pytest.fixture
def small_import_limit() -> Any:
    old = settings.JIXIAO_MAX_IMPORT_FORMS
    settings.JIXIAO_MAX_IMPORT_FORMS = 5
    yield
    settings.JIXIAO_MAX_IMPORT_FORMS = old


def test_it_has_at_least_forty_probes_of_every_kind() -> None:
    assert len(PROBES) >= 40
    assert {p.kind for p in PROBES} >= {"超大", "畸形", "篡改", "越权", "并发", "重复", "原子"}


def test_it_answers_every_bad_input_as_the_security_page_says(
    emptied_history: None, world: World, small_import_limit: None
) -> None:
    bench = Bench(world)
    lines, wrong = [], []
    for number, probe in enumerate(PROBES, 1):
        responses = probe.send(bench)
        status, answer = _status(responses), _answer(probe, responses)
        if status not in probe.expected.split("|") or status[0] == "5":
            wrong.append(f"{probe.what}: {status} (expected {probe.expected}) {answer}")
        elif status[0] in "45" and not _HAN.search(answer):
            wrong.append(f"{probe.what}: answer not in Chinese: {answer}")
        shown = probe.expected.replace("|", " 或 ") if "|" in probe.expected else status
        lines.append(_row(number, probe, shown, answer if "|" not in probe.expected else "—"))
    assert not wrong, "\n".join(wrong)
    text = HEADER + "\n".join(lines) + "\n"
    if os.environ.get("JIXIAO_UPDATE_DOCS"):
        DOC.write_text(text, encoding="utf-8")
    stale = "docs/security.md is stale: JIXIAO_UPDATE_DOCS=1 pytest tests/web/test_security_doc.py"
    assert DOC.read_text(encoding="utf-8") == text, stale
