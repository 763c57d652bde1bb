"""The render-neutral grid: what every renderer draws."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Verdict
from jixiao.render.document import Role, build_document, money_text, verdict_text
from jixiao.render.template import YINCHUAN_2025, blank_declaration
from tests.importers_docs.forms import made_declarations, seed_declarations


def test_the_grid_of_the_first_seed_form() -> None:
    decl = seed_declarations()[0]
    doc = build_document(decl)
    rows = list(doc.rows())
    assert [c.text for c in rows[0]] == ["项目名称", "政府聘用人员经费"]
    assert [c.text for c in rows[1]] == [
        "主管部门及代码",
        "银川市人民政府办公室",
        "实施单位",
        "银川市人民政府办公室",
    ]
    assert [c.text for c in rows[doc.header_row]] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    block = rows[doc.header_row][0]
    assert block.role is Role.BLOCK and block.rowspan == len(decl.indicators) + 1
    level1 = [c for c in doc.cells if c.role is Role.LEVEL1]
    assert [(c.text, c.rowspan) for c in level1] == [
        ("产出指标", 11),
        ("效益指标", 6),
        ("满意度指标", 1),
    ]
    assert doc.verdict_row == doc.row_count - 1


def test_annotations_are_printed_under_the_level2_label() -> None:
    doc = build_document(seed_declarations()[1])
    labels = [c.text for c in doc.cells if c.role is Role.LEVEL2]
    assert labels[0] == "数量指标\n（必填量化）"
    assert "经济效益指标\n（选填）" in labels


def test_the_chosen_box_is_filled() -> None:
    assert verdict_text(Verdict.REVISE) == "通过 □    退回修改 █    退回，不予纳入财政项目库 □"
    assert "█" not in verdict_text(None)


def test_money_is_printed_exactly_without_exponent() -> None:
    assert money_text(Decimal("1E+1")) == "10"
    assert money_text(Decimal("53.150")) == "53.150"
    assert money_text(None) == ""


def test_optional_rows_appear_only_when_filled() -> None:
    v2021 = build_document(dict(made_declarations())["v2021"])
    labels = [c.text for c in v2021.cells if c.role is Role.LABEL]
    assert "项目资金总额" in labels and "长期目标" in labels and "项目负责人" in labels
    seed = build_document(seed_declarations()[0])
    assert "项目资金总额" not in [c.text for c in seed.cells]


def test_a_template_gives_each_empty_group_blank_rows() -> None:
    doc = build_document(blank_declaration(YINCHUAN_2025), blank_rows=3)
    names = [c for c in doc.cells if c.role is Role.NAME]
    assert len(names) == 9 * 3 and all(c.text == "" for c in names)
    assert doc.year_line == "（　　　　年度）"
