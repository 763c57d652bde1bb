"""指标库 pages: learning from approved forms, live suggestions, bundles, far-out values, admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.accounts.models import ApiToken
from jixiao.web.indicators.models import LibraryEntry
from jixiao.web.indicators.service import learn_approved
from tests.web.conftest import World
from tests.web.signed import Signed

pytestmark = pytest.mark.django_db


def _approved(world: World, *indexes: int) -> None:
    for i in indexes:
        world.declaration("通过", index=i)


def test_it_learns_only_from_approved_declarations(world: World) -> None:
    _approved(world, 0)
    world.declaration("草稿", index=6)  # 非现役复转军人薪酬: a draft teaches nothing
    result = learn_approved()
    assert result.forms == 1
    names = set(LibraryEntry.objects.values_list("name", flat=True))
    assert "编内聘用人员（含专业技术人员）数量" in names
    assert not any("复转军人" in n for n in names)


def test_the_admin_relearns_with_csrf_and_others_may_not(world: World) -> None:
    _approved(world, 0, 1)
    admin = Signed(world.users["admin"])
    response = admin.post(reverse("indicators:learn"))
    assert response.status_code == 302
    assert LibraryEntry.objects.count() > 20
    assert "已从2份已通过的申报表学习" in admin.get(reverse("indicators:search")).content.decode()
    filer = Signed(world.users["filer"])
    assert filer.post(reverse("indicators:learn")).status_code == 403
    bare = Signed(world.users["admin"])
    assert bare.client.post(reverse("indicators:learn")).status_code == 403  # no CSRF token


def test_curated_entries_survive_learning_again(world: World) -> None:
    _approved(world, 0)
    learn_approved()
    row = LibraryEntry.objects.get(name="用人单位满意度")
    row.explanation, row.origin = "用人单位对聘用人员工作的满意程度", "人工"
    row.save()
    _approved(world, 6)
    learn_approved()
    row = LibraryEntry.objects.get(key=row.key)
    assert (row.origin, row.explanation) == ("人工", "用人单位对聘用人员工作的满意程度")
    assert row.form_count == 2  # 复转军人薪酬 declares 用人单位满意度 too


def test_suggestions_answer_a_typed_name_with_unit_and_typical_value(world: World) -> None:
    _approved(world, 0, 6)
    learn_approved()
    page = Signed(world.users["filer"]).get(reverse("indicators:suggest"), q="用人单位满")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("用人单位满意度") < html.index("</li>")  # the first suggestion
    assert "常见取值：≥98%" in html and "（2份表）" in html


def test_suggestions_refuse_overlong_or_bad_input(world: World) -> None:
    filer = Signed(world.users["filer"])
    assert filer.get(reverse("indicators:suggest"), q="满" * 101).status_code == 400
    bad = filer.get(reverse("indicators:suggest"), q="满意度", level2="不是二级")
    assert bad.status_code == 400 and "不是二级指标" in bad.content.decode()
    assert (
        world.client("anonymous").get(reverse("indicators:suggest"), {"q": "x"}).status_code == 302
    )


def test_a_far_out_value_is_flagged_with_its_range(world: World) -> None:
    stats = [
        {
            "unit": "%",
            "count": 6,
            "median": "90",
            "low": "88",
            "high": "93",
            "min": "85",
            "max": "95",
            "operator": "≥",
        }
    ]
    LibraryEntry.objects.create(
        key="服务对象满意度指标/热线服务满意度",
        level1="满意度指标",
        level2="服务对象满意度指标",
        name="热线服务满意度",
        unit="%",
        stats=stats,
        sources=[f"表{i}" for i in range(6)],
        form_count=6,
    )
    filer = Signed(world.users["filer"])
    url = reverse("indicators:check")
    far = filer.get(url, level2="服务对象满意度指标", name="热线服务满意度", value="≥60%")
    assert (
        "常见取值为≥88–93%（6个取值，中位数90%），来自6份表；本表为60%，明显偏离"
        in far.content.decode()
    )
    near = filer.get(url, level2="服务对象满意度指标", name="热线服务满意度", value="≥92%")
    assert near.content.decode().strip() == ""


def test_the_search_page_lists_entries_and_retired_ones_disappear(world: World) -> None:
    _approved(world, 0)
    learn_approved()
    LibraryEntry.objects.filter(name="用人单位满意度").update(status="停用")
    html = (
        Signed(world.users["finance"])
        .get(reverse("indicators:search"), q="满意度")
        .content.decode()
    )
    assert "用人单位满意度" not in html
    html = (
        Signed(world.users["finance"]).get(reverse("indicators:search"), q="薪酬").content.decode()
    )
    assert "编内聘用人员全年薪酬" in html


def test_the_bundle_names_similar_projects(world: World) -> None:
    _approved(world, 0)
    learn_approved()
    html = (
        Signed(world.users["filer"])
        .get(reverse("indicators:bundle"), name="2026年政府聘用人员经费")
        .content.decode()
    )
    assert "项目类型：人员经费类" in html and "相似项目：政府聘用人员经费" in html
    assert "编内聘用人员（含专业技术人员）数量" in html


def test_the_api_suggests_with_a_token(world: World) -> None:
    _approved(world, 0)
    learn_approved()
    _, key = ApiToken.issue(world.users["filer"], "测试")
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.get(
        "/api/indicators/suggest", {"q": "用人单位满意"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    assert response.json()[0]["entry"]["name"] == "用人单位满意度"
    bundle = client.get(
        "/api/indicators/bundle", {"name": "政府聘用人员经费"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert bundle.json()["fund_use"] == "人员经费类"
    assert client.get("/api/indicators/suggest", {"q": "x"}).status_code == 401


def test_admin_merges_entries_through_the_core(world: World) -> None:
    _approved(world, 0, 3)
    learn_approved()
    a = LibraryEntry.objects.get(name="办公人员满意度")
    b = LibraryEntry.objects.get(name="培训人员满意度")
    admin = Signed(world.users["admin"])
    response = admin.post(
        reverse("admin:indicators_libraryentry_changelist"),
        {"action": "merge_entries", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    assert LibraryEntry.objects.filter(pk__in=[a.pk, b.pk]).count() == 1
    kept = LibraryEntry.objects.get(pk__in=[a.pk, b.pk])
    assert kept.origin == "人工" and set(kept.aliases) & {"办公人员满意度", "培训人员满意度"}


def test_the_editor_review_flags_a_far_out_value_against_the_library(world: World) -> None:
    from jixiao.web.declarations import engine

    row = world.declaration()
    form = engine.stored(row.content).form
    satisfaction = next(g for g in form.groups if g.level2.value == "服务对象满意度指标")
    name = satisfaction.real_indicators[0].name
    assert not any(f.code == "B605" for f in engine.stored(row.content).review.findings)
    stats = [
        {
            "unit": "%",
            "count": 8,
            "median": "99",
            "low": "99",
            "high": "99.5",
            "min": "99",
            "max": "100",
            "operator": "≥",
        }
    ]
    LibraryEntry.objects.create(
        key=f"服务对象满意度指标/{name}",
        level1="满意度指标",
        level2="服务对象满意度指标",
        name=name,
        unit="%",
        stats=stats,
        sources=[f"表{i}" for i in range(8)],
        form_count=8,
    )
    findings = [f for f in engine.stored(row.content).review.findings if f.code == "B605"]
    assert len(findings) == 1 and "来自8个取值" in findings[0].message  # the cache saw the change


def test_the_library_exports_and_the_admin_imports_it_back(world: World) -> None:
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from jixiao.library import EXCHANGE_HEADERS, read_library

    _approved(world, 0)
    learn_approved()
    filer = Signed(world.users["filer"])
    exported = filer.get(reverse("indicators:export"))
    assert exported.status_code == 200
    library = read_library(exported.content)
    assert len(library.entries) == LibraryEntry.objects.count()
    book = Workbook()
    sheet = book.active
    sheet.append(list(EXCHANGE_HEADERS))
    sheet.append(
        [
            "政务",
            "热线",
            "产出指标",
            "质量指标",
            "热线接通率",
            "接通数/呼入数",
            "%",
            "≥90%",
            "行业标准",
        ]
    )
    data = BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("省指标库.xlsx", data.getvalue())
    admin = Signed(world.users["admin"])
    assert admin.post(reverse("indicators:import"), {"file": upload}).status_code == 302
    row = LibraryEntry.objects.get(key="质量指标/热线接通率")
    assert (row.origin, row.basis, row.reference) == ("人工", "行业标准", "≥90%")
    upload.seek(0)
    assert filer.post(reverse("indicators:import"), {"file": upload}).status_code == 403
    bad = SimpleUploadedFile("坏.xlsx", b"not excel")
    page = admin.client.post(
        reverse("indicators:import"), {"file": bad, "csrfmiddlewaretoken": admin.token}, follow=True
    )
    assert "不是可读取的 Excel 工作簿" in page.content.decode()


def test_a_curator_renames_an_entry_in_the_admin_and_the_old_name_still_finds_it(
    world: World,
) -> None:
    _approved(world, 0)
    learn_approved()
    row = LibraryEntry.objects.get(name="用人单位满意度")
    admin = Signed(world.users["admin"])
    url = reverse("admin:indicators_libraryentry_change", args=[row.pk])
    page = admin.get(url)
    assert page.status_code == 200
    fields = {
        "level1": row.level1,
        "level2": row.level2,
        "name": "用人单位对聘用人员的满意度",
        "sector": "",
        "domain": "",
        "fund_use": "",
        "explanation": "用人单位的评价",
        "unit": "%",
        "direction": row.direction,
        "reference": "≥95%",
        "basis": "历史标准",
        "scoring": "",
        "origin": row.origin,
        "status": "在用",
        "note": "",
    }
    assert admin.post(url, fields).status_code == 302
    row.refresh_from_db()
    assert (row.name, row.origin, row.explanation) == (
        "用人单位对聘用人员的满意度",
        "人工",
        "用人单位的评价",
    )
    assert "用人单位满意度" in row.aliases
    hits = Signed(world.users["filer"]).get(reverse("indicators:suggest"), q="用人单位满意度")
    assert "用人单位对聘用人员的满意度" in hits.content.decode()
