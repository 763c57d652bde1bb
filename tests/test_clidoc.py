"""docs/cli.md is generated from the parser and must be current."""

from __future__ import annotations

from pathlib import Path

from jixiao.clidoc import render

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_the_cli_reference_is_current() -> None:
    assert CLI_DOC.read_text(encoding="utf-8") == render(), (
        "run `python -m jixiao.clidoc > docs/cli.md`"
    )


def test_it_lists_every_command() -> None:
    text = render()
    for name in ("import", "show", "check", "render", "bundle", "template", "serve"):
        assert f"## `jixiao {name}`" in text
