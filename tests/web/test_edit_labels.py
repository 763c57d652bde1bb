"""编辑页、只读表单、监控表与自评表页面: every form label the pages show comes from the form
catalogue."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse

from jixiao.model.catalogue import FormText, catalogue_labels, label_key
from jixiao.model.catalogue_evaluation import evaluation_labels
from jixiao.model.catalogue_monitoring import monitoring_labels
from tests.web.conftest import World
from tests.web.signed import Signed
from tests.web.test_evaluation_round import _open as open_evaluation
from tests.web.test_monitoring import _open as open_monitoring

#: Editor controls that are not form labels (the review column of the indicator table).
EDITOR_UI = frozenset({"审核提示"})
_LABEL_TAGS = frozenset({"th", "label", "h2", "h3"})


class _Labels(HTMLParser):
    """Texts of th/label/h2/h3 and aria-labels inside ``<form id=…>`` or ``<table class=…>``."""

    def __init__(self, scope: tuple[str, str, str]) -> None:
        super().__init__()
        self.scope, self.depth, self.open = scope, 0, 0
        self.texts: list[str] = []
        self.aria: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        name, key, value = self.scope
        if tag == name and value in (attr.get(key) or "").split():
            self.depth += 1
        if self.depth and tag in _LABEL_TAGS:
            self.open += 1
            self.texts.append("")
        if self.depth and attr.get("aria-label") and tag == "input":
            self.aria.append(attr["aria-label"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in _LABEL_TAGS:
            self.open -= 1
        if tag == self.scope[0] and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.open:
            self.texts[-1] += data


def _labels(html: str, scope: tuple[str, str, str]) -> tuple[list[str], list[str]]:
    parser = _Labels(scope)
    parser.feed(html)
    texts = [t.strip() for t in parser.texts if t.strip() and t.strip() not in EDITOR_UI]
    return texts, parser.aria


def _not_in_catalogue(texts: list[str]) -> list[str]:
    known = catalogue_labels()
    unit = label_key(FormText.MONEY_UNIT_SUFFIX)
    return [t for t in texts if label_key(t).removesuffix(unit) not in known]


def test_it_shows_only_catalogue_labels_in_the_editor(world: World) -> None:
    row = world.declaration()
    url = reverse("declarations:edit", kwargs={"pk": row.pk})
    html = world.client("filer").get(url).content.decode()
    texts, aria = _labels(html, ("form", "id", "editor"))
    title = FormText.TITLE + FormText.YEAR_LINE.replace("{year}", "")
    assert title in texts  # the title line around the year input
    texts.remove(title)
    assert len(texts) >= 15 and len(aria) >= 3
    assert _not_in_catalogue(texts + aria) == []


def test_it_shows_only_catalogue_labels_in_the_read_only_form(world: World) -> None:
    row = world.declaration()
    url = reverse("declarations:detail", kwargs={"pk": row.pk})
    html = world.client("filer").get(url).content.decode()
    texts, _ = _labels(html, ("table", "class", "readonly"))
    assert len(texts) >= 12
    assert _not_in_catalogue(texts) == []


def test_it_would_catch_a_label_written_in_a_template() -> None:
    html = '<form id="editor"><table><tr><th>项目负责人签字</th></tr></table></form>'
    texts, _ = _labels(html, ("form", "id", "editor"))
    assert _not_in_catalogue(texts) == ["项目负责人签字"]


# --- 监控表 and 自评表 pages -------------------------------------------------------------------

#: Page controls and headings that are not form labels.
EVALUATION_UI = frozenset({"预算执行", "填报得分", "计算得分", "计分说明", "评价"})


def _outside(texts: list[str], known: frozenset[str]) -> list[str]:
    unit = label_key(FormText.MONEY_UNIT_SUFFIX)
    return [t for t in texts if label_key(t).removesuffix(unit) not in known]


def test_the_monitoring_report_shows_only_catalogue_labels(world: World) -> None:
    world.declaration("通过")
    record = open_monitoring(world)
    url = reverse("monitoring:report", kwargs={"pk": record.pk})
    html = world.client("filer").get(url).content.decode()
    texts, _ = _labels(html, ("table", "class", "list"))
    assert len(texts) == 10
    assert _outside(texts, monitoring_labels("1–6月")) == []
    assert "1–6月实际完成值" in texts


def test_the_self_evaluation_shows_only_catalogue_labels(world: World) -> None:
    record = open_evaluation(world)
    url = reverse("evaluation:detail", kwargs={"pk": record.pk})
    html = Signed(world.users["filer"]).get(url).content.decode()
    texts, aria = _labels(html, ("form", "hx-target", "#preview"))
    texts = [t.rstrip("：") for t in texts if t not in EVALUATION_UI]
    shown = [a.split(" ", 1)[1] for a in aria]  # 「三级指标名 实际完成值」
    assert len(texts) >= 15 and len(shown) >= 3
    assert _outside(texts + shown, evaluation_labels()) == []


def test_it_would_catch_a_label_written_in_a_monitoring_or_evaluation_page() -> None:
    html = '<table class="list"><tr><th>年度指标值</th><th>项目负责人签字</th></tr></table>'
    texts, _ = _labels(html, ("table", "class", "list"))
    assert _outside(texts, monitoring_labels("1–6月")) == ["项目负责人签字"]
    assert _outside(texts, evaluation_labels()) == ["项目负责人签字"]
