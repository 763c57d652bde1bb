"""Warning lights (预警灯) of one monitoring report: pure functions over the model.

Per indicator, with T = 年度指标值, A = 1–m月实际完成值, m = cut-off month (lifecycle §1.3):

- positive (≥ ＞) and exact (＝, a bare number), T > 0: r = A ÷ (T × m ÷ 12) × 100 against the
  bands of ``indicator_light_bands`` (red < 60 ≤ yellow < 80 ≤ green < 120 ≤ blue); rates
  (units in ``unpaced_units``, such as %) compare A with T itself (r = A ÷ T × 100);
- T = 0: ≥0 is met by any A ≥ 0, ＞0 by A > 0, ＝0 by A = 0 (green, else red);
- reverse (≤ ＜): green when A ≤ T (A < T), else red — a ceiling holds at any time;
- deadlines (a 时效 month or a calendar date): green when done by the deadline or not yet
  due at the cut-off, red when done late or overdue;
- qualitative: the 1–m月 completion label (达成目标 …) by ``progress_lights``, else the
  完成目标可能性 answer by ``likelihood_lights``; the same answer lights a row whose value
  cannot be computed; with neither, no light (无法判定).

Budget: e = (E ÷ B) ÷ (m ÷ 12) × 100 against ``budget_light_bands`` (red < 60 ≤ yellow < 80 ≤
green). The project light is the worst light (red > yellow > green > blue).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import Level2
from jixiao.monitoring.build import actual_label
from jixiao.monitoring.entry import amount, canonical_unit, check_unit, read_progress
from jixiao.monitoring.model import MONTHS_PER_YEAR, MonitoringReport, MonitoringRow
from jixiao.monitoring.policy import Settings, settings_for
from jixiao.monitoring.vocab import Light, Pacing, Progress, worst
from jixiao.values import MONTH_UNITS, Direction, IndicatorValue, Operator, ValueKind

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
#: Qualitative answers that say a deadline task is done.
DONE_TERMS = frozenset(
    {"完成", "全部完成", "按时完成", "按期完成", "已完成", "及时", "按时", "按期"}
)


@dataclass(frozen=True, slots=True)
class Lit:
    """One light with its Chinese explanation and, where computed, its ratio in percent."""

    light: Light
    explanation: str
    ratio: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ReportLights:
    """Every light of a report: one per row, the budget light, the target and project lights."""

    rows: tuple[Lit, ...]
    budget: Lit
    target: Light  #: worst indicator light
    overall: Light  #: worst of the target and budget lights

    @property
    def any_red(self) -> bool:
        return self.overall is Light.RED


def num(value: Decimal) -> str:
    """A number for explanations: two decimals at most, no trailing zeros.

    >>> num(Decimal("68.571428")), num(Decimal("100.00")), num(Decimal("0.5"))
    ('68.57', '100', '0.5')
    """
    text = format(value.quantize(_CENT), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def band(ratio: Decimal, s: Settings, *, blue: bool = True) -> tuple[Light, str]:
    """The light of a ratio (percent) and the band it falls in, as text."""
    red, yellow = (
        (s.red_below, s.yellow_below) if blue else (s.budget_red_below, s.budget_yellow_below)
    )
    if ratio < red:
        return Light.RED, f"低于{num(red)}"
    if ratio < yellow:
        return Light.YELLOW, f"在{num(red)}（含）至{num(yellow)}之间"
    if blue and ratio >= s.blue_from:
        return Light.BLUE, f"达到{num(s.blue_from)}及以上，超序时进度"
    upper = f"至{num(s.blue_from)}之间" if blue else "及以上"
    return Light.GREEN, f"在{num(yellow)}（含）{upper}"


def _from_answer(row: MonitoringRow, s: Settings, why: str) -> Lit:
    """Light a row from its qualitative completion label or its likelihood answer."""
    progress = read_progress(row.actual)
    if progress is not None:
        light = s.progress_lights[progress]
        return Lit(light, f"{why}完成情况为“{progress.value}”，亮{light.value}")
    if row.likelihood is not None:
        light = s.likelihood_lights[row.likelihood]
        return Lit(light, f"{why}完成目标可能性为“{row.likelihood.value}”，亮{light.value}")
    return Lit(Light.GREY, f"{why}无完成情况或完成目标可能性可依，无法亮灯")


def _is_deadline(row: MonitoringRow) -> bool:
    t = row.target
    return t.unit in MONTH_UNITS and (t.is_date or row.level2 is Level2.TIMELINESS)


def _deadline(row: MonitoringRow, year: int | None, month: int, s: Settings) -> Lit:
    t, a = row.target, row.actual
    due_month = t.upper if t.operator is Operator.RANGE and t.upper is not None else t.number
    assert due_month is not None
    due = (t.year or year or 0, int(due_month))
    shown = f"{t.year}年{due[1]}月" if t.year else f"{due[1]}月"
    strict = t.operator is Operator.LT
    if a.is_quantitative and a.unit in MONTH_UNITS and a.number is not None:
        done = (a.year or year or 0, int(a.number))
        on_time = done < due if strict else done <= due
        light = Light.GREEN if on_time else Light.RED
        verdict = "按期完成" if on_time else "晚于期限完成"
        return Lit(light, f"期限为{shown}，{done[1]}月完成，{verdict}，亮{light.value}")
    if a.term in DONE_TERMS or read_progress(a) is Progress.MET:
        return Lit(Light.GREEN, f"期限为{shown}，截至{month}月已完成，亮绿灯")
    cutoff = (year or due[0], month)
    if cutoff < due:
        if row.likelihood is not None and row.likelihood.at_risk:
            return _from_answer(row, s, f"期限为{shown}，截至{month}月尚未到期；")
        return Lit(Light.GREEN, f"期限为{shown}，截至{month}月尚未到期，亮绿灯")
    return Lit(Light.RED, f"期限为{shown}，截至{month}月已到期仍未完成，亮红灯")


def shown(t: IndicatorValue, value: Decimal) -> str:
    """An amount in base units shown in the target's scale and unit: 60000 → 6万元."""
    scale = t.scale.value if t.scale else ""
    return f"{num(value / t.scale.factor) if t.scale else num(value)}{scale}{t.unit}"


def _reverse(t: IndicatorValue, tn: Decimal, an: Decimal) -> Lit:
    strict = t.operator is Operator.LT
    ok = an < tn if strict else an <= tn
    sign = "<" if strict else "≤"
    if ok:
        return Lit(Light.GREEN, f"反向指标：A = {shown(t, an)} {sign} T = {shown(t, tn)}，亮绿灯")
    return Lit(Light.RED, f"反向指标：A = {shown(t, an)}，超过上限 T {sign} {shown(t, tn)}，亮红灯")


def _zero(t: IndicatorValue, an: Decimal) -> Lit:
    ok = {Operator.GE: an >= 0, Operator.GT: an > 0}.get(t.operator or Operator.EQ, an == 0)
    sign = (t.operator or Operator.EQ).value
    light = Light.GREEN if ok else Light.RED
    met = "满足" if ok else "不满足"
    return Lit(light, f"年度指标值为0：A = {num(an)}{t.unit}，{met}“{sign}0”，亮{light.value}")


def _paced(row: MonitoringRow, tn: Decimal, an: Decimal, month: int, s: Settings) -> Lit:
    t = row.target
    factor = t.scale.factor if t.scale else Decimal(1)
    ts, as_ = num(tn / factor), num(an / factor)
    pacing = row.pacing or (
        Pacing.NONE if canonical_unit(t.unit) in s.unpaced_units else Pacing.LINEAR
    )
    if pacing is Pacing.NONE:
        ratio = an / tn * HUNDRED
        formula = f"r = A ÷ T × 100 = {as_} ÷ {ts} × 100 = {num(ratio)}"
        note = "（不按序时进度）"
    else:
        ratio = an / (tn * month / MONTHS_PER_YEAR) * HUNDRED
        formula = f"r = A ÷ (T × m ÷ 12) × 100 = {as_} ÷ ({ts} × {month} ÷ 12) × 100 = {num(ratio)}"
        note = ""
    light, where = band(ratio, s)
    return Lit(light, f"序时完成度{note}{formula}，{where}，亮{light.value}", ratio)


def row_light(row: MonitoringRow, year: int | None, month: int, s: Settings) -> Lit:
    """The light of one indicator row at cut-off ``month``.

    Raises :class:`~jixiao.monitoring.entry.MonitoringInputError` when the actual's unit
    differs from the target's.
    """
    t, a = row.target, row.actual
    if t.kind is ValueKind.QUALITATIVE:
        return _from_answer(row, s, "定性指标：")
    if not t.is_quantitative or t.number is None:
        return _from_answer(row, s, "年度指标值缺失或无法识别；")
    if _is_deadline(row):
        return _deadline(row, year, month, s)
    if not a.is_quantitative or a.number is None:
        why = "未填写" if not row.actual_text else f"“{row.actual_text}”无法读取为数值"
        return _from_answer(row, s, f"{actual_label(month)}{why}；")
    check_unit(t, a, f"指标“{row.name}”的{actual_label(month)}“{row.actual_text}”")
    tn, an = amount(t), amount(a)
    assert tn is not None and an is not None
    if t.direction is Direction.REVERSE:
        return _reverse(t, tn, an)
    if tn == 0:
        return _zero(t, an)
    return _paced(row, tn, an, month, s)


def budget_light(report: MonitoringReport, s: Settings) -> Lit:
    """e = (E ÷ B) ÷ (m ÷ 12) × 100 on the 年度资金总额 row."""
    line, m = report.total, report.month
    if line.budget is None or line.executed is None:
        return Lit(Light.GREY, f"未填写年度预算数或{report.period}执行数，无法计算预算执行预警")
    if line.budget == 0:
        return Lit(Light.GREY, "年度预算数为0，无法计算预算执行率")
    rate = line.executed / line.budget * HUNDRED
    ratio = rate / (Decimal(m) / MONTHS_PER_YEAR)
    light, where = band(ratio, s, blue=False)
    text = (
        f"执行率 = E ÷ B × 100 = {num(line.executed)} ÷ {num(line.budget)} × 100 = {num(rate)}%，"
        f"序时进度 = {m} ÷ 12 = {num(report.time_progress)}%，"
        f"e = 执行率 ÷ 序时进度 × 100 = {num(ratio)}，{where}，亮{light.value}"
    )
    return Lit(light, text, ratio)


def report_lights(report: MonitoringReport, s: Settings | None = None) -> ReportLights:
    """Every light of ``report`` under the settings of its year and region."""
    s = s or settings_for(report.year, report.region)
    rows = tuple(row_light(r, report.year, report.month, s) for r in report.rows)
    budget = budget_light(report, s)
    target = worst([r.light for r in rows])
    return ReportLights(rows, budget, target, worst([target, budget.light]))


__all__ = ["Lit", "ReportLights", "band", "budget_light", "num", "report_lights", "row_light"]
