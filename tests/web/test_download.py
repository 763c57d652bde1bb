"""Downloads: PDF, XLSX and canonical JSON of one declaration; the department bundle."""

from __future__ import annotations

import io
import json

import pdfplumber
from django.urls import reverse

from jixiao.web.declarations.models import AuditEntry
from tests.web.conftest import World


def test_it_downloads_the_pdf_with_a_chinese_file_name(world: World) -> None:
    row = world.declaration("通过")
    url = reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "pdf"})
    response = world.client("filer").get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "filename*=UTF-8''2025%E6%94%BF%E5%BA%9C" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(event="下载", detail="pdf").count() == 1


def test_it_downloads_xlsx_and_exact_json(world: World) -> None:
    row = world.declaration()
    client = world.client("finance")
    xlsx = client.get(reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "xlsx"}))
    assert xlsx.content[:2] == b"PK"
    data = client.get(reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "json"}))
    assert json.loads(data.content)[0]["funding"]["annual_total"] == "53.15"


def test_it_downloads_docx_and_html(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    docx = client.get(reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "docx"}))
    assert docx.content[:2] == b"PK"
    html = client.get(reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "html"}))
    assert "编内聘用人员全年薪酬" in html.content.decode()


def test_it_answers_404_for_an_unknown_format(world: World) -> None:
    row = world.declaration()
    url = reverse("declarations:download", kwargs={"pk": row.pk, "fmt": "exe"})
    assert world.client("filer").get(url).status_code == 404


def test_it_bundles_the_approved_forms_of_a_department(world: World) -> None:
    world.declaration("通过", index=0)
    world.declaration("通过", index=1)
    world.declaration("财政审核", index=2)
    url = reverse("declarations:bundle", kwargs={"org": world.department.pk, "year": 2025})
    response = world.client("finance").get(url)
    assert response.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "政府聘用人员经费" in text and "银川市人民政府政务公开工作经费" in text
    assert "市政府督查室工作经费" not in text
    empty = reverse("declarations:bundle", kwargs={"org": world.department.pk, "year": 2024})
    assert world.client("finance").get(empty).status_code == 404
