"""延续性项目: next year's draft from an approved declaration."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration
from tests.web.conftest import World


def test_it_copies_the_form_into_next_years_draft(world: World) -> None:
    row = world.declaration("通过")
    response = world.client("filer").post(reverse("declarations:continue", kwargs={"pk": row.pk}))
    new = Declaration.objects.exclude(pk=row.pk).get()
    assert response["Location"] == reverse("declarations:edit", kwargs={"pk": new.pk})
    form = codec.from_text(new.content)
    assert (new.year, new.status, new.previous) == (2026, "草稿", row)
    assert form.verdict is None and form.attribute == "延续性项目"
    assert form.groups == codec.from_text(row.content).groups
