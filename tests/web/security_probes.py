"""The bad inputs of docs/security.md: each one a real request, its expected status and area.

Every probe sends what an attacker or a careless client would (oversized, malformed,
tampered, out of role, concurrent) through the interface a real client uses: a Bearer-token
client for the API, a CSRF-enforcing browser session for the pages. ``tests/web/
test_security_doc.py`` runs them all, checks each status and renders the table.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.model import dumps
from jixiao.web.accounts.models import ApiToken
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World, editor_post, seed_forms

MB = 1024 * 1024


@dataclass
class Bench:
    """The world plus ready clients: tokens per persona, CSRF-enforcing sessions."""

    world: World
    tokens: dict[str, Client] = field(default_factory=dict)
    sessions: dict[str, Client] = field(default_factory=dict)

    def token(self, persona: str) -> Client:
        if persona not in self.tokens:
            _, key = ApiToken.issue(self.world.users[persona], "安全测试")
            self.tokens[persona] = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        return self.tokens[persona]

    def session(self, persona: str) -> Client:
        if persona not in self.sessions:
            client = Client(enforce_csrf_checks=True)
            client.force_login(self.world.users[persona])
            client.get("/accounts/login/")  # sets the CSRF cookie like any page
            self.sessions[persona] = client
        return self.sessions[persona]

    def csrf(self, persona: str) -> str:
        return str(self.session(persona).cookies["csrftoken"].value)

    def row(self, status: str = "草稿", index: int = 0) -> Declaration:
        return self.world.declaration(status, index)

    # --- API requests -----------------------------------------------------------------

    def put(self, persona: str, row: Declaration, content: Any, revision: Any = None) -> Any:
        body = {"revision": row.revision if revision is None else revision, "content": content}
        url = f"/api/declarations/{row.pk}"
        return self.token(persona).put(url, json.dumps(body), content_type="application/json")

    def put_changed(self, change: Callable[[dict[str, Any]], None]) -> Any:
        row = self.row()
        content = json.loads(row.content)
        change(content)
        return self.put("filer", row, content)

    def act(self, persona: str, row: Declaration, body: dict[str, Any]) -> Any:
        url = f"/api/declarations/{row.pk}/transitions"
        return self.token(persona).post(url, json.dumps(body), content_type="application/json")

    def upload(self, persona: str, name: str, data: bytes) -> Any:
        upload = SimpleUploadedFile(name, data)
        return self.token(persona).post("/api/imports", {"file": upload})

    # --- pages ------------------------------------------------------------------------

    def save_page(self, row: Declaration | None = None, **changes: str) -> Any:
        row = row or self.row()
        data = {**editor_post(row), **changes, "csrfmiddlewaretoken": self.csrf("filer")}
        return self.session("filer").post(f"/declarations/{row.pk}/edit/", data)

    def new_page(self, **fields: str) -> Any:
        data = {"project_name": "安全测试项目", "year": "2026", **fields}
        data["csrfmiddlewaretoken"] = self.csrf("filer")
        return self.session("filer").post("/declarations/new/", data)

    def import_page(self, name: str, data: bytes) -> Any:
        body = {"file": SimpleUploadedFile(name, data), "csrfmiddlewaretoken": self.csrf("filer")}
        return self.session("filer").post("/declarations/import/", body)


@dataclass(frozen=True)
class Probe:
    kind: str  #: 超大 / 畸形 / 篡改 / 越权 / 并发 / 重复 / 原子
    channel: str  #: 接口 or 网页
    what: str  #: the input, in Chinese
    expected: str  #: the status, or several joined by "+" for concurrent requests
    send: Callable[[Bench], Any]


def _funding(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda content: content["funding"].__setitem__(key, value)


def _field(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda content: content.__setitem__(key, value)


def _first_level2(value: str) -> Callable[[dict[str, Any]], None]:
    return lambda content: content["groups"][0].__setitem__("level2", value)


def _big_text(size: int) -> bytes:
    return ("项目名称：" + "很长" * (size // 6)).encode()[:size]


def _seed_json_with(key: str, value: Any) -> bytes:
    forms = json.loads(dumps([seed_forms()[3]]))
    forms[0][key] = value
    return json.dumps(forms, ensure_ascii=False).encode()


def _seed_json_with_bad_second() -> bytes:
    forms = json.loads(dumps(list(seed_forms()[:3])))
    forms[1]["funding"]["annual_total"] = "-5"
    return json.dumps(forms, ensure_ascii=False).encode()


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in threads released together; each closes its database connection."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        try:
            barrier.wait()
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _two_approvals(bench: Bench, same: bool) -> list[Any]:
    first = bench.row("财政审核", 0)
    second = first if same else bench.row("财政审核", 1)
    finance = bench.world.users["finance"]
    clients = []
    for _ in range(2):
        _, key = ApiToken.issue(finance, "并发")
        clients.append(Client(HTTP_AUTHORIZATION=f"Bearer {key}"))
    body = json.dumps({"action": "通过"})

    def approve(client: Client, row: Declaration) -> Callable[[], Any]:
        url = f"/api/declarations/{row.pk}/transitions"
        return lambda: client.post(url, body, content_type="application/json")

    return at_once([approve(clients[0], first), approve(clients[1], second)])


def _put_call(client: Client, url: str, body: str) -> Callable[[], Any]:
    return lambda: client.put(url, body, content_type="application/json")


def _twenty_saves(bench: Bench) -> list[Any]:
    row = bench.row()
    content = json.loads(row.content)
    calls = []
    for n in range(20):
        _, key = ApiToken.issue(bench.world.users["filer"], "并发")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        changed = {**content, "annual_goal": f"并发保存{n}"}
        body = json.dumps({"revision": row.revision, "content": changed})
        calls.append(_put_call(client, f"/api/declarations/{row.pk}", body))
    return at_once(calls)


API = "接口"
WEB = "网页"
P = Probe
PROBES: list[Probe] = [
    # 越权 / 认证
    P("越权", API, "不带令牌读取申报表列表", "401", lambda b: Client().get("/api/declarations")),
    P(
        "越权",
        API,
        "伪造的令牌 Bearer not-a-token",
        "401",
        lambda b: Client(HTTP_AUTHORIZATION="Bearer not-a-token").get("/api/declarations"),
    ),
    P(
        "越权",
        API,
        "会话登录后写入但不带 X-CSRFToken",
        "403",
        lambda b: b.session("department").post(
            f"/api/declarations/{b.row('已提交').pk}/transitions",
            json.dumps({"action": "受理"}),
            content_type="application/json",
        ),
    ),
    P(
        "越权",
        API,
        "读取其他单位的申报表（他单位填报人的令牌）",
        "404",
        lambda b: b.token("outsider").get(f"/api/declarations/{b.row().pk}"),
    ),
    P(
        "越权",
        API,
        "修改其他单位的申报表",
        "404",
        lambda b: b.put("outsider", (r := b.row()), json.loads(r.content)),
    ),
    P(
        "越权",
        API,
        "填报人对财政审核中的申报表执行“通过”",
        "403",
        lambda b: b.act("filer", b.row("财政审核"), {"action": "通过"}),
    ),
    P(
        "越权",
        API,
        "主管部门审核人导入文件",
        "403",
        lambda b: b.upload("department", SEED_NAME, seed_bytes()),
    ),
    P("越权", API, "未登录打开接口文档 /api/docs", "302", lambda b: Client().get("/api/docs")),
    P(
        "越权",
        API,
        "未登录读取 /api/openapi.json",
        "302",
        lambda b: Client().get("/api/openapi.json"),
    ),
    P(
        "越权",
        WEB,
        "保存表单不带 CSRF 令牌",
        "403",
        lambda b: b.session("filer").post(
            f"/declarations/{(r := b.row()).pk}/edit/", editor_post(r)
        ),
    ),
    # 畸形
    P("畸形", API, "不存在的接口地址", "404", lambda b: b.token("filer").get("/api/nothing")),
    P(
        "畸形",
        API,
        "不支持的请求方法 DELETE /api/declarations",
        "405",
        lambda b: b.token("filer").delete("/api/declarations"),
    ),
    P(
        "畸形",
        API,
        "路径中的标识不是 UUID",
        "422",
        lambda b: b.token("filer").get("/api/declarations/abc"),
    ),
    P(
        "畸形",
        API,
        "保存时请求体不是 JSON",
        "400",
        lambda b: b.token("filer").put(
            f"/api/declarations/{b.row().pk}", "{不是 JSON", content_type="application/json"
        ),
    ),
    P(
        "畸形",
        API,
        "保存时缺少 revision",
        "422",
        lambda b: b.token("filer").put(
            f"/api/declarations/{(r := b.row()).pk}",
            json.dumps({"content": json.loads(r.content)}),
            content_type="application/json",
        ),
    ),
    P(
        "畸形",
        API,
        "revision 为文字“abc”",
        "422",
        lambda b: b.put("filer", (r := b.row()), json.loads(r.content), "abc"),
    ),
    P(
        "畸形",
        API,
        "content 的 schema 不是 jixiao.declaration/1",
        "400",
        lambda b: b.put_changed(_field("schema", "别的格式/9")),
    ),
    P(
        "畸形",
        API,
        "金额为浮点数 53.15（非文字）",
        "400",
        lambda b: b.put_changed(_funding("annual_total", 53.15)),
    ),
    P(
        "畸形",
        API,
        "金额为“一百万”",
        "400",
        lambda b: b.put_changed(_funding("annual_total", "一百万")),
    ),
    P(
        "畸形",
        API,
        "列表页码 page=0",
        "422",
        lambda b: b.token("filer").get("/api/declarations?page=0"),
    ),
    P(
        "畸形",
        API,
        "每页条数 page_size=100000",
        "422",
        lambda b: b.token("filer").get("/api/declarations?page_size=100000"),
    ),
    P(
        "畸形",
        API,
        "年度筛选 year=abc",
        "422",
        lambda b: b.token("filer").get("/api/declarations?year=abc"),
    ),
    P(
        "畸形",
        API,
        "状态筛选为不存在的状态",
        "422",
        lambda b: b.token("filer").get("/api/declarations?status=随便"),
    ),
    P(
        "畸形",
        API,
        "流转操作为不存在的操作“删除”",
        "422",
        lambda b: b.act("filer", b.row(), {"action": "删除"}),
    ),
    P(
        "畸形",
        API,
        "导入二进制垃圾文件",
        "400",
        lambda b: b.upload("filer", "bad.txt", b"\x00\x01\x02"),
    ),
    P("畸形", API, "导入空文件", "400", lambda b: b.upload("filer", "empty.txt", b"")),
    P(
        "畸形",
        API,
        "导入格式错误的规范 JSON",
        "400",
        lambda b: b.upload("filer", "bad.json", b'{"schema": "jixiao.declaration/1", "year": "x"}'),
    ),
    P("畸形", WEB, "新建时年度为“二〇二六”", "400", lambda b: b.new_page(year="二〇二六")),
    P("畸形", WEB, "新建时项目名称为空", "400", lambda b: b.new_page(project_name="  ")),
    P("畸形", WEB, "保存时金额为“abc”", "400", lambda b: b.save_page(annual_total="abc")),
    P("畸形", WEB, "修订号被改为“abc”", "400", lambda b: b.save_page(revision="abc")),
    P(
        "畸形",
        WEB,
        "申报表列表 ?year=99999999999999999999",
        "400",
        lambda b: b.session("filer").get("/declarations/?year=99999999999999999999"),
    ),
    P(
        "畸形",
        WEB,
        "财政项目库 ?org=bad",
        "400",
        lambda b: b.session("filer").get("/library/?org=bad"),
    ),
    P(
        "畸形",
        WEB,
        "下载不支持的格式 exe",
        "404",
        lambda b: b.session("filer").get(f"/declarations/{b.row().pk}/download/exe/"),
    ),
    P(
        "畸形",
        WEB,
        "公开材料的年度 99999",
        "404",
        lambda b: b.session("filer").get(f"/library/bundle/{b.world.department.pk}/99999/"),
    ),
    P(
        "畸形",
        WEB,
        "流转操作为“删除”",
        "400",
        lambda b: b.session("filer").post(
            f"/declarations/{b.row().pk}/act/",
            {"action": "删除", "csrfmiddlewaretoken": b.csrf("filer")},
        ),
    ),
    # 篡改 / 越界取值
    P(
        "篡改",
        API,
        "金额 40 位数字",
        "400",
        lambda b: b.put_changed(_funding("annual_total", "1" * 40)),
    ),
    P(
        "篡改",
        API,
        "金额 1e9999",
        "400",
        lambda b: b.put_changed(_funding("annual_total", "1e9999")),
    ),
    P("篡改", API, "金额 −5 万元", "400", lambda b: b.put_changed(_funding("annual_total", "-5"))),
    P(
        "篡改",
        API,
        "金额 53.1234567 万元（7 位小数）",
        "400",
        lambda b: b.put_changed(_funding("fiscal", "53.1234567")),
    ),
    P(
        "篡改",
        API,
        "金额 NaN",
        "400",
        lambda b: b.put_changed(_funding("other", "NaN")),
    ),
    P("篡改", API, "年度 0", "400", lambda b: b.put_changed(_field("year", 0))),
    P("篡改", API, "年度 10 的 20 次方", "400", lambda b: b.put_changed(_field("year", 10**20))),
    P(
        "篡改",
        API,
        "指标体系改为不存在的体系",
        "400",
        lambda b: b.put_changed(_field("tree", "伪造体系")),
    ),
    P(
        "篡改",
        API,
        "二级指标改为不存在的名称",
        "400",
        lambda b: b.put_changed(_first_level2("伪造指标")),
    ),
    P(
        "篡改",
        API,
        "revision 为 10 的 40 次方",
        "422",
        lambda b: b.put("filer", (r := b.row()), json.loads(r.content), 10**40),
    ),
    P(
        "篡改",
        API,
        "过期的 revision（他人已保存）",
        "409",
        lambda b: b.put("filer", (r := b.row()), json.loads(r.content), r.revision - 1),
    ),
    P(
        "篡改",
        API,
        "意见超过 5000 字",
        "422",
        lambda b: b.act(
            "finance", b.row("财政审核"), {"action": "退回修改", "comment": "改" * 5001}
        ),
    ),
    P(
        "篡改",
        API,
        "财政退回修改但不填意见",
        "400",
        lambda b: b.act("finance", b.row("财政审核"), {"action": "退回修改"}),
    ),
    P(
        "篡改",
        API,
        "提交时不说明错误级发现",
        "400",
        lambda b: b.act("filer", b.row(), {"action": "提交"}),
    ),
    P("篡改", WEB, "保存时金额 40 位数字", "400", lambda b: b.save_page(annual_total="9" * 40)),
    P("篡改", WEB, "保存时金额 1e9999", "400", lambda b: b.save_page(annual_total="1e9999")),
    P("篡改", WEB, "保存时金额 −5", "400", lambda b: b.save_page(fiscal="-5")),
    P(
        "篡改",
        WEB,
        "保存时金额“150万”（按万元读取）",
        "302",
        lambda b: b.save_page(annual_total="150万"),
    ),
    P("篡改", WEB, "保存时年度 0", "400", lambda b: b.save_page(year="0")),
    P(
        "篡改",
        WEB,
        "保存时指标体系被改为不存在的体系",
        "400",
        lambda b: b.save_page(tree="伪造体系"),
    ),
    P(
        "篡改",
        WEB,
        "保存时二级指标被改为不存在的名称",
        "400",
        lambda b: b.save_page(
            rows=json.dumps([["r1", "伪造指标", "培训人数", "≥100人"]], ensure_ascii=False)
        ),
    ),
    P("篡改", WEB, "新建时年度 99999999999999999999", "400", lambda b: b.new_page(year="9" * 20)),
    P("篡改", WEB, "新建时年度 0", "400", lambda b: b.new_page(year="0")),
    P(
        "篡改",
        WEB,
        "新建时指标体系被改为不存在的体系",
        "400",
        lambda b: b.new_page(tree="伪造体系"),
    ),
    # 超大
    P(
        "超大",
        API,
        "导入 11 MB 的文本文件",
        "413",
        lambda b: b.upload("filer", "big.txt", _big_text(11 * MB)),
    ),
    P(
        "超大",
        API,
        "保存约 12 MB 的请求体",
        "413",
        lambda b: b.put_changed(_field("annual_goal", "长" * (4 * MB))),
    ),
    P(
        "超大",
        API,
        "导入一个超过份数上限（设为 5 份）的文件：七份示例",
        "413",
        lambda b: b.upload("filer", SEED_NAME, seed_bytes()),
    ),
    P(
        "超大",
        WEB,
        "网页导入 11 MB 的文件",
        "413",
        lambda b: b.import_page("big.txt", _big_text(11 * MB)),
    ),
    P(
        "超大",
        WEB,
        "网页保存约 12 MB 的表单",
        "413",
        lambda b: b.save_page(annual_goal="长" * (4 * MB)),
    ),
    P(
        "篡改",
        API,
        "导入的规范 JSON 年度为 0",
        "400",
        lambda b: b.upload("filer", "y0.json", _seed_json_with("year", 0)),
    ),
    P(
        "篡改",
        API,
        "导入的规范 JSON 年度为 10 的 20 次方",
        "400",
        lambda b: b.upload("filer", "y20.json", _seed_json_with("year", 10**20)),
    ),
    # 原子性与重复
    P(
        "原子",
        API,
        "导入三份申报表，第二份金额为负：整批不写入",
        "400",
        lambda b: b.upload("filer", "three.json", _seed_json_with_bad_second()),
    ),
    P(
        "重复",
        API,
        "同一文件导入两次（第二次）",
        "409",
        lambda b: [b.upload("filer", "one.json", dumps([seed_forms()[6]]).encode()) for _ in "12"][
            -1
        ],
    ),
    P(
        "重复",
        WEB,
        "网页同一文件导入两次（第二次）",
        "409",
        lambda b: [b.import_page("one.json", dumps([seed_forms()[5]]).encode()) for _ in "12"][-1],
    ),
    # 并发
    P(
        "并发",
        API,
        "两位财政审核人同一时刻各通过一份申报表",
        "201×2",
        lambda b: _two_approvals(b, same=False),
    ),
    P(
        "并发",
        API,
        "两位财政审核人同一时刻通过同一份申报表（后到者视时序得 400 或 403，均不重复通过）",
        "201+400|201+403",
        lambda b: _two_approvals(b, same=True),
    ),
    P("并发", API, "20 个请求同一时刻保存同一修订号", "200+409×19", _twenty_saves),
]
