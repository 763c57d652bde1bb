"""PDF rendering and PDF import speed, beside LibreOffice converting the same form.

    PYTHONPATH=src .venv/bin/python bench/render_bench.py [--rounds 20] [--lo-runs 3]

1. PDF forms per second: each of the seven seed forms rendered to its own PDF, ``rounds``
   times (font registered once, as in a running server).
2. LibreOffice: the same forms' DOCX converted to PDF by ``soffice --headless
   --convert-to pdf``, one process per form, ``lo-runs`` times (skipped with the reason
   where LibreOffice is not installed). Ratio = LibreOffice seconds per form ÷ ours.
3. PDF import pages per second: the seven forms in one PDF, read back ``rounds`` times.

Targets: ≥ 50× faster than LibreOffice; ≥ 20 imported pages per second.

    PYTHONPATH=src .venv/bin/python bench/render_bench.py --big 10000 [--rounds 3]

Big forms instead: the first seed form grown to ``--big`` indicator rows (its rows repeated
with numbered names, spread over its groups) rendered to PDF and XLSX, best of ``rounds``;
the baseline is the same form at a tenth of the rows in the same run, so the ratio shows
whether the time grows linearly (≈ 10) or faster. Target: ≤ 3 s each at 10,000 rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.importers.pdf import PdfImporter
from jixiao.importers.text import TextImporter
from jixiao.model import Declaration
from jixiao.render.docx import render_docx
from jixiao.render.pdf import render_pdf
from jixiao.render.xlsx import render_xlsx

RATIO_TARGET = 50
PAGES_TARGET = 20
BIG_SECONDS_TARGET = 3.0


def timed(action: Callable[[], object], repeat: int) -> float:
    """Best wall-clock seconds of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def pdf_seconds_per_form(forms: Sequence[Declaration], rounds: int) -> float:
    render_pdf(forms[:1])  # register the font once, as a server does
    total = timed(lambda: [render_pdf([f]) for f in forms], rounds)
    return total / len(forms)


def libreoffice_seconds_per_form(forms: Sequence[Declaration], runs: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for n, form in enumerate(forms):
            path = Path(tmp) / f"form{n}.docx"
            path.write_bytes(render_docx([form]))
            sources.append(path)
        profile = f"-env:UserInstallation=file://{tmp}/profile"

        def convert() -> None:
            for src in sources:
                subprocess.run(
                    [
                        soffice,
                        profile,
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        tmp,
                        str(src),
                    ],
                    check=True,
                    capture_output=True,
                )

        convert()  # first run creates the profile; not timed
        return timed(convert, runs) / len(forms)


def import_pages_per_second(forms: Sequence[Declaration], rounds: int) -> tuple[float, int]:
    data = render_pdf(forms)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    seconds = timed(lambda: PdfImporter().extract(data, "bench.pdf"), rounds)
    return pages / seconds, pages


def grown(form: Declaration, rows: int) -> Declaration:
    """``form`` with ``rows`` indicator rows: its own rows repeated, numbered, group by group."""
    filled = [g for g in form.groups if g.indicators]
    per_group, extra = divmod(rows, len(filled))
    groups = []
    for group in form.groups:
        count = per_group + (1 if filled and group is filled[0] else 0) * extra
        source = group.indicators
        made = tuple(
            dataclasses.replace(source[i % len(source)], name=f"{source[i % len(source)].name}{i}")
            for i in range(count if source else 0)
        )
        groups.append(dataclasses.replace(group, indicators=made))
    return dataclasses.replace(form, groups=tuple(groups))


def cpu_timed(action: Callable[[], object], repeat: int) -> float:
    """Best CPU seconds of this process over ``repeat`` runs (less sensitive to load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best


def big_forms(form: Declaration, rows: int, rounds: int) -> None:
    render_pdf([form])  # register the font once, as a server does
    print(
        f"负载 {os.getloadavg()[0]:.2f}；大表 {rows} 行，基线为同一表的 {rows // 10} 行（同次运行）"
    )
    for name, renderer in (("PDF", render_pdf), ("XLSX", render_xlsx)):
        big, small = grown(form, rows), grown(form, rows // 10)
        seconds = timed(lambda r=renderer, b=big: r([b]), rounds)  # type: ignore[misc]
        base = timed(lambda r=renderer, s=small: r([s]), rounds)  # type: ignore[misc]
        cpu = cpu_timed(lambda r=renderer, b=big: r([b]), rounds)  # type: ignore[misc]
        verdict = "达标" if seconds <= BIG_SECONDS_TARGET else "未达标"
        print(
            f"{name}：{rows} 行 {seconds:.2f} 秒（CPU {cpu:.2f} 秒）；"
            f"{rows // 10} 行 {base:.2f} 秒；比值 {seconds / base:.1f}（线性为 10）；"
            f"目标 ≤{BIG_SECONDS_TARGET:.0f} 秒，{verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--lo-runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=0, help="只测大表：指标行数（如 10000）")
    args = parser.parse_args()
    forms = TextImporter().extract(seed_bytes(), SEED_NAME).declarations
    if args.big:
        big_forms(forms[0], args.big, args.rounds)
        return
    ours = pdf_seconds_per_form(forms, args.rounds)
    print(f"PDF 生成：{1 / ours:.1f} 份/秒（每份 {ours * 1000:.1f} 毫秒，7 份种子申报表）")
    lo = libreoffice_seconds_per_form(forms, args.lo_runs)
    if lo is None:
        print("LibreOffice 未安装，跳过对比（apt-get install libreoffice-writer-nogui）")
    else:
        ratio = lo / ours
        verdict = "达标" if ratio >= RATIO_TARGET else "未达标"
        print(
            f"LibreOffice DOCX→PDF：每份 {lo * 1000:.0f} 毫秒；"
            f"本实现快 {ratio:.0f} 倍（目标 ≥{RATIO_TARGET}×，{verdict}）"
        )
    rate, pages = import_pages_per_second(forms, args.rounds)
    verdict = "达标" if rate >= PAGES_TARGET else "未达标"
    print(f"PDF 导入：{rate:.1f} 页/秒（{pages} 页；目标 ≥{PAGES_TARGET} 页/秒，{verdict}）")


if __name__ == "__main__":
    main()
