"""Scale benchmark: 10⁵ declarations in PostgreSQL, list / filter / sort / search / 统计 over HTTP.

    PYTHONPATH=src .venv/bin/python bench/scale_bench.py \
        --database-url postgres://postgres@127.0.0.1:5432/postgres --forms 100000

The script creates a fresh database ``jixiao_scale`` (``--database-name``) on that server
(dropping an old one), migrates it, creates an organisation tree (56 主管部门 × 3 实施单位)
and starts ``gunicorn jixiao.web.wsgi:application`` (``--workers``, default 2) on a free local port.

1. **Baseline**: every page below, measured on the empty database (same server, same users).
2. **Load**: ``--forms`` declarations synthesised from the seven seed forms and the readable
   declarations of ``../shared/corpus`` — names (unit + base name + serial), 主管部门,
   实施单位, year (2022–2026), status and money (the base amount × 0.1…3.7, exact) varied,
   each padded to at least ``--indicators`` 三级指标 — written with PostgreSQL ``COPY`` in the
   columns ``store`` writes (content, indicator_text, review_grade, FindingHit rows from the
   review of each base form). This is the bench's own loader, not the import path.
   Then the lifecycle of those forms (:func:`lifecycle`): a 1–6月 monitoring round of every
   approved form of 2025 and a self-evaluation round of every approved form of 2024, half of
   each filled in by the 填报人 (lights and scores spread), every column computed by the
   monitoring and self-evaluation stores' own functions, written with ``COPY``.
3. **At scale**: the same pages again (the list and its searches, the 统计 dashboard with its
   monitoring lights and self-evaluation scores, the monitoring and self-evaluation lists),
   then ``EXPLAIN (ANALYZE, BUFFERS)`` of the main queries.
4. **Bulk import** into the loaded database, end to end: a ZIP of ``--import-forms`` forms (seed
   text files, 7 forms each, names varied) handed to ``jobs.start.import_job`` (what the page and
   the API call) until the job is 已完成, with ``--import-workers`` real ``db_worker`` processes
   taking its parts from the queue; forms/s and the workers' CPU seconds. ``--baseline-ref REF``
   first runs the same job of ``--baseline-forms`` with workers on the code of git ``REF``
   (exported with ``git archive``), for a same-run ratio. ``--import-only`` skips the pages.

``--measure-only`` measures the pages (``--pages TEXT``: those whose label contains it) of the
already loaded ``--database-name`` again, without dropping or loading anything (it migrates it
first, so a new index is measured), then prints the EXPLAIN of the main queries — the same
server and requests, to compare a change on the same data.

Each page is requested ``--samples`` times one after the other by one logged-in user (after
two warm-up requests); the table gives p50 / p95 / max in milliseconds. Run it on a quiet
machine: the load average is printed with the results.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web_bench
from web_bench import Session, _env, _free_port, _fresh_database, _start

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "forms"
SCALE_DB = "jixiao_scale"
#: SSD storage: random reads cost about as much as sequential ones (docs/deployment.md)
RANDOM_PAGE_COST = 1.1
PASSWORD = web_bench.PASSWORD
DISTRICTS = ("市本级", "兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市")
BUREAUS = (
    "教育局",
    "卫生健康委员会",
    "民政局",
    "交通运输局",
    "农业农村局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
)
UNITS = ("机关", "事务服务中心", "综合执法大队")
YEARS = (2022, 2023, 2024, 2025, 2026)
#: status of form i by i % 20: mostly approved, as in a year's 项目库
STATUSES = ("通过",) * 12 + ("草稿",) * 3 + ("已提交",) * 2 + ("财政审核",) * 2 + ("退回修改",)


def _setup_django(url: str, data_dir: Path) -> None:
    os.environ.update(_env(url, data_dir))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _tree() -> dict[str, Any]:
    """财政局 → 56 主管部门 → 3 units each; a 财政审核人, a 主管部门审核人 and a 填报人."""
    from jixiao.web.accounts.models import Organisation, OrgKind, User

    finance = Organisation.objects.create(name="银川市财政局", kind=OrgKind.FINANCE)
    departments, units = [], []
    for district in DISTRICTS:
        for bureau in BUREAUS:
            dept = Organisation.objects.create(
                name=f"{district}{bureau}", kind=OrgKind.DEPARTMENT, parent=finance
            )
            departments.append(dept)
            for suffix in UNITS:
                units.append(
                    Organisation.objects.create(
                        name=f"{dept.name}{suffix}", kind=OrgKind.UNIT, parent=dept
                    )
                )
    users = {
        "caizheng": User.objects.create_user(
            "caizheng", password=PASSWORD, role="财政审核人", organisation=finance
        ),
        "bumen": User.objects.create_user(
            "bumen", password=PASSWORD, role="主管部门审核人", organisation=departments[0]
        ),
        "tianbao": User.objects.create_user(
            "tianbao", password=PASSWORD, role="填报人", organisation=units[0]
        ),
    }
    return {"departments": departments, "units": units, "users": users}


# --- the forms -----------------------------------------------------------------------------


@dataclasses.dataclass
class Base:
    obj: dict[str, Any]  #: canonical JSON object, padded
    name: str
    total: Decimal
    indicator_text: str
    grade: str
    hits: tuple[tuple[str, int], ...]
    indicators: int
    config: str  #: the 审核规则配置 fingerprint the summary was computed under


def _read_bases() -> list[Any]:
    from jixiao.data import SEED_NAME, seed_bytes
    from jixiao.web.declarations import engine

    forms = list(engine.import_file(seed_bytes(), SEED_NAME).declarations)
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            forms += engine.import_file(path.read_bytes(), path.name).declarations
        except Exception:  # a corpus file we cannot read is skipped
            continue
    return [f for f in forms if f.project_name and f.funding.annual_total]


def _pad(obj: dict[str, Any], minimum: int) -> None:
    """Copies of the form's own 三级指标 (renamed 「…（补充k）」) until it has ``minimum``."""
    groups = [g for g in obj["groups"] if g["indicators"]]
    count = sum(len(g["indicators"]) for g in obj["groups"])
    k = 0
    while groups and count < minimum:
        group = groups[k % len(groups)]
        copy = dict(group["indicators"][0], name=f"{group['indicators'][0]['name']}（补充{k}）")
        group["indicators"].append(copy)
        count, k = count + 1, k + 1


def _base(form: Any, minimum: int) -> Base:
    from jixiao.model import from_json_object, to_json_object
    from jixiao.web.declarations import codec, hits

    obj = to_json_object(form)
    _pad(obj, minimum)
    padded = from_json_object(obj)
    content = codec.to_text(padded)
    summary = hits.summarise(content)
    n = sum(len(g.real_indicators) for g in padded.groups)
    return Base(
        json.loads(content),
        padded.project_name,
        padded.funding.annual_total,
        codec.indicator_text(padded),
        summary.grade,
        summary.counts,
        n,
        summary.config,
    )


def _synthesise(i: int, base: Base, unit: Any, dept: Any) -> tuple[dict[str, Any], Decimal]:
    obj = dict(base.obj)
    total = (base.total * Decimal(i % 37 + 1) / 10).quantize(Decimal("0.000001"))
    obj.update(
        project_name=f"{unit.name}{base.name}（{i:06d}）"[:300],
        year=YEARS[(i // 7) % len(YEARS)],
        department={"name": dept.name, "code": ""},
        implementer={"name": unit.name, "code": ""},
        funding={
            **base.obj["funding"],
            "annual_total": str(total),
            "fiscal": str(total),
            "other": "0",
        },
        verdict="通过" if STATUSES[i % len(STATUSES)] == "通过" else None,
    )
    return obj, total


def _rows(n: int, bases: list[Base], tree: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Base]]:
    from django.utils import timezone

    from jixiao.web.declarations.codec import to_fen

    units, filer = tree["units"], tree["users"]["tianbao"]
    now = timezone.now()
    for i in range(n):
        base, unit = bases[i % len(bases)], units[(i * 7) % len(units)]
        obj, total = _synthesise(i, base, unit, unit.parent)
        fen = to_fen(total)
        stamp = now - timezone.timedelta(seconds=i * 13)
        yield (
            {
                "id": uuid.uuid4(),
                "organisation_id": unit.pk,
                "year": obj["year"],
                "project_name": obj["project_name"],
                "department_name": unit.parent.name,
                "implementer_name": unit.name,
                "attribute": obj.get("attribute", "")[:50],
                "status": STATUSES[i % len(STATUSES)],
                "revision": 1,
                "content": json.dumps(obj, ensure_ascii=False, sort_keys=True),
                "review_grade": base.grade,
                "finding_count": sum(n for _, n in base.hits),
                "review_config": base.config,
                "indicator_text": base.indicator_text,
                "annual_total_fen": fen,
                "fiscal_fen": fen,
                "other_fen": 0,
                "previous_id": None,
                "import_digest": "",
                "created_by_id": filer.pk,
                "created_at": stamp,
                "updated_at": stamp,
                "archived_at": None,
            },
            base,
        )


def bases(minimum: int) -> list[Base]:
    found = [_base(f, minimum) for f in _read_bases()]
    print(f"基础申报表 {len(found)} 份（种子 + 语料），每份至少 {minimum} 个三级指标", flush=True)
    return found


def _search_terms(found: list[Base], tree: dict[str, Any]) -> dict[str, str]:
    """A piece of a project name, a 主管部门, a 三级指标 name of one base form, a word of
    the 三级指标 names of most forms."""
    indicator = next(
        line.split(" ")[0] for line in found[3].indicator_text.split("\n") if len(line) > 6
    )
    return {
        "name": found[0].name[2:6],
        "department": tree["departments"][9].name,
        "indicator": indicator[:6],
        "broad": _broad_word(found),
    }


def _broad_word(found: list[Base]) -> str:
    """The last 3 characters of a 三级指标 name that the most base forms have (满意度 …),
    the padding's 「（补充k）」 left out."""
    counts: dict[str, int] = {}
    for base in found:
        names = (line.split(" ")[0].split("（补充")[0] for line in base.indicator_text.split("\n"))
        words = {name[-3:] for name in names}
        for word in words - {""}:
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=lambda w: counts[w])


def load(n: int, bases: list[Base], tree: dict[str, Any]) -> tuple[float, int]:
    """COPY ``n`` synthesised forms and their rule hits; (seconds, indicators loaded)."""
    from django.db import connection

    from jixiao.web.declarations.models import Declaration, FindingHit

    columns = [f.column for f in Declaration._meta.concrete_fields]
    table, hit_table = Declaration._meta.db_table, FindingHit._meta.db_table
    started, indicators = time.perf_counter(), 0
    hits: list[tuple[uuid.UUID, str, int]] = []
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row, base in _rows(n, bases, tree):
                copy.write_row([row[c] for c in columns])
                hits += [(row["id"], code, count) for code, count in base.hits]
                indicators += base.indicators
        with raw.cursor().copy(
            f'COPY "{hit_table}" (declaration_id, code, count) FROM STDIN'
        ) as copy:
            for hit in hits:
                copy.write_row(hit)
        # what autovacuum does after a bulk insert: statistics and the visibility map
        cursor.execute(f'VACUUM ANALYZE "{table}"')
        cursor.execute(f'VACUUM ANALYZE "{hit_table}"')
    return time.perf_counter() - started, indicators


# --- monitoring and self-evaluation ---------------------------------------------------------

#: The mid-year monitoring round (1–6月) is of this year, the self-evaluation of the year before.
MONITORED_YEAR, EVALUATED_YEAR = 2025, 2024


def _evaluation_entries(rng: random.Random, ev: Any) -> dict[str, str]:
    """What a unit types into the self-evaluation page: 60–120 % of each target, 完成 or not."""
    data: dict[str, str] = {}
    for n, row in enumerate(ev.rows):
        target = row.target
        if target.is_quantitative and target.number is not None and not target.is_date:
            share = Decimal(rng.randint(60, 120)) / 100
            scale = target.scale.value if target.scale else ""
            data[f"actual-{n}"] = f"{(target.number * share).quantize(Decimal('0.1'))}{scale}"
            data[f"actual-{n}"] += target.unit
        else:
            data[f"actual-{n}"] = rng.choice(("达成目标", "达成目标", "部分达成", "未达成"))
        if rng.random() < 0.3:
            data[f"deviation-{n}"] = "受项目实施进度影响，下一年度加快推进"
    annual = ev.budget.annual or Decimal(1)
    executed = (annual * Decimal(rng.randint(55, 100)) / 100).quantize(Decimal("0.01"))
    data.update(executed=str(executed), reason="部分采购延期", goal_actual="基本完成年度目标")
    return data


#: Fill variants per base form: the first FILLED of them entered by the unit, the rest empty.
VARIANTS, FILLED = 6, 3


@dataclasses.dataclass
class Columns:
    """What a write path stores for one monitoring report or self-evaluation (a template)."""

    content: dict[str, Any]  #: the canonical JSON object, renamed per project
    values: dict[str, Any]  #: the other computed columns (lights, red list, score, grade)
    filled: bool


def _monitoring_columns(form: Any, rng: random.Random) -> list[Columns]:
    """1–6月 reports of ``form``: empty, or filled as bench/monitoring_bench.py varies them;
    each stored by ``monitoring.store._store_report`` (content, the three lights, red list)."""
    from monitoring_bench import _entry

    from jixiao.monitoring import FundSource, fill_budget, fill_row, new_report
    from jixiao.web.monitoring import store
    from jixiao.web.monitoring.models import MonitoringReportRecord

    out = []
    for v in range(VARIANTS):
        report = new_report(form, 6)
        if v < FILLED:
            for i, row in enumerate(report.rows):
                report = fill_row(report, i, **_entry(rng, row.target))  # type: ignore[arg-type]
            budget = report.total.budget or Decimal(1)
            executed = (budget * Decimal(rng.randint(10, 90)) / 100).quantize(Decimal("0.01"))
            report = fill_budget(report, FundSource.TOTAL, executed=executed, forecast=budget)
        record = MonitoringReportRecord()
        store._store_report(record, report)
        (content,) = json.loads(record.content)
        values = {
            "overall_light": record.overall_light,
            "target_light": record.target_light,
            "budget_light": record.budget_light,
            "red_lights": json.dumps(record.red_lights, ensure_ascii=False),
        }
        out.append(Columns(content, values, v < FILLED))
    return out


def _evaluation_columns(form: Any, rng: random.Random) -> list[Columns]:
    """Self-evaluations of ``form``: prefilled, or with the unit's entries (the page's own
    ``apply_entries``), scored by ``evaluation.store._scored`` (content, total, grade)."""
    from jixiao.evaluation.prefill import from_declaration
    from jixiao.web.evaluation import store
    from jixiao.web.evaluation.entries import apply_entries

    out = []
    for v in range(VARIANTS):
        ev = from_declaration(form)
        if v < FILLED:
            ev = apply_entries(ev, _evaluation_entries(rng, ev))
        scored = store._scored(ev)
        (content,) = json.loads(str(scored["content"]))
        values = {"total_hundredths": scored["total_hundredths"], "grade": scored["grade"]}
        out.append(Columns(content, values, v < FILLED))
    return out


def _approved(year: int) -> Iterator[tuple[Any, Any]]:
    """(row, core form) of every approved declaration of ``year``; forms parsed once per
    distinct 三级指标 text (the loader's bases), so the variants are computed once each."""
    from jixiao.web.declarations import codec
    from jixiao.web.declarations.models import Declaration
    from jixiao.workflow import Status

    forms: dict[str, Any] = {}
    rows = Declaration.objects.filter(year=year, status=Status.APPROVED).order_by("pk")
    columns = ("pk", "organisation_id", "project_name", "indicator_text")
    for row in rows.only(*columns).iterator(chunk_size=2000):
        if row.indicator_text not in forms:
            content = Declaration.objects.values_list("content", flat=True).get(pk=row.pk)
            forms[row.indicator_text] = codec.from_text(content)
        yield row, forms[row.indicator_text]


def _copy(table: str, columns: list[str], rows: list[list[Any]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f'VACUUM ANALYZE "{table}"')


def lifecycle(tree: dict[str, Any]) -> dict[str, tuple[int, float]]:
    """A 1–6月 monitoring round of every approved form of MONITORED_YEAR and a self-evaluation
    round of every approved form of EVALUATED_YEAR, as the 财政局 opens them (one report or
    self-evaluation per approved form), half of each filled in by the 填报人 (one 保存
    transition or event each). Like the declaration loader: every column is computed by the
    apps' own store functions, once per base form and fill variant (VARIANTS, FILLED), then
    each project's rows (its name, organisation, declaration) are written with COPY.
    (rows written, seconds) per table."""
    from django.utils import timezone

    from jixiao.evaluation.workflow import EvaluationAction, EvaluationStatus
    from jixiao.monitoring.workflow import ReportAction, ReportStatus
    from jixiao.web.evaluation.models import EvaluationEvent, EvaluationRecord, EvaluationRound
    from jixiao.web.monitoring.models import (
        MonitoringReportRecord,
        MonitoringRound,
        MonitoringTransitionRecord,
    )

    finance, filer = tree["users"]["caizheng"], tree["users"]["tianbao"]
    now, deadline = timezone.now(), timezone.localdate() + timezone.timedelta(days=30)
    rng, out = random.Random(13), {}
    kinds = (
        (MONITORED_YEAR, MonitoringReportRecord, MonitoringTransitionRecord, _monitoring_columns),
        (EVALUATED_YEAR, EvaluationRecord, EvaluationEvent, _evaluation_columns),
    )
    for year, model, log_model, make in kinds:
        started = time.perf_counter()
        if model is MonitoringReportRecord:
            round_: Any = MonitoringRound.objects.create(
                year=year, month=6, deadline=deadline, opened_by=finance
            )
            status = ReportStatus.TO_FILL.value
        else:
            round_ = EvaluationRound.objects.create(year=year, deadline=deadline, opened_by=finance)
            status = EvaluationStatus.FILLING.value
        variants: dict[int, list[Columns]] = {}
        records, logs = [], []
        for k, (decl, form) in enumerate(_approved(year)):
            if id(form) not in variants:
                variants[id(form)] = make(form, rng)
            columns = variants[id(form)][k % VARIANTS]
            content = dict(columns.content, project_name=decl.project_name)
            if model is MonitoringReportRecord:
                content["declaration_ref"] = str(decl.pk)
            pk = uuid.uuid4()
            records.append(
                {
                    "id": pk,
                    "round_id": round_.pk,
                    "declaration_id": decl.pk,
                    "organisation_id": decl.organisation_id,
                    "project_name": decl.project_name,
                    "status": status,
                    "content": json.dumps([content], ensure_ascii=False, sort_keys=True),
                    "revision": 2 if columns.filled else 1,
                    "updated_at": now,
                    "follow_up": "",
                    "follow_up_comment": "",
                    "adjustment_id": None,
                    **columns.values,
                }
            )
            if columns.filled and model is MonitoringReportRecord:
                logs.append([pk, filer.pk, ReportAction.SAVE.value, status, status, "", "", now])
            elif columns.filled:
                total = columns.values["total_hundredths"]
                logs.append(
                    [pk, filer.pk, EvaluationAction.SAVE.value, status, status, total, "", now]
                )
        names = [f.column for f in model._meta.concrete_fields]
        _copy(model._meta.db_table, names, [[r[c] for c in names] for r in records])
        log_columns = [f.column for f in log_model._meta.concrete_fields if f.column != "id"]
        _copy(log_model._meta.db_table, log_columns, logs)
        out[model._meta.verbose_name] = (len(records), time.perf_counter() - started)
        out[log_model._meta.verbose_name] = (len(logs), 0.0)
    return out


# --- the measurements ----------------------------------------------------------------------


def pages(tree: dict[str, Any], search: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, user, path) of every measured page."""
    dept = tree["departments"][0].pk
    return [
        ("列表（最近更新）", "caizheng", "/declarations/"),
        ("列表第 200 页", "caizheng", "/declarations/?page=200"),
        ("排序（资金从多到少）", "caizheng", "/declarations/?sort=total"),
        ("排序（项目名称）", "caizheng", "/declarations/?sort=name"),
        ("筛选（年度+状态+部门）", "caizheng", f"/declarations/?year=2025&status=通过&org={dept}"),
        ("搜索项目名称", "caizheng", "/declarations/?q=" + search["name"]),
        ("搜索主管部门", "caizheng", "/declarations/?q=" + search["department"]),
        ("搜索三级指标", "caizheng", "/declarations/?q=" + search["indicator"]),
        (
            "搜索三级指标（资金排序）",
            "caizheng",
            "/declarations/?sort=total&q=" + search["indicator"],
        ),
        ("搜索常见指标词", "caizheng", "/declarations/?q=" + search["broad"]),
        ("搜索常见指标词第 40 页", "caizheng", f"/declarations/?page=40&q={search['broad']}"),
        ("主管部门的列表", "bumen", "/declarations/"),
        ("财政项目库", "caizheng", "/library/?year=2025"),
        ("统计（财政，全部）", "caizheng", "/statistics/"),
        ("统计（财政，按年度）", "caizheng", "/statistics/?year=2025"),
        ("统计（主管部门）", "bumen", "/statistics/"),
        ("监控待办与监控表（财政）", "caizheng", "/monitoring/"),
        ("监控待办与监控表（填报人）", "tianbao", "/monitoring/"),
        ("监控看板（财政）", "caizheng", "/monitoring/dashboard/"),
        ("自评列表（财政）", "caizheng", "/evaluations/"),
        ("自评列表（主管部门）", "bumen", "/evaluations/"),
        ("开启自评（财政）", "caizheng", "/evaluations/rounds/"),
    ]


def measure(port: int, plan: list[tuple[str, str, str]], samples: int) -> dict[str, list[float]]:
    sessions: dict[str, Session] = {}
    out: dict[str, list[float]] = {}
    for label, user, path in plan:
        if user not in sessions:
            sessions[user] = Session(port)
            sessions[user].login(user)
        session, times = sessions[user], []
        quoted = quote(path, safe="/?=&%")
        for k in range(samples + 2):
            started = time.perf_counter()
            status, _ = session.request("GET", quoted)
            if status != 200:
                raise SystemExit(f"{label}: HTTP {status}")
            if k >= 2:
                times.append((time.perf_counter() - started) * 1000)
        out[label] = times
    return out


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(empty: dict[str, list[float]], full: dict[str, list[float]], n: int) -> None:
    print(f"\n| 页面 | 空库 p50 | 空库 p95 | {n} 份 p50 | {n} 份 p95 | {n} 份 max | p95 倍数 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, times in full.items():
        base = empty[label]
        print(
            f"| {label} | {statistics.median(base):.0f} | {_p(base, 0.95):.0f} | "
            f"{statistics.median(times):.0f} | {_p(times, 0.95):.0f} | {max(times):.0f} | "
            f"{_p(times, 0.95) / _p(base, 0.95):.1f} |"
        )


def explain(tree: dict[str, Any], search: dict[str, str]) -> None:
    from django.db.models import Count, Q, Sum

    from jixiao.web.accounts.models import User
    from jixiao.web.declarations import search as finder
    from jixiao.web.declarations import stats
    from jixiao.web.declarations.access import visible
    from jixiao.web.declarations.views.listing import filtered
    from jixiao.web.evaluation.access import visible as evaluation_visible
    from jixiao.web.evaluation.models import EvaluationRecord
    from jixiao.web.monitoring.access import visible as monitoring_visible
    from jixiao.web.monitoring.models import MonitoringReportRecord

    finance = User.objects.get(username="caizheng")
    rows = visible(finance)
    listed = filtered({}, rows).defer("content", "indicator_text").order_by("-updated_at", "-pk")
    listed_rows = filtered({}, rows).defer("content", "indicator_text")
    limit = finder.SEARCH_LIMIT + 1
    walk = finder.Walk(listed_rows, finder.matching(search["broad"]), ("-updated_at", "-pk"))
    monitoring_rows = monitoring_visible(finance).defer("content", "red_lights")
    queries = {
        "列表第一页": listed[:25],
        "列表计数": filtered({}, rows).order_by(),
        "搜索：名称中的候选（项目名称）": finder.candidates(
            listed_rows, finder.names_matching(search["name"]), limit
        ),
        "搜索：三级指标中的候选": finder.candidates(
            listed_rows, Q(indicator_text__icontains=search["indicator"]), limit
        ),
        "搜索：名称中的候选（主管部门）": finder.candidates(
            listed_rows, finder.names_matching(search["department"]), limit
        ),
        "搜索：超过上限时的排序主键（常见指标词，第一段）": walk.ordered()[: finder.WALK_CHUNK],
        "搜索：超过上限时按主键检验一段": walk.tested(list(walk.ordered()[: finder.WALK_CHUNK])),
        "监控表第一页（财政）": monitoring_rows.order_by("round__deadline", "project_name", "pk")[
            :25
        ],
        "自评列表第一页（财政）": evaluation_visible(finance)
        .select_related(None)
        .select_related("round", "organisation")
        .defer("content")
        .order_by("-round__year", "project_name", "pk")[:25],
        "统计：监控预警灯": MonitoringReportRecord.objects.filter(
            declaration__in=filtered({}, rows).values("pk")
        )
        .values("overall_light")
        .annotate(n=Count("pk"))
        .order_by("-n"),
        "统计：自评等级与平均分": EvaluationRecord.objects.filter(
            declaration__in=filtered({}, rows).values("pk")
        )
        .values("grade")
        .annotate(n=Count("pk"), points=Sum("total_hundredths"))
        .order_by("grade"),
        "统计：一次分组（主管部门×状态×等级×年度）": stats.cube(filtered({}, rows)),
        "统计：最常见的审核发现": stats._hits(stats.Scope(filtered({}, rows), ()))
        .values("code")
        .annotate(forms=Count("declaration"), hits=Sum("count"))
        .order_by("-forms")[:15],
    }
    for label, qs in queries.items():
        if label == "列表计数" or label.endswith("（计数）"):
            text = qs.values("pk").explain(analyze=True, buffers=True)
        else:
            text = qs.explain(analyze=True, buffers=True)
        print(f"\n#### {label}\n\n```\n{text}\n```")


def _import_zip(forms: int, mark: str) -> tuple[bytes, int]:
    """A ZIP of seed text files (7 forms each, names made unique by ``mark`` and the file's
    number) holding at least ``forms`` forms; (bytes, files)."""
    from jixiao.data import SEED_NAME, seed_bytes
    from jixiao.web.declarations import engine

    seed = seed_bytes().decode("utf-8")
    names = [f.project_name for f in engine.import_file(seed_bytes(), SEED_NAME).declarations]
    files = -(-forms // len(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(files):
            text = seed
            for name in names:
                text = text.replace(name, f"{name}（{mark}{i:06d}）")
            archive.writestr(f"{mark}/seed_{i:06d}.txt", text)
    return out.getvalue(), files


def _workers(env: dict[str, str], count: int, src: Path) -> list[subprocess.Popen[bytes]]:
    """``count`` job workers as ``jixiao serve`` starts them (django-tasks' ``db_worker``),
    running the code under ``src``."""
    from jixiao.web.command import worker_command

    env = {**env, "PYTHONPATH": str(src)}
    return [subprocess.Popen(worker_command(), env=env) for _ in range(count)]


def bulk_import(
    env: dict[str, str], forms: int, workers: int, src: Path, mark: str
) -> dict[str, Any]:
    """The bulk-import job end to end: the ZIP handed to ``jobs.start.import_job`` (what the
    page and the API call) until the job is 已完成, ``workers`` worker processes taking its
    parts from the queue; the workers run the code under ``src``."""
    from jixiao.web.accounts.models import User
    from jixiao.web.jobs import start
    from jixiao.web.jobs.models import Job, JobStatus

    data, files = _import_zip(forms, mark)
    running = _workers(env, workers, src)
    try:
        time.sleep(10)  # the workers are up (Django set up) and polling the queue
        load = os.getloadavg()
        cpu = _cpu(running)
        started = time.perf_counter()
        job = start.import_job(User.objects.get(username="tianbao"), [(f"{mark}.zip", data)])
        while not JobStatus(Job.objects.get(pk=job.pk).status).is_final:
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        worker_cpu = _cpu(running) - cpu
    finally:
        for process in running:
            process.terminate()
        for process in running:
            process.wait()
    job = Job.objects.get(pk=job.pk)
    return {
        "files": files,
        "zip_mb": len(data) / 1e6,
        "status": job.status,
        "created": job.created,
        "failed": job.failed,
        "seconds": elapsed,
        "rate": job.created / elapsed,
        "worker_cpu": worker_cpu,
        "load": (load, os.getloadavg()),
    }


def _cpu(processes: list[subprocess.Popen[bytes]]) -> float:
    """User + system CPU seconds of ``processes`` so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for process in processes:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / tick


def _baseline_src(ref: str) -> Path:
    """The ``src`` tree of git ``ref`` (the code before the batched import), exported."""
    target = Path(tempfile.mkdtemp(prefix="jixiao-baseline-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def _print_import(label: str, found: dict[str, Any]) -> None:
    print(
        f"{label}：{found['files']} 个文件（ZIP {found['zip_mb']:.1f} MB），"
        f"新建 {found['created']} 份，失败 {found['failed']} 个文件，状态 {found['status']}；"
        f"入队到完成 {found['seconds']:.1f} 秒 = "
        f"{found['rate']:.1f} 份/秒；工作进程 CPU {found['worker_cpu']:.1f} 秒；"
        f"负载 {found['load'][0]} → {found['load'][1]}",
        flush=True,
    )


def _loaded_tree() -> dict[str, Any]:
    """The organisation tree and users of a database :func:`_tree` made, in its order."""
    from jixiao.web.accounts.models import Organisation, OrgKind, User

    named = {o.name: o for o in Organisation.objects.filter(kind=OrgKind.DEPARTMENT)}
    departments = [named[f"{district}{bureau}"] for district in DISTRICTS for bureau in BUREAUS]
    units = list(Organisation.objects.filter(kind=OrgKind.UNIT, parent__in=departments))
    users = {
        u.username: u for u in User.objects.filter(username__in=("caizheng", "bumen", "tianbao"))
    }
    return {"departments": departments, "units": units, "users": users}


def measure_only(admin_url: str, workers: int, samples: int, only: str) -> None:
    """The pages of the already loaded ``web_bench.BENCH_DB`` again (nothing dropped or loaded)."""
    parts = urllib.parse.urlsplit(admin_url)
    url = urllib.parse.urlunsplit(parts._replace(path=f"/{web_bench.BENCH_DB}"))
    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-scale-"))
    _setup_django(url, data_dir)
    from jixiao.web.declarations.models import Declaration

    tree = _loaded_tree()
    search = _search_terms(bases(30), tree)
    plan = [page for page in pages(tree, search) if only in page[0]]
    port = _free_port()
    server = _start(_env(url, data_dir), port, workers)
    try:
        print(f"库中 {Declaration.objects.count()} 份申报表；搜索词：{search}", flush=True)
        print(f"负载：{os.getloadavg()}；gunicorn {workers} 个进程", flush=True)
        found = measure(port, plan, samples)
        print(f"负载：{os.getloadavg()}")
    finally:
        server.terminate()
        server.wait()
    print("\n| 页面 | p50 | p95 | max |\n|---|---:|---:|---:|")
    for label, times in found.items():
        p50, p95 = statistics.median(times), _p(times, 0.95)
        print(f"| {label} | {p50:.0f} | {p95:.0f} | {max(times):.0f} |")
    explain(tree, search)


def _load(n: int, found: list[Base], tree: dict[str, Any]) -> None:
    seconds, indicators = load(n, found, tree)
    print(f"载入 {n} 份申报表（{indicators} 个三级指标）用时 {seconds:.1f} 秒（COPY）", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-name", default=SCALE_DB, help="the bench's own database (dropped first)"
    )
    parser.add_argument("--import-forms", type=int, default=100_000, help="forms bulk-imported")
    parser.add_argument("--import-workers", type=int, default=2, help="job worker processes")
    parser.add_argument(
        "--baseline-ref", default="", help="git ref of the per-form import path, run first"
    )
    parser.add_argument("--baseline-forms", type=int, default=7_000, help="forms, per-form path")
    parser.add_argument(
        "--import-only", action="store_true", help="load, then only the bulk import (no pages)"
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the pages of the loaded --database-name again (no drop, no load, no import)",
    )
    parser.add_argument("--pages", default="", help="with --measure-only: labels containing this")
    args = parser.parse_args()
    web_bench.BENCH_DB = args.database_name
    if args.measure_only:
        measure_only(args.database_url, args.workers, args.samples, args.pages)
        return
    url = _fresh_database(args.database_url)
    with psycopg.connect(args.database_url, autocommit=True) as admin:  # docs/deployment.md
        admin.execute(
            f"ALTER DATABASE {args.database_name} SET random_page_cost = {RANDOM_PAGE_COST}"
        )
    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-scale-"))
    _setup_django(url, data_dir)
    tree = _tree()
    found = bases(args.indicators)
    search = _search_terms(found, tree)
    print(f"搜索词：{search}", flush=True)
    env = _env(url, data_dir)
    if args.import_only:
        _load(args.forms, found, tree)
    else:
        port = _free_port()
        server = _start(env, port, args.workers)
        try:
            print(f"负载：{os.getloadavg()}；gunicorn {args.workers} 个进程", flush=True)
            empty = measure(port, pages(tree, search), args.samples)
            _load(args.forms, found, tree)
            for table, (rows, took) in lifecycle(tree).items():
                note = f"，用时 {took:.1f} 秒" if took else ""
                print(f"载入{table} {rows} 行{note}", flush=True)
            full = measure(port, pages(tree, search), args.samples)
            print(f"负载：{os.getloadavg()}")
            report(empty, full, args.forms)
        finally:
            server.terminate()
            server.wait()
        explain(tree, search)
    print(f"\n批量导入（任务路径，{args.import_workers} 个工作进程，库中已有 {args.forms} 份）")
    if args.baseline_ref:
        old = bulk_import(
            env, args.baseline_forms, args.import_workers, _baseline_src(args.baseline_ref), "基线"
        )
        _print_import(f"基线（{args.baseline_ref} 的逐份写入）", old)
    new = bulk_import(env, args.import_forms, args.import_workers, ROOT / "src", "批量")
    _print_import("分批写入", new)
    if args.baseline_ref:
        print(f"倍数：{new['rate'] / old['rate']:.1f}×（份/秒）")


if __name__ == "__main__":
    main()
