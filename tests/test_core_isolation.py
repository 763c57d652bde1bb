"""The core never imports Django: only ``jixiao.web`` (and ``jixiao serve``) may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import jixiao

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(jixiao.__path__, "jixiao.")
    if not m.name.startswith("jixiao.web")
)


def test_the_core_modules_are_found() -> None:
    assert {"jixiao.cli", "jixiao.model", "jixiao.review", "jixiao.render"} <= set(CORE)


def test_importing_every_core_module_leaves_django_out() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
