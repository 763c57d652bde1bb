"""A table of light computations: every rule of the lights, its boundaries and its errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Level1, Level2
from jixiao.monitoring import (
    BudgetLine,
    FundSource,
    Light,
    Likelihood,
    MonitoringInputError,
    MonitoringReport,
    MonitoringRow,
    Pacing,
)
from jixiao.monitoring.entry import read_value
from jixiao.monitoring.lights import budget_light, report_lights, row_light
from jixiao.monitoring.policy import settings_for
from jixiao.values import parse_value

R, Y, G, B, N = Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE, Light.GREY
S = settings_for(2025)


def _row(
    target: str,
    actual: str,
    *,
    level2: Level2 = Level2.QUANTITY,
    likelihood: Likelihood | None = None,
    pacing: Pacing | None = None,
) -> MonitoringRow:
    t = parse_value(target)
    a = read_value(t, actual, "1–6月实际完成值", "指标") if actual else parse_value("")
    return MonitoringRow(
        Level1.OUTPUT, level2, "指标", target, t, actual, a, likelihood=likelihood, pacing=pacing
    )


TIME = Level2.TIMELINESS
CASES = [
    # positive, linear pacing at m = 6 (T × 6 ÷ 12 = 60 for T = 120)
    ("positive red", "≥120次", "35", 6, {}, R, "= 58.33，低于60"),
    ("positive red just below 60", "≥120次", "35.9", 6, {}, R, "59.83"),
    ("positive yellow at 60", "≥120次", "36", 6, {}, Y, "= 60，在60（含）至80"),
    ("positive yellow", "≥120次", "45", 6, {}, Y, "75"),
    ("positive green at 80", "≥120次", "48", 6, {}, G, "= 80，在80（含）"),
    ("positive green", "≥120次", "60次", 6, {}, G, "= 100"),
    ("positive green below 120", "≥120次", "71.9", 6, {}, G, "119.83"),
    ("positive blue at 120", "≥120次", "72", 6, {}, B, "超序时进度"),
    ("positive > with scale", ">1.1万册", "5500册", 6, {}, G, "0.55 ÷ (1.1 × 6 ÷ 12)"),
    ("positive at m = 3", "≥120次", "30", 3, {}, G, "30 ÷ (120 × 3 ÷ 12) × 100 = 100"),
    ("positive at m = 12", "≥120次", "90", 12, {}, Y, "= 75"),
    ("positive at m = 1", "≥120次", "5", 1, {}, R, "5 ÷ (120 × 1 ÷ 12) × 100 = 50"),
    ("exact bare number paced", "7人", "7", 6, {}, B, "= 200"),
    ("rate unpaced", "≥98%", "96%", 6, {}, G, "不按序时进度"),
    ("rate unpaced red", "100%", "50%", 6, {}, R, "r = A ÷ T × 100 = 50 ÷ 100 × 100 = 50"),
    ("pacing switched off", "≥4台", "4", 6, {"pacing": Pacing.NONE}, G, "不按序时进度"),
    # reverse
    ("reverse below ceiling", "≤12万元", "5万元", 6, {}, G, "A = 5万元 ≤ T = 12万元"),
    ("reverse equal ceiling", "≤12万元", "120000元", 6, {}, G, "≤"),
    ("reverse above ceiling", "≤12万元", "12.5万元", 6, {}, R, "超过上限"),
    ("reverse strict equal", "<30日", "30", 6, {}, R, "超过上限 T <"),
    ("reverse days alias", "30日内", "20天", 6, {}, G, "A = 20日"),
    # zero targets
    ("zero ≥0 met", "≥0起", "0", 6, {}, G, "满足“≥0”"),
    ("zero >0 not met", ">0个", "0", 6, {}, R, "不满足“>0”"),
    ("zero =0 met", "0起", "0", 6, {}, G, "满足“=0”"),
    ("zero =0 not met", "0起", "2", 6, {}, R, "不满足"),
    # qualitative
    ("qualitative met", "有效", "达成目标", 6, {}, G, "达成目标"),
    ("qualitative partly", "合格", "部分达成", 6, {}, Y, "部分达成目标并具有一定效果"),
    ("qualitative not met", "效果好", "未达成目标且效果较差", 6, {}, R, "未达成"),
    ("qualitative by likelihood", "全年", "", 6, {"likelihood": Likelihood.POSSIBLE}, Y, "有可能"),
    ("qualitative nothing", "长期", "", 6, {}, N, "无法亮灯"),
    # missing or unreadable target / actual
    ("missing target", "", "5", 6, {"likelihood": Likelihood.CERTAIN}, G, "年度指标值缺失"),
    ("free-text target", "促进落实", "", 6, {}, N, "年度指标值缺失或无法识别"),
    ("missing actual", "≥120次", "", 6, {"likelihood": Likelihood.IMPOSSIBLE}, R, "完全不可能"),
    ("unreadable actual", "≥120次", "按进度执行", 6, {}, N, "无法读取为数值"),
    # deadlines
    ("deadline not due", "10月", "", 6, {"level2": TIME}, G, "尚未到期"),
    (
        "deadline not due but at risk",
        "10月",
        "",
        6,
        {"level2": TIME, "likelihood": Likelihood.POSSIBLE},
        Y,
        "有可能",
    ),
    ("deadline overdue", "≤5月", "", 6, {"level2": TIME}, R, "已到期仍未完成"),
    ("deadline due this month", "6月底", "", 6, {"level2": TIME}, R, "已到期"),
    ("deadline done on time", "10月", "5月", 6, {"level2": TIME}, G, "按期完成"),
    ("deadline done late", "≤3月", "4月", 6, {"level2": TIME}, R, "晚于期限"),
    ("deadline done (word)", "≤5月", "已完成", 6, {"level2": TIME}, G, "已完成"),
    ("calendar date not due", "2025年12月31日前", "", 6, {}, G, "2025年12月"),
    ("calendar date next year", "2026年3月前", "", 12, {}, G, "尚未到期"),
    ("calendar date overdue", "2025年5月前", "", 6, {}, R, "已到期"),
    ("range of months ends", "1-12月", "", 12, {"level2": TIME}, R, "12月"),
]


@pytest.mark.parametrize(
    ("target", "actual", "month", "extra", "light", "fragment"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_it_lights_an_indicator(
    target: str, actual: str, month: int, extra: dict[str, object], light: Light, fragment: str
) -> None:
    lit = row_light(_row(target, actual, **extra), 2025, month, S)  # type: ignore[arg-type]
    assert (lit.light, fragment in lit.explanation) == (light, True), lit.explanation


def test_the_table_has_at_least_thirty_indicator_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("target", "actual"), [("≥120次", "60个"), ("≤12万元", "5万册"), ("≥98%", "96分")]
)
def test_it_refuses_a_unit_mismatch_with_a_chinese_error(target: str, actual: str) -> None:
    with pytest.raises(MonitoringInputError, match=r"单位为.*与年度指标值.*不一致；请按"):
        read_value(parse_value(target), actual, "1–6月实际完成值", "指标")


def test_it_refuses_a_unit_mismatch_loaded_from_json() -> None:
    t = parse_value("≥120次")
    row = MonitoringRow(
        Level1.OUTPUT, Level2.QUANTITY, "次数", "≥120次", t, "60个", parse_value("60个")
    )
    with pytest.raises(MonitoringInputError, match="指标“次数”"):
        row_light(row, 2025, 6, S)


def _budget(month: int, executed: str | None, budget: str | None = "120") -> MonitoringReport:
    line = BudgetLine(
        FundSource.TOTAL,
        None if budget is None else Decimal(budget),
        None if executed is None else Decimal(executed),
    )
    return MonitoringReport(2025, "项目", month, budget=(line,))


BUDGET_CASES = [
    ("m=6 red", 6, "35", R, "e = 执行率 ÷ 序时进度 × 100 = 58.33"),
    ("m=6 yellow at 60", 6, "36", Y, "= 60，在60（含）至80"),
    ("m=6 green at 80", 6, "48", G, "= 80，在80（含）及以上"),
    ("m=6 green over", 6, "110", G, "183.33"),
    ("m=3 green", 3, "24", G, "序时进度 = 3 ÷ 12 = 25%"),
    ("m=3 red", 3, "12", R, "= 40"),
    ("m=9 yellow", 9, "70", Y, "77.78"),
    ("m=12 red", 12, "70", R, "58.33"),
    ("m=1 green", 1, "10", G, "= 100"),
    ("no execution entered", 6, None, N, "未填写"),
]


@pytest.mark.parametrize(
    ("month", "executed", "light", "fragment"),
    [pytest.param(*c[1:], id=c[0]) for c in BUDGET_CASES],
)
def test_it_lights_the_budget(
    month: int, executed: str | None, light: Light, fragment: str
) -> None:
    lit = budget_light(_budget(month, executed), S)
    assert (lit.light, fragment in lit.explanation) == (light, True), lit.explanation


def test_it_gives_no_budget_light_for_a_zero_budget() -> None:
    assert budget_light(_budget(6, "0", "0"), S).light is N


def test_the_project_light_is_the_worst_light() -> None:
    rows = (_row("≥120次", "72"), _row("≥120次", "45"), _row("长期", ""))
    report = MonitoringReport(
        2025, "项目", 6, budget=(BudgetLine(FundSource.TOTAL, Decimal(10), Decimal(5)),), rows=rows
    )
    lights = report_lights(report)
    assert [r.light for r in lights.rows] == [B, Y, N]
    assert (lights.target, lights.budget.light, lights.overall) == (Y, G, Y)
