"""提交: errors block submission unless each is explained; a version is kept."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import codec, engine
from jixiao.web.declarations.models import Declaration, Note, Transition
from tests.web.conftest import World


def _url(row: Declaration) -> str:
    return reverse("declarations:submit", kwargs={"pk": row.pk})


def _explanations(row: Declaration) -> dict[str, str]:
    blocking = engine.review(codec.from_text(row.content)).blocking
    assert blocking, "the seed form has errors to explain"
    return {f"explain-{f.key}": f"说明：{f.code}" for f in blocking}


def test_it_lists_the_errors_that_need_an_explanation(world: World) -> None:
    row = world.declaration()
    html = world.client("filer").get(_url(row)).content.decode()
    assert "逐条填写说明" in html and "A403" in html


def test_it_refuses_to_submit_with_unexplained_errors(world: World) -> None:
    row = world.declaration()
    response = world.client("filer").post(_url(row), {})
    assert response.status_code == 400
    assert "未修改也未说明" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).status == "草稿"
    assert not Transition.objects.exists()


def test_it_submits_with_explanations_and_keeps_a_version(world: World) -> None:
    row = world.declaration()
    explanations = _explanations(row)
    response = world.client("filer").post(_url(row), explanations)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "已提交"
    t = Transition.objects.get(declaration=row)
    assert (t.source, t.action, t.target, t.actor) == (
        "草稿",
        "提交",
        "已提交",
        world.users["filer"],
    )
    assert t.version is not None and t.version.reason == "提交"
    assert Note.objects.filter(declaration=row, kind="说明").count() == len(explanations)


def test_it_refuses_a_second_submission(world: World) -> None:
    row = world.declaration("已提交")
    assert world.client("filer").post(_url(row), _explanations(row)).status_code == 403
