"""The batched bulk import writes what the per-form path writes, file by file, and no more.

Each job here is uploaded through the API with a token and run as a worker runs it
(:func:`jixiao.web.jobs.runners.run`); the reference is :func:`store.import_forms`, the write
of the single-file import page, applied to the same files one by one.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from jixiao.data import seed_bytes
from jixiao.importers.base import ImportFailure
from jixiao.model import Declaration as Form
from jixiao.model import dumps
from jixiao.web.accounts.models import ApiToken, BudgetYear, Organisation
from jixiao.web.declarations import codec, engine, store
from jixiao.web.declarations.models import AuditEntry, Declaration, FindingHit, Version
from jixiao.web.jobs.models import Job, JobError
from jixiao.web.jobs.runners import run
from jixiao.workflow import Role
from tests.web.conftest import World, seed_forms
from tests.web.jobs_helpers import BAD_FILES, zip_of


def _token_client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _import(world: World, files: list[tuple[str, bytes]], persona: str = "filer") -> Job:
    """Upload ``files`` as one ZIP through the API and run the job as a worker does."""
    client = _token_client(world, persona)
    upload = SimpleUploadedFile("批量.zip", zip_of(iter(files)))
    response = client.post("/api/jobs/imports", {"files": upload})
    assert response.status_code == 201, response.content
    pk = uuid.UUID(response.json()["id"])
    run(pk)
    return Job.objects.get(pk=pk)


def _named(form: Form, name: str, year: int | None = None) -> Form:
    return dataclasses.replace(form, project_name=name, year=year or form.year)


def _files() -> list[tuple[str, bytes]]:
    """Every case a file can be: seven forms of text, one JSON form, a form repeated in one
    file, a form repeated from an earlier file, an Excel workbook, and an unreadable file."""
    forms = seed_forms()
    a, b, c = (_named(forms[k], f"批次对照项目{k}") for k in range(3))
    from jixiao.render.xlsx import render_xlsx

    return [
        ("种子.txt", seed_bytes()),
        ("一份.json", dumps([a]).encode()),
        ("重复两次.json", dumps([b, b]).encode()),
        ("坏/乱码.pdf", BAD_FILES["乱码.pdf"]),
        ("又一份a.json", dumps([a, c]).encode()),
        ("表格.xlsx", render_xlsx([_named(forms[4], "批次对照表格")])),
    ]


def _without_tree(content: str) -> Form:
    """The stored form without 主管部门 and 实施单位 (the organisation tree's, which differ)."""
    form = codec.from_text(content)
    blank = dataclasses.replace(form.department, name="", code="")
    return dataclasses.replace(form, department=blank, implementer=blank)


def _written(org: Organisation) -> list[tuple[Any, ...]]:
    """Everything written for each declaration of ``org``, in the order of creation."""
    out = []
    for row in Declaration.objects.filter(organisation=org).order_by("created_at", "project_name"):
        versions = [
            (v.number, v.revision, v.reason, _without_tree(v.content), v.annual_total_fen)
            for v in Version.objects.filter(declaration=row)
        ]
        audit = [
            (e.event, e.detail, e.changes, e.actor.role)
            for e in AuditEntry.objects.filter(declaration=row)
        ]
        found = sorted(FindingHit.objects.filter(declaration=row).values_list("code", "count"))
        out.append(
            (
                row.project_name,
                row.year,
                row.status,
                row.revision,
                row.review_grade,
                row.finding_count,
                row.indicator_text,
                row.annual_total_fen,
                row.fiscal_fen,
                row.other_fen,
                row.import_digest,
                row.attribute,
                _without_tree(row.content),
                found,
                versions,
                audit,
            )
        )
    return sorted(out, key=lambda item: (item[0], item[10]))


def test_the_batched_import_writes_exactly_what_the_per_form_write_does(world: World) -> None:
    files = _files()
    job = _import(world, files)
    reference = world.users["outsider"]  # the 填报人 of the other unit, through import_forms
    created = existing = 0
    for name, data in files:
        try:
            forms = engine.import_file(data, name).declarations
        except ImportFailure:  # the file the job reports as failed
            continue
        done = store.import_forms(reference, world.other_unit, forms)
        created, existing = created + len(done.created), existing + len(done.existing)
    batched, single = _written(world.unit), _written(world.other_unit)
    assert len(batched) == created == 7 + 4 and job.created == created
    assert job.existing == existing == 1 and job.failed == 1
    assert batched == single
    assert {row[4] for row in batched} - {""}, "every form was reviewed and graded"
    hits = sum(
        FindingHit.objects.filter(declaration__organisation=world.unit).values_list(
            "count", flat=True
        )
    )
    assert hits == sum(row[5] for row in batched) > 0
    assert list(JobError.objects.filter(job=job).values_list("position", "name")) == [
        (4, "坏/乱码.pdf")
    ]


def _refuse_project(fragment: str) -> None:
    """A database trigger refusing any declaration whose project name contains ``fragment``
    (the test's transaction takes it away again)."""
    table = Declaration._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.project_name LIKE '%%{fragment}%%' THEN RAISE EXCEPTION '拒收'; END IF; "
                "RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER test_refuse BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_refuse BEFORE INSERT ON {table} "
                f"WHEN NEW.project_name LIKE '%{fragment}%' BEGIN SELECT RAISE(ABORT, '拒收'); END"
            )


def test_a_file_refused_mid_batch_rolls_back_only_itself(world: World, settings: Any) -> None:
    settings.JIXIAO_JOB_BATCH_FILES = 50  # all of them in one batch, one transaction
    BudgetYear.objects.create(year=2031, is_open=False)
    forms = seed_forms()
    files = [
        (f"第{k}个.json", dumps([_named(forms[k], f"同批项目{k}")]).encode()) for k in range(6)
    ]
    # the 3rd file: two forms, the second refused by the database — neither may stay
    files[2] = (
        "第2个.json",
        dumps([_named(forms[2], "同批项目2"), _named(forms[3], "拒收的")]).encode(),
    )
    # the 5th file: a form of a closed 预算年度 after a good one — refused before any write
    files[4] = (
        "关闭年度.json",
        dumps([_named(forms[5], "同批项目4"), _named(forms[4], "关闭的", 2031)]).encode(),
    )
    _refuse_project("拒收")
    job = _import(world, files)
    names = set(
        Declaration.objects.filter(organisation=world.unit).values_list("project_name", flat=True)
    )
    assert names == {"同批项目0", "同批项目1", "同批项目3", "同批项目5"}
    assert (job.done, job.failed, job.created) == (6, 2, 4)
    errors = {e.position: e.reason for e in JobError.objects.filter(job=job)}
    assert set(errors) == {3, 5}
    assert "写入数据库时被拒绝" in errors[3] and "未导入" in errors[3]
    assert "2031年度预算已关闭填报" in errors[5]
    assert Version.objects.filter(declaration__organisation=world.unit).count() == 4
    assert (
        AuditEntry.objects.filter(event="导入", declaration__organisation=world.unit).count() == 4
    )


def test_an_import_lands_only_in_the_importers_organisation(world: World) -> None:
    other = world.other_unit
    forms = seed_forms()
    claims = dataclasses.replace(
        _named(forms[0], "自称他单位"),
        department=dataclasses.replace(forms[0].department, name=other.parent.name),
        implementer=dataclasses.replace(forms[0].implementer, name=other.name),
    )
    job = _import(world, [("他单位.json", dumps([claims]).encode())])
    row = Declaration.objects.get(project_name="自称他单位")
    assert job.created == 1 and row.organisation == world.unit
    assert (row.department_name, row.implementer_name) == (world.department.name, world.unit.name)
    assert not Declaration.objects.filter(organisation=other).exists()


@pytest.mark.parametrize("change", ["moved", "role", "tampered"])
def test_a_job_whose_owner_no_longer_files_for_its_organisation_writes_nothing(
    world: World, change: str
) -> None:
    client = _token_client(world, "filer")
    files = [
        (f"{k}.json", dumps([_named(seed_forms()[k], f"不应导入{k}")]).encode()) for k in range(3)
    ]
    upload = SimpleUploadedFile("批量.zip", zip_of(iter(files)))
    pk = uuid.UUID(client.post("/api/jobs/imports", {"files": upload}).json()["id"])
    filer = world.users["filer"]
    if change == "moved":  # the importer now belongs to the other unit: not into either
        filer.organisation = world.other_unit
        filer.save()
    elif change == "role":
        filer.role = Role.DEPARTMENT_REVIEWER
        filer.save()
    else:  # the job row names another organisation than its owner's
        Job.objects.filter(pk=pk).update(organisation=world.other_unit)
    run(pk)
    job = Job.objects.get(pk=pk)
    assert job.status == "已失败" and "发起人已不是该机构的填报人" in job.summary
    assert not Declaration.objects.filter(project_name__startswith="不应导入").exists()
