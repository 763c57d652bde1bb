"""render / bundle / template through a small argparse harness (as cli.py will wire them)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from jixiao.data import seed_bytes
from jixiao.importers.detect import import_bytes
from jixiao.render.command import register, write_atomically


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="jixiao")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes())
    return path


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx", "html"])
def test_it_renders_every_form_of_a_file(fmt: str, seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("render", str(seed), "--format", fmt, "-o", str(out)) == 0
    target = out / f"seed.{fmt}"
    assert target.exists()
    if fmt != "html":
        assert len(import_bytes(target.read_bytes(), target.name).declarations) == 7


def test_it_renders_from_any_input_format(seed: Path, tmp_path: Path) -> None:
    run("render", str(seed), "--format", "docx", "-o", str(tmp_path))
    assert (
        run("render", str(tmp_path / "seed.docx"), "--format", "pdf", "-o", str(tmp_path / "b"))
        == 0
    )
    assert (tmp_path / "b" / "seed.pdf").exists()


def test_bundle_writes_one_pdf(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "公开.pdf"
    assert run("bundle", str(seed), "-o", str(out)) == 0
    assert len(import_bytes(out.read_bytes(), out.name).declarations) == 7


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_template_writes_a_blank_form(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"模板.{fmt}"
    assert run("template", "--format", fmt, "--year", "2026", "-o", str(out)) == 0
    decl = import_bytes(out.read_bytes(), out.name).declarations[0]
    assert decl.year == 2026 and len(decl.groups) == 9 and not decl.indicators


def test_bad_input_writes_nothing(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "坏.pdf"
    bad.write_bytes("%PDF-1.4\n垃圾".encode())
    out = tmp_path / "out"
    assert run("render", str(seed), str(bad), "-o", str(out)) == 2
    assert "错误：" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
    assert run("bundle", str(tmp_path / "没有.txt"), "-o", str(tmp_path / "x.pdf")) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "out" / "a.pdf", b"%PDF-1.4")
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "a.pdf").stat().st_mode & 0o777 == 0o644
