"""A change of the 审核规则配置 reaches the stored review summaries (issue 13).

The 管理员 changes the configuration on the 管理 pages (CSRF enforced) or through the API
(Bearer token); the change is audited, the summaries it made stale are recomputed by a
审核摘要重算 job on the real queue (a django-tasks database worker), with progress, and the
list, the 统计 page and the exports then show the findings of the new configuration. A
stale summary is also recomputed when its form is opened, listed or exported.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from jixiao.web.accounts.models import ApiToken, PolicyProfile
from jixiao.web.declarations import codec, engine, hits, store
from jixiao.web.declarations.models import AuditEntry, Declaration, FindingHit
from jixiao.web.jobs.models import Job, JobKind
from tests.web.conftest import World, editor_post, seed_forms
from tests.web.jobs_helpers import running_worker
from tests.web.signed import Signed

ADD = reverse("admin:accounts_policyprofile_add")
STATISTICS = reverse("declarations:statistics")


def _token_client(world: World, persona: str) -> Client:
    _, key = ApiToken.issue(world.users[persona], "测试")
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")


def _forms(world: World) -> list[Declaration]:
    rows = [world.declaration("通过", index=0), world.declaration(index=1)]
    rows.append(store.create(world.users["outsider"], world.other_unit, seed_forms()[2], "导入"))
    return rows


def _commonest_code() -> str:
    """The rule code with the most stored hits (the seed forms have many findings)."""
    counts: Counter[str] = Counter()
    for hit in FindingHit.objects.all():
        counts[hit.code] += hit.count
    return counts.most_common(1)[0][0]


def _expected(row: Declaration) -> Counter[str]:
    """The findings per code of the review under the configuration in force now."""
    return Counter(f.code for f in engine.review(codec.from_text(row.content)).findings)


def _codes_table(client: Client | Signed) -> dict[str, tuple[int, int]]:
    response = client.get(STATISTICS)
    assert response.status_code == 200
    chart = next(c for c, _ in response.context["charts"] if c.key == "codes")
    return {code: (forms, n) for code, _title, forms, n in chart.rows}


def _xlsx(response: Any) -> list[list[Any]]:
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def _admin_sets(admin: Signed, ignore: str, name: str = "yinchuan") -> Any:
    return admin.post(ADD, {"name": name, "is_default": "on", "select": "", "ignore": ignore})


def _poll(client: Client, pk: str, timeout: float = 120) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(client.get(f"/api/jobs/{pk}").json())
        if seen[-1]["status"] in {"已完成", "已失败", "已取消"}:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"job did not end in {timeout} s: {seen[-1]}")


@pytest.mark.usefixtures("emptied_history")
def test_an_admins_change_is_audited_recomputed_by_a_job_and_shown_everywhere(
    world: World,
) -> None:
    rows = _forms(world)
    code = _commonest_code()
    finance = world.client("finance")
    assert code in _codes_table(finance)
    admin = Signed(world.users["admin"])

    with running_worker():
        response = _admin_sets(admin, ignore=code)
        assert response.status_code == 302, response.content[:500]
        job = Job.objects.get(kind=JobKind.RESUMMARISE)
        seen = _poll(_token_client(world, "admin"), str(job.pk))

    entry = AuditEntry.objects.get(event="修改审核规则配置")
    assert entry.actor == world.users["admin"]
    assert f"忽略：{code}" in entry.detail and "3 份申报表的审核摘要已过期" in entry.detail
    assert str(job.pk) in entry.detail
    last = seen[-1]
    assert (last["status"], last["total"], last["done"], last["percent"]) == ("已完成", 3, 3, 100)
    assert "重算 3 份" in last["summary"]
    assert not hits.stale().exists()

    # 统计: the rule hits are those of the new configuration, on the page and in its export
    expected: dict[str, Counter[str]] = {str(r.pk): _expected(r) for r in rows}
    assert all(code not in e for e in expected.values())
    table = _codes_table(finance)
    assert code not in table
    for other, (forms, n) in table.items():
        assert forms == sum(1 for e in expected.values() if other in e)
        assert n == sum(e[other] for e in expected.values())
    sheet = _xlsx(finance.get(reverse("declarations:statistics_export", args=["codes", "xlsx"])))
    assert code not in {line[0] for line in sheet[1:]}
    assert "审核摘要是按此前的审核规则配置计算的" not in finance.get(STATISTICS).content.decode()

    # the list (its 审核等级 and 审核发现 columns, its 审核等级 filter) and its export
    for row in Declaration.objects.all():
        review = engine.review(codec.from_text(row.content))
        assert (row.review_grade, row.finding_count) == (review.grade, len(review.findings))
    listed = finance.get(reverse("declarations:list")).context["page"].object_list
    by_pk = {str(r.pk): r for r in Declaration.objects.all()}
    for line in listed:
        stored = by_pk[str(line.pk)]
        assert (line.grade, line.findings) == (stored.review_grade, stored.finding_count)
    grade = by_pk[str(rows[0].pk)].review_grade
    graded = finance.get(reverse("declarations:list"), {"grade": grade}).context["page"]
    assert {str(r.pk) for r in graded.object_list} == {
        pk for pk, r in by_pk.items() if r.review_grade == grade
    }
    export = _xlsx(finance.get(reverse("declarations:list_export", args=["xlsx"])))
    col = {name: i for i, name in enumerate(export[0])}
    for line in export[1:-1]:
        stored = next(r for r in by_pk.values() if r.project_name == line[col["项目名称"]])
        assert int(line[col["审核发现条数"]]) == stored.finding_count
        assert line[col["审核等级"]] == stored.review_grade


def test_someone_not_the_administrator_cannot_change_the_configuration(world: World) -> None:
    _forms(world)
    before = engine.active_profile()
    for persona in ("filer", "department", "finance"):
        response = Signed(world.users[persona]).post(ADD, {"name": "classic", "is_default": "on"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        put = _token_client(world, persona).put(
            "/api/review-config", {"profile": "classic"}, content_type="application/json"
        )
        assert put.status_code == 403, put.content
        assert "管理员" in put.json()["message"]
    assert engine.active_profile() == before and not PolicyProfile.objects.exists()
    assert not AuditEntry.objects.filter(event="修改审核规则配置").exists()
    assert not Job.objects.filter(kind=JobKind.RESUMMARISE).exists()


def test_the_api_changes_the_configuration_with_a_token_and_says_what_is_stale(
    world: World,
) -> None:
    rows = _forms(world)
    admin = _token_client(world, "admin")
    body = {"profile": "classic", "select": "", "ignore": "V2, C1"}
    response = admin.put("/api/review-config", body, content_type="application/json")
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["profile"], out["select"], out["ignore"]) == ("classic", [], ["V2", "C1"])
    assert out["stale"] == len(rows) and out["job"]
    job = Job.objects.get(pk=out["job"])
    assert (job.kind, job.owner) == (JobKind.RESUMMARISE, world.users["admin"])
    assert engine.active_profile() == ("classic", (), ("V2", "C1"))
    # the filer sees the configuration, and how many of its own forms are stale
    mine = _token_client(world, "filer").get("/api/review-config").json()
    assert (mine["profile"], mine["stale"]) == ("classic", 2)
    # a prefix no rule has, or a profile the core does not know, is refused in Chinese
    bad_prefix, bad_profile = {"profile": "classic", "ignore": "ZZ9"}, {"profile": "不存在"}
    for bad, reason in ((bad_prefix, "没有以“ZZ9”开头的规则代码"), (bad_profile, "未知的审核配置")):
        refused = admin.put("/api/review-config", bad, content_type="application/json")
        assert refused.status_code == 400, refused.content
        assert reason in refused.json()["message"]
    assert engine.active_profile() == ("classic", (), ("V2", "C1"))
    audited = AuditEntry.objects.filter(event="修改审核规则配置")
    assert audited.count() == 1 and "审核配置 yinchuan" in audited.get().detail


def test_a_stale_summary_is_recomputed_when_its_form_is_opened(world: World) -> None:
    row = world.declaration()
    code = _commonest_code()
    PolicyProfile.objects.create(name="yinchuan", is_default=True, ignore=code)
    assert hits.stale().filter(pk=row.pk).exists()  # the job has not run (nothing committed)
    assert world.client("filer").get(reverse("declarations:detail", args=[row.pk])).status_code
    row.refresh_from_db()
    assert row.review_config == hits.current_fingerprint()
    assert not row.finding_hits.filter(code=code).exists()
    assert row.finding_count == sum(_expected(row).values())
    # through the API too, and for the rows a list page shows
    PolicyProfile.objects.filter(is_default=True).update(ignore="")
    out = _token_client(world, "filer").get(f"/api/declarations/{row.pk}").json()
    assert out["finding_count"] == sum(_expected(row).values())
    assert Declaration.objects.get(pk=row.pk).finding_hits.filter(code=code).exists()
    PolicyProfile.objects.filter(is_default=True).update(ignore=code)
    world.client("filer").get(reverse("declarations:list"))
    assert not hits.stale().exists()


def test_a_change_that_keeps_the_rules_in_force_stales_nothing(world: World) -> None:
    _forms(world)
    admin = Signed(world.users["admin"])
    # a profile that is not the default: the rules in force stay as they were
    assert admin.post(ADD, {"name": "classic", "ignore": "V2"}).status_code == 302
    assert not hits.stale().exists()
    assert not Job.objects.filter(kind=JobKind.RESUMMARISE).exists()
    entry = AuditEntry.objects.get(event="修改审核规则配置")
    assert "新建配置“classic”" in entry.detail and "仍然有效" in entry.detail


def test_the_job_keeps_a_summary_a_save_wrote_in_between(world: World) -> None:
    row = world.declaration()
    read = Declaration.objects.get(pk=row.pk)  # as the job read it
    signed = Signed(world.users["filer"])
    edit = reverse("declarations:edit", args=[row.pk])
    assert signed.post(edit, editor_post(row, project_name="改过的项目")).status_code == 302
    saved = Declaration.objects.get(pk=row.pk)
    assert saved.revision == read.revision + 1
    assert hits.refresh([read]) == 0  # the save's summary (of the new content) is kept
    assert Declaration.objects.get(pk=row.pk).review_config == saved.review_config
