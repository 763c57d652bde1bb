"""Readable findings: the 建议 line of a 阻断 finding meets WCAG AA contrast (4.5:1).

Reads the colours the stylesheet really gives a 阻断 (``sev-3``) finding and the 建议 / path
lines inside it, and computes the WCAG 2 contrast ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

import jixiao.web

CSS = (Path(jixiao.web.__file__).parent / "static" / "jixiao" / "app.css").read_text()
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def _declarations(selector: str) -> dict[str, str]:
    """The properties of the rule whose selector list contains exactly ``selector``."""
    out: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS):
        if selector in [s.strip() for s in selectors.split(",")]:
            for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
                out[prop] = value.strip()
    return out


def _colour(value: str) -> tuple[float, float, float]:
    if (name := re.fullmatch(r"var\(--([\w-]+)\)", value)) is not None:
        value = VARIABLES[name.group(1)]
    digits = value.lstrip("#")
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(_colour(a)), _luminance(_colour(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_it_computes_the_wcag_ratio() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_it_gives_a_blocking_finding_and_its_fix_line_readable_contrast() -> None:
    background = _declarations(".sev-3")["background"]
    assert contrast(_declarations(".sev-3")["color"], background) >= 4.5
    for part in (".sev-3 .fix", ".sev-3 .path", ".sev-3 .explain"):
        assert contrast(_declarations(part)["color"], background) >= 4.5, part
