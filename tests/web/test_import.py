"""导入: every form of an uploaded file becomes a draft; bad files change nothing."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.model import dumps
from jixiao.web.declarations import codec, store
from jixiao.web.declarations.models import AuditEntry, Declaration
from jixiao.workflow import Action
from tests.web.conftest import World, seed_forms

URL = reverse("declarations:import")


def _post(world: World, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return world.client("filer").post(URL, {"file": SimpleUploadedFile(name, data)})


def test_it_imports_the_seven_seed_forms_as_drafts(world: World) -> None:
    response = _post(world, SEED_NAME, seed_bytes())
    assert response.status_code == 302
    rows = Declaration.objects.order_by("created_at")
    assert rows.count() == 7
    assert {r.status for r in rows} == {"草稿"}
    assert {r.organisation for r in rows} == {world.unit}
    assert AuditEntry.objects.filter(event="导入").count() == 7


def test_it_opens_the_editor_after_importing_one_form(world: World) -> None:
    response = _post(world, "one.json", dumps([seed_forms()[6]]).encode())
    row = Declaration.objects.get()
    assert response["Location"] == reverse("declarations:edit", kwargs={"pk": row.pk})
    assert codec.from_text(row.content).funding.annual_total == Decimal("12.55")


def test_it_reports_an_unreadable_file_in_chinese_and_creates_nothing(world: World) -> None:
    response = _post(world, "bad.txt", b"\x00\x01\x02binary")
    assert response.status_code == 400
    assert "导入失败" in response.content.decode()
    assert not Declaration.objects.exists()


def test_it_refuses_malformed_canonical_json(world: World) -> None:
    response = _post(world, "bad.json", b'{"schema": "jixiao.declaration/1", "year": "x"}')
    assert response.status_code == 400
    assert "导入失败" in response.content.decode()
    assert not Declaration.objects.exists()


def test_it_imports_our_own_xlsx_and_docx(world: World) -> None:
    from jixiao.web.declarations import engine

    form = seed_forms()[1]
    for fmt in ("xlsx", "docx"):
        assert _post(world, f"form.{fmt}", engine.render(form, fmt)).status_code == 302
        row = Declaration.objects.get(status="草稿")
        read = codec.from_text(row.content)
        assert (read.funding.annual_total, read.funding.fiscal) == (Decimal(60), Decimal(60))
        assert [i.value_text for i in read.indicators] == [i.value_text for i in form.indicators]
        store.transition(world.users["filer"], row, Action.DISCARD)  # so the next is not a repeat
