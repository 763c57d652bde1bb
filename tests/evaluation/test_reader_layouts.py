"""Published 自评表 layouts beyond the corpus: Sichuan's split value columns (指标性质 |
指标值 | 度量单位), a code-prefixed 项目名称, 合计 as the total row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.evaluation import score_evaluation
from jixiao.evaluation.checks import run_checks
from jixiao.evaluation.files import read_evaluation_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_it_reads_the_sichuan_layout_with_split_value_columns() -> None:
    (ev,) = read_evaluation_file(FIXTURES / "sichuan_pipe.txt")
    assert (ev.project_name, ev.project_code) == ("工资性支出", "51000021R000000019951")
    assert (ev.department.name, ev.implementer.name) == ("大英县教育局", "大英县实验小学")
    assert (ev.goal, ev.goal_actual) == ("保障教师工资按时足额发放", "已按时足额发放")
    assert [(r.name, r.target_text, r.actual_text, r.weight, r.printed_score) for r in ev.rows] == [
        ("保障教师人数", "≥85人", "86", Decimal("22.5"), Decimal("22.5")),
        ("工资发放准确率", "=100%", "100", Decimal("22.5"), Decimal("22.5")),
        ("人均工资成本", "≤30万元", "完成", Decimal("22.5"), Decimal("22.5")),
        ("教师满意度", "≥90%", "95", Decimal("22.5"), Decimal("22.5")),
    ]
    assert (ev.budget.annual, ev.budget.executed, ev.budget.printed_score) == (
        Decimal(120),
        Decimal(118),
        Decimal("9.83"),
    )
    assert ev.printed_total == Decimal("99.83")


def test_the_sichuan_defect_text_on_a_cost_indicator_is_found() -> None:
    (ev,) = read_evaluation_file(FIXTURES / "sichuan_pipe.txt")
    found = {(f.code, f.path[-1]) for f in run_checks(ev) if f.path}
    assert ("E005", "人均工资成本") in found  # 完成值「完成」 on a ≤30万元 cost indicator
    assert score_evaluation(ev).rows[2].score == 0


def test_it_reads_the_national_layout_as_an_html_table_publishes_it() -> None:
    (ev,) = read_evaluation_file(FIXTURES / "national_pipe.txt")
    assert (ev.year, ev.project_name, ev.implementer.name) == (
        2021,
        "城区道路保洁经费",
        "某某区环卫所",
    )
    assert (ev.goal, ev.goal_actual) == (
        "完成城区主次干道保洁，垃圾日产日清",
        "全年完成保洁任务，垃圾日产日清",
    )
    assert [r.name for r in ev.rows] == [
        "保洁面积",
        "道路清扫合格率",
        "垃圾清运及时率",
        "每平方米保洁成本",
        "市容环境改善",
        "市民满意度",
    ]
    assert ev.rows[2].deviation == "个别时段车辆故障"
    assert (ev.budget.annual, ev.budget.executed, ev.budget.printed_score) == (
        Decimal(520),
        Decimal(468),
        Decimal(9),
    )
    score = score_evaluation(ev)
    assert ev.printed_total == score.total == Decimal("98.8")


def test_a_document_with_two_forms_gives_two_self_evaluations(tmp_path: Path) -> None:
    both = tmp_path / "两张.txt"
    both.write_text(
        (FIXTURES / "national_pipe.txt").read_text(encoding="utf-8")
        + (FIXTURES / "sichuan_pipe.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    forms = read_evaluation_file(both)
    assert [(ev.project_name, len(ev.rows), ev.printed_total) for ev in forms] == [
        ("城区道路保洁经费", 6, Decimal("98.8")),
        ("工资性支出", 4, Decimal("99.83")),
    ]
