"""Building bulk-import ZIPs and running a real queue worker in a thread for the job tests."""

from __future__ import annotations

import dataclasses
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from jixiao.model import dumps
from jixiao.render.xlsx import render_xlsx
from tests.web.conftest import seed_forms

#: Ten files no importer can take, each for its own reason.
BAD_FILES: dict[str, bytes] = {
    "空文件.txt": b"",
    "乱码.pdf": b"%PDF-1.4 this is not really a pdf \x00\x01\x02",
    "随便写的.txt": "这只是一段说明文字，没有任何申报表。\n".encode(),
    "坏的.json": b'{"declarations": [ {"year": "not a year"',
    "不是表格.xlsx": b"PK\x03\x04 not an excel workbook at all",
    "不是文档.docx": b"plain bytes pretending to be a Word document",
    "嵌套.zip": b"PK\x03\x04" + b"\x00" * 40,
    "二进制.bin": bytes(range(256)) * 4,
    "图片.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "太大.txt": b"0" * (2 * 1024 * 1024),
}


def good_files(count: int, prefix: str = "批量") -> Iterator[tuple[str, bytes]]:
    """``count`` distinct one-form files: canonical JSON, every 100th an Excel workbook."""
    forms = seed_forms()
    for i in range(count):
        form = dataclasses.replace(forms[i % len(forms)], project_name=f"{prefix}项目{i:04d}")
        if i % 100 == 0:
            yield f"表{i:04d}.xlsx", render_xlsx([form])
        else:
            yield f"目录/表{i:04d}.json", dumps([form]).encode()


def zip_of(files: Iterator[tuple[str, bytes]] | dict[str, bytes]) -> bytes:
    items = files.items() if isinstance(files, dict) else files
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return out.getvalue()


@contextmanager
def running_worker(name: str = "test-worker") -> Iterator[Worker]:
    """django-tasks' own database worker, polling every 50 ms in a thread, as a node runs it."""
    worker = Worker(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=name,
        excluded_queue_names=[],
    )

    def loop() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield worker
    finally:
        worker.running = False
        thread.join(timeout=30)
