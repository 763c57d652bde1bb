"""The review page's per-process caches: never stale, bounded, and few queries per page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.accounts.models import PolicyProfile
from jixiao.web.declarations import codec, engine, fragments
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World, editor_post


def _url(row: Declaration, name: str = "review") -> str:
    return reverse(f"declarations:{name}", kwargs={"pk": row.pk})


def test_stored_is_cached_per_content_and_equals_a_fresh_review(world: World) -> None:
    row = world.declaration()
    first = engine.stored(row.content)
    assert engine.stored(row.content) is first
    assert first.review == engine.review(codec.from_text(row.content))
    assert first.form == codec.from_text(row.content)


def test_a_saved_edit_is_reviewed_afresh(world: World) -> None:
    row = world.declaration()
    client = world.client("filer")
    before = client.get(_url(row, "edit")).context["review"]
    data = editor_post(row, project_name="", annual_goal="改过的目标")
    assert client.post(_url(row, "edit"), data).status_code == 302
    row.refresh_from_db()
    after = engine.stored(row.content)
    assert after.form.annual_goal == "改过的目标"
    assert after.review == engine.review(codec.from_text(row.content))
    assert after.review != before
    html = world.client("finance").get(_url(row)).content.decode()
    assert "改过的目标" in html


def test_a_changed_policy_profile_is_not_served_from_the_cache(world: World) -> None:
    row = world.declaration()
    default = engine.stored(row.content)
    code = default.review.findings[0].code
    PolicyProfile.objects.create(name="yinchuan", is_default=True, ignore=code)
    ignored = engine.stored(row.content)
    assert ignored is not default
    assert code not in {f.code for f in ignored.review.findings}


def test_the_caches_are_bounded() -> None:
    cache: engine.LRU[int, str] = engine.LRU(2)
    cache.put(1, "a")
    cache.put(2, "b")
    assert cache.get(1) == "a"  # 1 is now the most recent
    cache.put(3, "c")
    assert (cache.get(1), cache.get(2), cache.get(3), len(cache)) == ("a", None, "c", 2)


def test_the_form_view_fragment_is_rendered_once_per_content(world: World) -> None:
    row = world.declaration()
    entry = engine.stored(row.content)
    html = fragments.form_view(entry)
    assert fragments.form_view(entry) is html
    assert entry.form.project_name in html


def test_the_review_page_runs_a_fixed_number_of_queries(world: World) -> None:
    row = world.declaration("财政审核")
    client = world.client("finance")
    client.get(_url(row))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(row)).status_code == 200
    # session, user with organisation, declaration, profile, notes, transitions,
    # and the 指标库 version (the review judges values against the library, B605)
    assert len(queries.captured_queries) == 7, [q["sql"] for q in queries]
