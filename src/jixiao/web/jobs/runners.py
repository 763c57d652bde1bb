"""What each kind of job does, item by item, reporting progress and honouring a cancel.

Every runner returns the final status and a Chinese summary. A bulk import reads its files
in batches of ``JIXIAO_JOB_BATCH_FILES`` and writes each batch in one transaction through
:func:`jixiao.web.declarations.store.import_batch` (which dedupes, reviews and writes each file
whole or not at all), so a bad file is reported with its reason and the others are kept.
"""

from __future__ import annotations

import io
import logging
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied

from jixiao.export import form_list, to_csv, to_json, to_xlsx, yitihua_tables
from jixiao.importers.base import ImportFailure
from jixiao.model import Declaration as Form
from jixiao.web.accounts.models import User
from jixiao.web.declarations import codec, engine, hits
from jixiao.web.declarations import store as declarations_store
from jixiao.web.declarations.access import filer_organisation, visible
from jixiao.web.jobs import store
from jixiao.web.jobs.archive import Entry, Limits, is_zip, members, zip_entries
from jixiao.web.jobs.models import FileRole, Job, JobFile, JobKind, JobStatus
from jixiao.web.limits import TooLarge, check_form_count
from jixiao.workflow import Role

log = logging.getLogger(__name__)

#: Progress is written at most this often (seconds), and always at the end.
FLUSH_SECONDS = 0.25

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: 导出格式 → (label, file extension, content type).
EXPORTS: dict[str, tuple[str, str, str]] = {
    "yitihua-xlsx": ("一体化数据元素（Excel）", "xlsx", XLSX),
    "yitihua-csv": ("一体化数据元素（CSV，压缩包）", "zip", "application/zip"),
    "yitihua-json": ("一体化数据元素（JSON）", "json", "application/json"),
    "list-xlsx": ("申报表清单（Excel，含合计行）", "xlsx", XLSX),
    "list-csv": ("申报表清单（CSV，含合计行）", "csv", "text/csv; charset=utf-8"),
}
#: 打包格式 → label.
BUNDLES = {"pdf": "汇编为一个 PDF（含目录）", "zip": "每份一个文件的压缩包"}


class Stop(Exception):
    """The owner cancelled the job; what was done stays."""


class Split(Exception):
    """The import went on as parts (queued tasks); the last part to end ends the job."""


@dataclass
class Counter:
    """Counts not yet written, flushed (with the heartbeat) every :data:`FLUSH_SECONDS`."""

    job_id: uuid.UUID
    done: int = 0
    failed: int = 0
    created: int = 0
    existing: int = 0
    flushed: float = field(default_factory=time.monotonic)

    def step(self, failed: bool = False, created: int = 0, existing: int = 0) -> None:
        self.add(1, int(failed), created, existing)

    def add(self, done: int, failed: int = 0, created: int = 0, existing: int = 0) -> None:
        self.done += done
        self.failed += failed
        self.created += created
        self.existing += existing
        if time.monotonic() - self.flushed >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        store.progress(self.job_id, self.done, self.failed, None, self.created, self.existing)
        self.done = self.failed = self.created = self.existing = 0
        self.flushed = time.monotonic()

    def check(self) -> None:
        """Raise :class:`Stop` when the owner asked to cancel."""
        if store.cancelled(self.job_id):
            self.flush()
            raise Stop


def _bytes(value: object) -> bytes:
    return bytes(value) if isinstance(value, memoryview | bytearray) else value  # type: ignore[return-value]


#: The upload this worker process read last, by job and upload id: the parts of one large import
#: that a worker takes one after another read the ZIP (up to ``JIXIAO_MAX_JOB_UPLOAD_MB``)
#: from the database once, not once a part. Uploads never change once stored.
INPUTS: engine.LRU[tuple[uuid.UUID, int], bytes] = engine.LRU(1)


def _content(job: Job, upload_id: int) -> bytes:
    data = INPUTS.get((job.pk, upload_id))
    if data is None:
        data = _bytes(JobFile.objects.values_list("content", flat=True).get(pk=upload_id))
        INPUTS.put((job.pk, upload_id), data)
    return data


def import_entries(job: Job, only: range | None = None) -> Iterator[tuple[int, Entry]]:
    """(position from 1, file) of the job's uploads: the members of a ZIP, or the file itself.

    With ``only``, just the files at those positions, and only theirs are read.
    """
    limits = Limits.from_settings()
    position = 0
    uploads = job.files.filter(role=FileRole.INPUT).order_by("id").values_list("id", "name")
    for upload_id, name in uploads:
        data = _content(job, upload_id)
        if is_zip(data) and name.lower().endswith(".zip"):
            yield from zip_entries(data, limits, position, only)
            position += len(members(data))
        else:
            position += 1
            if only is None or position in only:
                yield position, Entry(name, data)


def _read(entry: Entry) -> tuple[Form, ...]:
    """The forms of one file; raises with a Chinese reason when there are none."""
    if entry.error:
        raise ImportFailure(entry.error)
    result = engine.import_file(entry.data, entry.name)
    if not result.declarations:
        raise ImportFailure("文件中没有可读取的申报表")
    check_form_count(len(result.declarations))
    return result.declarations


IMPORT_ERRORS = (*declarations_store.FILE_ERRORS, TooLarge)


def _batches(entries: Iterator[tuple[int, Entry]], size: int) -> Iterator[list[tuple[int, Entry]]]:
    batch: list[tuple[int, Entry]] = []
    for item in entries:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _filer(job: Job) -> User:
    """The job's owner as stored now, refused unless still a 填报人 of the job's organisation
    (the role or organisation may have changed since the job was queued)."""
    owner = User.objects.select_related("organisation").get(pk=job.owner_id)
    try:
        org = filer_organisation(owner)
    except PermissionDenied:
        org = None
    if org is None or org != job.organisation:
        raise PermissionError("发起人已不是该机构的填报人，未导入")
    return owner


def import_batch(job: Job, owner: User, batch: list[tuple[int, Entry]], counter: Counter) -> None:
    """Read the files of ``batch`` (parsing outside any transaction), write their forms in one
    transaction, report each file that failed with its reason and count them all."""
    assert job.organisation is not None
    read: list[tuple[int, str, tuple[Form, ...]]] = []
    errors: list[tuple[int, str, str]] = []
    for position, entry in batch:
        try:
            read.append((position, entry.name, _read(entry)))
        except IMPORT_ERRORS as exc:
            errors.append((position, entry.name, str(exc) or type(exc).__name__))
    results = declarations_store.import_batch(owner, job.organisation, [f for _, _, f in read])
    created = existing = 0
    for (position, name, _), result in zip(read, results, strict=True):
        if result.error:
            errors.append((position, name, result.error))
        created, existing = created + result.created, existing + result.existing
    store.errors(job.pk, sorted(errors))
    counter.add(len(batch), len(errors), created, existing)


def import_range(job: Job, counter: Counter, only: range | None = None) -> bool:
    """Import the files (at ``only``) batch by batch, counting them in ``counter``; True if
    cancelled (between batches: what was written stays)."""
    _filer(job)
    size = max(1, int(settings.JIXIAO_JOB_BATCH_FILES))
    for batch in _batches(import_entries(job, only), size):
        if store.cancelled(job.pk):
            return True
        import_batch(job, _filer(job), batch, counter)
    return False


def resume_from(job: Job) -> int:
    """The first file position still to import (after an interrupted run, the next one)."""
    return int(job.params.get("resume_from", 1))


def run_import(job: Job, counter: Counter) -> str:
    """A small import in one go; a large one is split into parts (:mod:`jobs.parts`)."""
    from jixiao.web.jobs import parts

    if parts.split(job):
        raise Split
    first = resume_from(job)
    stopped = import_range(job, counter, range(first, job.total + 1) if first > 1 else None)
    counter.flush()
    job.refresh_from_db()
    summary = import_summary(job)
    if stopped:
        raise Stop(summary)
    return summary


def import_summary(job: Job) -> str:
    created, existing, failed = job.created, job.existing, job.failed
    text = f"新建 {created} 份申报表（草稿）"
    if existing:
        text += f"，{existing} 份此前已导入、未重复创建"
    return text + (f"，{failed} 个文件失败（原因见下表）" if failed else "，没有失败的文件")


def _forms(job: Job, counter: Counter) -> list[tuple[str, Form]]:
    """The forms the job names (or all its owner may see), decoded, with progress."""
    rows = visible(job.owner).filter(archived_at__isnull=True)
    if ids := job.params.get("ids"):
        rows = rows.filter(pk__in=ids)
    if year := job.params.get("year"):
        rows = rows.filter(year=year)
    rows = rows.order_by("organisation__name", "project_name", "created_at")
    limit = int(settings.JIXIAO_MAX_JOB_FORMS)
    count = rows.count()
    if count > limit:
        raise TooLarge(f"一次最多处理 {limit} 份申报表，所选共 {count} 份，请按年度分批")
    store.progress(job.pk, total=count)
    forms = []
    for row in rows.iterator(chunk_size=500):
        counter.check()
        forms.append((f"{row.organisation.name}-{row.project_name}", codec.from_text(row.content)))
        counter.step()
    counter.flush()
    return forms


def _zip(files: Iterator[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        seen: set[str] = set()
        for name, data in files:
            unique, n = name, 1
            while unique in seen:
                n += 1
                unique = f"{name.rsplit('.', 1)[0]}-{n}.{name.rsplit('.', 1)[-1]}"
            seen.add(unique)
            archive.writestr(unique, data)
    return out.getvalue()


def run_bundle(job: Job, counter: Counter) -> str:
    forms = _forms(job, counter)
    if not forms:
        raise ValueError("没有可打包的申报表")
    if job.params.get("format") == "pdf":
        data = engine.bundle([f for _, f in forms], job.title)
        store.result(job.pk, f"{job.title}.pdf", "application/pdf", data)
        return f"已将 {len(forms)} 份申报表汇编为一个 PDF"
    fmt = job.params.get("fmt", "pdf")
    files = ((f"{name[:80]}.{fmt}", engine.render(form, fmt)) for name, form in forms)
    store.result(job.pk, f"{job.title}.zip", "application/zip", _zip(files))
    return f"已将 {len(forms)} 份申报表分别生成 {fmt.upper()} 并打包"


def run_export(job: Job, counter: Counter) -> str:
    to = job.params.get("to", "list-xlsx")
    label, ext, content_type = EXPORTS[to]
    forms = [f for _, f in _forms(job, counter)]
    if to.startswith("yitihua"):
        tables = yitihua_tables(forms, job.params.get("mof_div", ""))
        if ext == "xlsx":
            data = to_xlsx(tables)
        elif ext == "json":
            data = to_json(tables)
        else:
            data = _zip((f"{name}.csv", to_csv(table)) for name, table in tables.items())
    else:
        table = form_list(forms)
        data = to_xlsx({"申报表清单": table}) if ext == "xlsx" else to_csv(table)
    store.result(job.pk, f"{job.title}.{ext}", content_type, data)
    return f"已导出 {len(forms)} 份申报表：{label}"


def run_learn(job: Job, counter: Counter) -> str:
    if job.owner.workflow_role is not Role.ADMIN and not job.owner.is_superuser:
        raise PermissionError("只有管理员可以重建指标库")
    from jixiao.web.indicators.service import learn_approved

    store.progress(job.pk, total=1)
    learnt = learn_approved()
    counter.step()
    counter.flush()
    return (
        f"已从 {learnt.forms} 份通过的申报表学习，指标库共 {learnt.entries} 条"
        f"（其中整理的 {learnt.curated} 条）"
    )


#: Stale summaries read (and recomputed) per query of the 审核摘要重算 job.
RESUMMARISE_CHUNK = 500


def run_resummarise(job: Job, counter: Counter) -> str:
    """Recompute every stored review summary that another 审核规则配置 produced.

    Reads the stale rows in primary-key chunks (each query finds only what is still stale,
    so forms saved or opened meanwhile, or a second job running alongside, are not redone);
    each form is its own transaction and keeps a save made in between (``hits.refresh``).
    A form whose content cannot be reviewed is reported and the others go on.
    """
    if job.owner.workflow_role is not Role.ADMIN and not job.owner.is_superuser:
        raise PermissionError("只有管理员可以重算审核摘要")
    store.progress(job.pk, total=hits.stale().count())
    redone, last = 0, None
    while True:
        if store.cancelled(job.pk):
            counter.flush()
            raise Stop(f"已重算 {redone} 份申报表的审核摘要")
        rows = hits.stale().order_by("pk").only("pk", "content", "revision", "project_name")
        chunk = list((rows.filter(pk__gt=last) if last else rows)[:RESUMMARISE_CHUNK])
        if not chunk:
            break
        for row in chunk:
            try:
                redone += hits.refresh([row])
            except (codec.MoneyError, ValueError) as exc:
                store.error(job.pk, counter.done + 1, row.project_name, str(exc))
                counter.step(failed=True)
                continue
            counter.step()
        last = chunk[-1].pk
    return f"已按当前审核规则配置重算 {redone} 份申报表的审核摘要（审核等级与规则命中）"


RUNNERS: dict[JobKind, Callable[[Job, Counter], str]] = {
    JobKind.IMPORT: run_import,
    JobKind.BUNDLE: run_bundle,
    JobKind.EXPORT: run_export,
    JobKind.LEARN: run_learn,
    JobKind.RESUMMARISE: run_resummarise,
}


def run(job_id: uuid.UUID) -> JobStatus:
    """Run the job to its end (or its cancel); the status it ended with.

    First marks 已中断 any job whose worker died (a worker taking a job is a worker alive).
    """
    store.recover(Job.objects.all())
    if not store.start(job_id):
        return JobStatus.CANCELLED
    job = Job.objects.select_related("owner", "organisation").get(pk=job_id)
    counter = Counter(job.pk)
    try:
        summary = RUNNERS[JobKind(job.kind)](job, counter)
    except Split:
        return JobStatus.RUNNING
    except Stop as stop:
        counter.flush()
        job.refresh_from_db()
        store.finish(job.pk, JobStatus.CANCELLED, cancelled_summary(job, str(stop)))
        return JobStatus.CANCELLED
    except Exception as exc:  # the job fails, the worker goes on; the reason is shown
        log.exception("job %s failed", job_id)
        counter.flush()
        store.finish(job.pk, JobStatus.FAILED, f"任务失败：{exc}")
        return JobStatus.FAILED
    counter.flush()
    store.finish(job.pk, JobStatus.DONE, summary)
    return JobStatus.DONE


def cancelled_summary(job: Job, so_far: str) -> str:
    kept = f"已完成的部分保留：{so_far}" if so_far else "未生成结果文件"
    return f"已取消：处理了 {job.done}/{job.total} 项，{kept}；其余未处理"
