"""编辑与保存: drafts save without blocking, money stays exact, stale saves are refused."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import AuditEntry, Declaration
from tests.web.conftest import World, editor_post


def _url(row: Declaration) -> str:
    return reverse("declarations:edit", kwargs={"pk": row.pk})


def test_it_shows_the_whole_form_with_group_annotations(world: World) -> None:
    row = world.declaration()
    html = world.client("filer").get(_url(row)).content.decode()
    assert 'value="政府聘用人员经费"' in html
    assert '数量指标<span class="annotation">（必填量化）</span>' in html
    assert 'value="编内聘用人员全年薪酬"' in html
    assert "htmx.min.js" in html


def test_it_saves_a_draft_and_bumps_the_revision(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, annual_goal="新目标", **{"value:聘用人员考核情况": "≥95%"})
    response = world.client("filer").post(_url(row), data)
    assert response.status_code == 302
    saved = Declaration.objects.get(pk=row.pk)
    form = codec.from_text(saved.content)
    assert saved.revision == row.revision + 1
    assert form.annual_goal == "新目标"
    assert "≥95%" in [i.value_text for i in form.indicators]
    assert AuditEntry.objects.filter(declaration=row, event="保存").count() == 1


def test_it_saves_drafts_with_review_errors(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, project_name="", attribute="")
    assert world.client("filer").post(_url(row), data).status_code == 302
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).attribute == ""


def test_it_keeps_money_exact(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, annual_total="53.150001", fiscal="53.15", other="0.000001")
    world.client("filer").post(_url(row), data)
    saved = Declaration.objects.get(pk=row.pk)
    assert codec.from_text(saved.content).funding.annual_total == Decimal("53.150001")
    assert (saved.annual_total_fen, saved.other_fen) == (53_150_001, 1)


def test_it_refuses_amounts_finer_than_one_fen_and_changes_nothing(world: World) -> None:
    row = world.declaration()
    response = world.client("filer").post(_url(row), editor_post(row, other="0.0000001"))
    assert response.status_code == 400
    assert "精确到分以下" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).revision == row.revision


def test_it_rejects_a_stale_save_without_overwriting(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    first = editor_post(row, annual_goal="第一次")
    second = editor_post(row, annual_goal="第二次")
    assert client.post(_url(row), first).status_code == 302
    response = client.post(_url(row), second)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).annual_goal == "第一次"


def test_it_forbids_editing_after_submission(world: World) -> None:
    row = world.declaration("已提交")
    assert world.client("filer").post(_url(row), editor_post(row)).status_code == 403


def test_it_lets_the_filer_edit_again_after_return(world: World) -> None:
    row = world.declaration("财政审核")
    from jixiao.web.declarations import store
    from jixiao.workflow import Action

    store.transition(world.users["finance"], row, Action.RETURN, "请修改成本指标")
    row.refresh_from_db()
    data = editor_post(row, annual_goal="已按意见修改")
    assert world.client("filer").post(_url(row), data).status_code == 302


def test_it_requires_the_csrf_token(world: World) -> None:
    row = world.declaration()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    assert client.post(_url(row), editor_post(row)).status_code == 403
    page = client.get(_url(row))
    token = page.context["csrf_token"]
    data = {**editor_post(row), "csrfmiddlewaretoken": str(token)}
    assert client.post(_url(row), data).status_code == 302


def _csrf_client(world: World, row: Declaration) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["filer"])
    assert client.get(_url(row)).status_code == 200
    return client


def _token(client: Client) -> str:
    return str(client.cookies["csrftoken"].value)


def test_it_saves_a_2000_row_form_over_http_with_csrf_enforced(world: World) -> None:
    row = world.declaration()
    client = _csrf_client(world, row)
    data = {**editor_post(row, extra_rows=2000), "csrfmiddlewaretoken": _token(client)}
    assert len(data) < 30  # the table is one field, far below Django's 1,000-field limit
    response = client.post(_url(row), data)
    assert response.status_code == 302
    form = codec.from_text(Declaration.objects.get(pk=row.pk).content)
    names = [i.name for i in form.indicators if i.name.startswith("大表指标")]
    assert names == [f"大表指标{i}" for i in range(2000)]
    assert "≥1999人" in [i.value_text for i in form.indicators]


def test_it_renders_the_big_form_with_the_table_in_one_field(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    client.post(_url(row), editor_post(row, extra_rows=2000))
    html = client.get(_url(row)).content.decode()
    assert html.count('class="row-value"') >= 2000 + 1  # every row, plus the new-row template
    assert 'name="rows" id="rows-field"' in html
    assert "大表指标1999" in html.split('id="rows-field" value="', 1)[1].split('">', 1)[0]
    assert 'name="row_value"' not in html


def test_it_refuses_more_rows_than_the_limit_with_a_chinese_message(world: World) -> None:
    from jixiao.web.declarations.rows import MAX_ROWS

    row = world.declaration()
    response = world.client("filer").post(_url(row), editor_post(row, extra_rows=MAX_ROWS))
    assert response.status_code == 400
    assert f"超过每张申报表 {MAX_ROWS} 行的上限，未保存" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).revision == row.revision


def test_it_refuses_a_malformed_or_missing_table_and_keeps_the_stored_rows(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    before = codec.from_text(row.content).indicators
    for rows, message in (
        ('[["r1", "数量指标", 3, "x"]]', "指标表第1行格式不正确"),
        ("{not json", "指标表数据无法读取"),
        (None, "缺少指标表数据"),
    ):
        data = editor_post(row, annual_goal="改了目标")
        if rows is None:
            del data["rows"]
        else:
            data["rows"] = rows
        response = client.post(_url(row), data)
        assert response.status_code == 400
        assert message in response.content.decode()
    saved = Declaration.objects.get(pk=row.pk)
    assert saved.revision == row.revision
    assert codec.from_text(saved.content).indicators == before


def test_it_refuses_an_overlong_cell_with_a_chinese_message(world: World) -> None:
    row = world.declaration()
    data = editor_post(row, **{"value:聘用人员考核情况": "好" * 1001})
    response = world.client("filer").post(_url(row), data)
    assert response.status_code == 400
    assert "的指标值超过 1000 字，请精简" in response.content.decode()


def test_it_reloads_the_newest_version_after_a_conflict_and_shows_the_users_edits(
    world: World,
) -> None:
    row = world.declaration()
    client = world.client("filer")
    assert (
        client.post(_url(row), editor_post(row, annual_goal="同事先保存的目标")).status_code == 302
    )
    mine = editor_post(row, annual_goal="我写的目标", **{"value:聘用人员考核情况": "≥98%"})
    response = client.post(_url(row), mine)
    assert response.status_code == 409
    html = response.content.decode()
    current = Declaration.objects.get(pk=row.pk)
    assert f'name="revision" value="{current.revision}"' in html
    assert ">同事先保存的目标</textarea>" in html  # the form shows the newest version
    yours = html.split('id="your-edits"', 1)[1].split("</section>", 1)[0]
    assert "我写的目标" in yours and "≥98%" in yours and "同事先保存的目标" in yours
    assert 'data-unsaved="1"' in html
    # Re-entered on the newest revision, the next save goes through.
    again = editor_post(current, annual_goal="我写的目标")
    assert client.post(_url(row), again).status_code == 302
    assert codec.from_text(Declaration.objects.get(pk=row.pk).content).annual_goal == "我写的目标"


def _opinion(world: World, row: Declaration, code: str, text: str) -> None:
    """The 主管部门审核人 records an edited 审核意见 on the first finding ``code``, over HTTP."""
    from jixiao.web.declarations import engine

    finding = next(f for f in engine.stored(row.content).review.findings if f.code == code)
    client = world.client("department")
    review = reverse("declarations:review", kwargs={"pk": row.pk})
    data = {f"disposition-{finding.key}": "修改后采纳", f"text-{finding.key}": text}
    assert client.post(review, data).status_code == 302


def test_it_shows_the_reviewers_comment_beside_the_field_it_concerns(world: World) -> None:
    from jixiao.web.declarations import store
    from jixiao.workflow import Action

    row = world.declaration("主管部门审核")
    _opinion(world, row, "V201", "考核情况须量化，如“≥1次/年”。")
    row.refresh_from_db()
    store.transition(world.users["department"], row, Action.RETURN, "请按审核意见修改")
    html = world.client("filer").get(_url(row)).content.decode()
    line = html.split('value="聘用人员考核情况"', 1)[1].split("</tr>", 1)[0]
    assert "考核情况须量化，如“≥1次/年”。" in line
    assert "修改后采纳" in line
    assert "请按审核意见修改" in html.split('class="returned card"', 1)[1].split("</div>", 1)[0]


def test_it_shows_a_form_level_comment_beside_the_header_field_it_names(world: World) -> None:
    from jixiao.web.declarations import store
    from jixiao.workflow import Action

    row = world.declaration("主管部门审核")
    _opinion(world, row, "C111", "请补填主管部门代码。")
    row.refresh_from_db()
    store.transition(world.users["department"], row, Action.RETURN, "见审核意见")
    html = world.client("filer").get(_url(row)).content.decode()
    cell = html.split('id="f-department_name"', 1)[1].split("</td>", 1)[0]
    assert "请补填主管部门代码。" in cell


def test_it_lists_comments_whose_row_is_gone_above_the_form(world: World) -> None:
    from jixiao.web.declarations import store
    from jixiao.workflow import Action

    row = world.declaration("主管部门审核")
    _opinion(world, row, "V201", "考核情况须量化。")
    row.refresh_from_db()
    store.transition(world.users["department"], row, Action.RETURN, "见审核意见")
    row.refresh_from_db()
    renamed = editor_post(row)
    renamed["rows"] = renamed["rows"].replace("聘用人员考核情况", "聘用人员年度考核")
    assert world.client("filer").post(_url(row), renamed).status_code == 302
    html = world.client("filer").get(_url(row)).content.decode()
    other = html.split("<h3>其他审核意见</h3>", 1)[1].split("</div></div>", 1)[0]
    assert "考核情况须量化。" in other
