"""CLI start-up imports only the command being run: ``jixiao --help`` none of the commands'
modules, ``jixiao import`` of a text file only the importers (no PDF, Excel or Word library, no
progress bar off a terminal); the help still lists every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import build_parser
from jixiao.clidoc import _subparsers, _summaries
from jixiao.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
#: Modules that only some commands need (the heavy ones: documents, review, Django …).
HEAVY = (
    "jixiao.render",
    "jixiao.review",
    "jixiao.evaluation",
    "jixiao.monitoring",
    "jixiao.library",
    "jixiao.export",
    "jixiao.web",
    "openpyxl",
    "reportlab",
    "docx",
    "pdfplumber",
    "tqdm",
    "django",
)
_PROBE = """
import json, sys
from jixiao.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*argv: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    return done.stdout, set(json.loads(done.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


def test_help_lists_every_command_and_imports_none_of_them() -> None:
    out, modules = _modules_after("--help")
    for cmd in COMMANDS:
        assert f"{cmd.name} " in out and cmd.summary in out
    assert [m for m in HEAVY if _loaded(modules, m)] == []
    assert not _loaded(modules, "jixiao.importers")


def test_import_loads_the_importers_and_not_the_other_commands(tmp_path: Path) -> None:
    form = tmp_path / "form.txt"
    form.write_text("项目名称 | 社区图书流动服务 |\n年度资金总额 | 20 |\n", encoding="utf-8")
    out, modules = _modules_after("import", str(form))
    assert "社区图书流动服务" in out
    assert _loaded(modules, "jixiao.importers")
    assert [m for m in HEAVY if _loaded(modules, m)] == []  # a text file needs no PDF/Excel/Word


@pytest.mark.parametrize("name", [c.name for c in COMMANDS if c.module])
def test_one_command_parser_reads_as_the_full_one(name: str) -> None:
    full, one = build_parser(), build_parser(only=name)
    assert _summaries(one) == _summaries(full)
    assert _subparsers(one)[name].format_help() == _subparsers(full)[name].format_help()


def test_an_unknown_command_is_refused_in_chinese() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jixiao", "bogus"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 2
    assert "无效的选项 'bogus'" in done.stderr and "'token'" in done.stderr
