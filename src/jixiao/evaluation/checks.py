"""The checks of a self-evaluation (lifecycle.md §6, E01–E10 and the issue's list).

Each check reads the form, the recomputed :class:`~jixiao.evaluation.scoring.EvaluationScore`
and the scoring policy; thresholds and tolerances come from ``evaluation.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from jixiao.evaluation.formulas import Formula, num, pct
from jixiao.evaluation.model import SelfEvaluation
from jixiao.evaluation.policy import ScoringPolicy, policy_for_year
from jixiao.evaluation.rules import CHECKS, EvaluationContext, EvaluationFinding, check, finding
from jixiao.evaluation.scoring import (
    EvaluationScore,
    execution_rate,
    rate_from_text,
    score_evaluation,
)
from jixiao.model import Declaration
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit

_ZERO = Decimal(0)
_NO_TEXT = frozenset({"", "无", "/", "—", "-", "——", "暂无"})
_ERROR, _WARN, _INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _has_text(text: str) -> bool:
    return "".join(text.split()) not in _NO_TEXT


@check(
    "E001",
    "budget-execution-invalid",
    _ERROR,
    "cz10-selfeval",
    "预算执行情况有误：{problem}。",
    "核对全年预算数、全年执行数与执行率：执行率 = 全年执行数 ÷ 全年预算数。",
)
def budget_execution_invalid(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        全年预算数应大于 0，全年执行数不应大于全年预算数，所填执行率应等于执行数 ÷ 预算数
        （误差见 evaluation_rate_tolerance）。
    为什么：
        预算执行率得 10 分，是自评总分的一部分；金额或比率填错，得分也随之错误。
    不合格示例：
        全年预算数: 20
        全年执行数: 19.6
        执行率: 90%
    合格示例：
        全年预算数: 20
        全年执行数: 19.6
        执行率: 98%
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表填报说明。
    """
    b = ctx.evaluation.budget
    if b.annual is None or b.annual <= 0:
        if b.annual is not None or not b.rate_text:
            yield ctx.hit(b.location, problem="全年预算数未填或不大于 0")
        return
    if b.executed is not None and b.executed > b.annual:
        yield ctx.hit(
            b.location, problem=f"全年执行数 {num(b.executed)} 大于全年预算数 {num(b.annual)}"
        )
    printed = rate_from_text(b.rate_text)
    computed = execution_rate(b)
    if printed is None or computed is None or b.executed is None:
        return
    if abs(printed - computed) > ctx.policy.rate_tolerance:
        yield ctx.hit(b.location, problem=f"执行率填为 {b.rate_text}，按金额应为 {pct(computed)}")


@check(
    "E002",
    "execution-score-mismatch",
    _ERROR,
    "cz10-selfeval",
    "预算执行率得分填为 {printed} 分，按 分值 × min(执行率, 100%) 应为 {expected} 分。",
    "预算执行率得分改为 {expected} 分（执行率超过 100% 的按 100% 计）。",
)
def execution_score_mismatch(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        预算执行率得分应等于 分值 × min(执行率, 100%)（误差见 evaluation_score_tolerance）。
    为什么：
        执行率超过 100% 不能多得分；手工计算常把执行率直接当得分或忘记封顶。
    不合格示例：
        预算得分: 10
    合格示例：
        预算得分: 9.8
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表填报说明（预算执行率权重 10%）。
    """
    b = ctx.evaluation.budget
    expected = ctx.score.budget.score
    if b.printed_score is None or ctx.score.budget.rate is None:
        return
    if abs(b.printed_score - expected) > ctx.policy.tolerance:
        yield ctx.hit(b.location, printed=b.printed_score, expected=expected)


@check(
    "E003",
    "indicator-score-mismatch",
    _ERROR,
    "cz10-selfeval",
    "“{name}”得分填为 {printed} 分，按计分规则应为 {expected} 分：{why}",
    "按计分规则把“{name}”的得分改为 {expected} 分，或更正实际完成值。",
)
def indicator_score_mismatch(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        每个指标所填得分应等于按其指标性质计算的得分（误差见 evaluation_score_tolerance）；
        定性指标的得分应在所选档次的范围之内。
    为什么：
        手工打分时常见“未完成却给满分”或超出档次范围，自评结果因此失真。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 30 | 两个社区停工
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 24 | 两个社区停工
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表填报说明（定量指标按比例记分，定性指标分三档）。
    """
    for row, result in ctx.rows():
        if row.printed_score is None or result.formula is Formula.UNSCORABLE:
            continue
        if abs(row.printed_score - result.score) > ctx.policy.tolerance:
            why = result.explanation
            yield ctx.row_hit(row, printed=row.printed_score, expected=result.score, why=why)


@check(
    "E004",
    "weights-not-100",
    _ERROR,
    "cz10-selfeval",
    "分值设置有误：{problem}。",
    "调整各指标分值，使预算执行率与全部指标的分值合计为 100，且每项分值大于 0。",
)
def weights_not_100(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        预算执行率分值与全部指标分值合计应为 100，每项分值应大于 0（单位自定分值时）。
    为什么：
        分值合计不是 100，总分就无法与等级标准（90/80/60）比较；分值为 0 的指标等于没有设置。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 40 | 40
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 30
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表填报说明
        （预算执行率 10%、产出 50%、效益 30%、满意度 10%）。
    """
    ev = ctx.evaluation
    if not ev.has_scores or not ev.rows or any(r.weight is None for r in ev.rows):
        return
    total = ev.budget.weight + sum((r.weight or _ZERO for r in ev.rows), _ZERO)
    if total != ctx.policy.execution_weight + ctx.policy.indicator_points:
        yield ctx.hit(ev.location, problem=f"分值合计为 {num(total)}，应为 100")
    for row in ev.rows:
        if row.weight is not None and row.weight <= 0:
            yield ctx.row_hit(row, problem=f"“{row.name}”的分值为 {num(row.weight)}，应大于 0")


@check(
    "E005",
    "actual-missing-or-other-unit",
    _ERROR,
    "cz101-values",
    "“{name}”的实际完成值无法计分：{problem}。",
    "按指标值“{target}”的单位填写“{name}”的实际完成值（定量指标填数值）。",
)
def actual_missing_or_other_unit(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        每个指标都应填写实际完成值；定量指标的完成值应是与指标值同单位的数值，
        不能写“完成”“达成预期指标”之类的文字，也不能换成另一个单位。
    为什么：
        完成值写成文字或换了单位，就无法与指标值比较、无法计分。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 完成 | 30 | 30
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 30
    依据：
        财预〔2021〕101号 指标取值（指标值应与指标名称、计量单位、指标性质相一致）。
    """
    for row, result in ctx.rows():
        if result.formula is Formula.UNSCORABLE:
            yield ctx.row_hit(row, problem=result.problem, target=row.target_text)


@check(
    "E006",
    "shortfall-unexplained",
    _ERROR,
    "cz10-selfeval",
    "{what}，但未填写偏差原因分析及改进措施。",
    "说明{what2}的原因和改进措施。",
)
def shortfall_unexplained(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        指标未达到年度指标值时应填写偏差原因分析及改进措施；预算执行率低于
        evaluation_execution_floor 时应说明原因。
    为什么：
        未完成的原因和整改措施是自评结果应用的依据，空着就无从整改。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 24
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 24 | 两个社区道路施工，服务暂停
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表（偏差原因分析及改进措施）。
    """
    ev = ctx.evaluation
    rate = ctx.score.budget.rate
    if rate is not None and rate < ctx.policy.execution_floor and not _has_text(ev.budget.reason):
        what = f"预算执行率 {pct(rate)} 低于 {pct(ctx.policy.execution_floor)}"
        yield ctx.hit(ev.budget.location, what=what, what2="预算执行率偏低")
    for row, result in ctx.rows():
        if result.below_target and row.actual is not None and not _has_text(row.deviation):
            what = f"“{row.name}”未达到指标值（{row.target_text}，完成 {row.actual_text}）"
            yield ctx.row_hit(row, what=what, what2=f"“{row.name}”未完成")


@check(
    "E007",
    "over-completion-unexplained",
    _WARN,
    "evaluation_over_completion_ratio",
    "“{name}”完成值 {actual} 达到指标值 {target} 的 {ratio}，超计划较大，未作说明。",
    "说明“{name}”超计划完成的原因；指标值可能定得偏低，下年度应调整。",
)
def over_completion_unexplained(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        完成值达到指标值的 evaluation_over_completion_ratio 及以上（指标值为 0 时达到
        evaluation_over_completion_zero）时应说明原因。
    为什么：
        大幅超额完成通常说明目标定得过低，申报时应当调整，而不是年年拿满分。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 200次 | 30 | 30
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 200次 | 30 | 30 | 新增两个流动站点，超计划完成
    依据：
        jixiao 自评实务：超计划完成的说明（参照省级一体化系统的做法）。
    """
    for row, result in ctx.rows():
        if result.over_completed and not _has_text(row.deviation):
            ratio = pct(result.ratio) if result.ratio is not None else "—"
            yield ctx.row_hit(row, actual=row.actual_text, target=row.target_text, ratio=ratio)


@check(
    "E008",
    "indicator-set-differs",
    _ERROR,
    "cz10-selfeval",
    "{problem}",
    "自评表的指标应与批复的绩效目标一致：名称与指标值照抄申报表。",
)
def indicator_set_differs(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        有批复的申报表时，自评表的三级指标名称与年度指标值应与申报表一致，不得增删或改动。
    为什么：
        自评是对批复目标的自评；改动指标或指标值就是改了考核标准。
    不合格示例：
        数量指标: 流动服务次数 | ≥100次 | 126次 | 30 | 30
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 30
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表（年度指标值按批复的绩效目标填列）。
    """
    decl = ctx.declaration
    if decl is None:
        return
    approved = {i.name: i.value_text for i in decl.indicators if not i.is_placeholder}
    seen = set()
    for row in ctx.evaluation.rows:
        seen.add(row.name)
        if row.name not in approved:
            yield ctx.row_hit(row, problem=f"“{row.name}”不在批复的绩效目标中")
        elif "".join(approved[row.name].split()) != "".join(row.target_text.split()):
            problem = f"“{row.name}”的指标值为“{row.target_text}”，批复为“{approved[row.name]}”"
            yield ctx.row_hit(row, problem=problem)
    for name in approved.keys() - seen:
        yield ctx.hit(problem=f"批复的指标“{name}”未出现在自评表中")


@check(
    "E009",
    "scores-out-of-line-with-spending",
    _WARN,
    "evaluation_spending_gap",
    "{problem}",
    "核对指标得分是否与资金使用情况相称，必要时说明原因。",
)
def scores_out_of_line_with_spending(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        指标得分率比预算执行得分率高出 evaluation_spending_gap（相对值）以上，或未执行资金
        超过全年预算数的 evaluation_unspent_share 时提示。
    为什么：
        钱没花出去，目标却全部完成，往往说明完成值填得不实或目标定得过低（一体化系统的“报表灯”）。
    不合格示例：
        全年执行数: 12
        执行率: 60%
        预算得分: 6
        总分: 96
        原因: 部分采购延至下年
    合格示例：
        全年执行数: 19.6
    依据：
        jixiao 自评实务（参照省级一体化系统的报表灯做法）。
    """
    s, p = ctx.score, ctx.policy
    budget_share = s.budget.score / s.budget.weight if s.budget.weight else _ZERO
    if s.rows and p.indicator_points and s.indicator_total > 0:
        indicator_share = s.indicator_total / p.indicator_points
        gap = (indicator_share - budget_share) / indicator_share
        if gap > p.spending_gap:
            problem = (
                f"指标得分率 {pct(indicator_share)} 比预算执行得分率 {pct(budget_share)} "
                f"高出 {pct(gap)}（相对），得分与支出不相称"
            )
            yield ctx.hit(ctx.evaluation.location, problem=problem)
    b = ctx.evaluation.budget
    if b.annual and b.annual > 0 and b.executed is not None:
        unspent = (b.annual - b.executed) / b.annual
        if unspent > p.unspent_share:
            yield ctx.hit(b.location, problem=f"未执行资金占全年预算数的 {pct(unspent)}")


@check(
    "E010",
    "closing-texts-missing",
    _WARN,
    "evaluation_text_limit",
    "{label}{problem}。",
    "填写{label}（不超过 {limit} 字）。",
)
def closing_texts_missing(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        评价结论、存在问题、改进措施应填写，且各不超过 evaluation_text_limit 字。
    为什么：
        分数之外，结论与问题是自评报告的主体，也是主管部门和财政审核的依据。
    不合格示例：
        存在问题:
    合格示例：
        存在问题: 偏远村组服务频次偏低。
    依据：
        jixiao 自评实务（参照四川省自评表的填报要求）。
    """
    ev, limit = ctx.evaluation, ctx.policy.text_limit
    if not ev.has_scores:
        return
    for label, text in (
        ("评价结论", ev.conclusion),
        ("存在问题", ev.problems),
        ("改进措施", ev.measures),
    ):
        if not _has_text(text):
            yield ctx.hit(ev.location, label=label, problem="未填写", limit=limit)
        elif len(text) > limit:
            yield ctx.hit(
                ev.location, label=label, problem=f"有 {len(text)} 字，超过 {limit} 字", limit=limit
            )


@check(
    "E011",
    "score-above-weight",
    _ERROR,
    "cz10-selfeval",
    "“{name}”得分 {printed} 分高于其分值 {weight} 分。",
    "“{name}”的得分不能超过分值 {weight} 分。",
)
def score_above_weight(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        任何一项（含预算执行率）的得分都不能高于它的分值。
    为什么：
        超额完成也只得满分；得分高于分值会抬高总分和等级。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 32
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 126次 | 30 | 30
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表填报说明（达到或超过指标值的记该指标所赋全部分值）。
    """
    b = ctx.evaluation.budget
    if b.printed_score is not None and b.printed_score > b.weight:
        yield ctx.hit(b.location, name="预算执行率", printed=b.printed_score, weight=b.weight)
    for row, result in ctx.rows():
        if row.printed_score is not None and row.printed_score > result.weight:
            yield ctx.row_hit(row, printed=row.printed_score, weight=result.weight)


@check(
    "E012",
    "full-marks-beside-deviation",
    _WARN,
    "cz10-selfeval",
    "“{name}”得满分 {printed} 分，却填写了偏差原因“{deviation}”。",
    "指标有偏差时按完成比例或档次扣分；确无偏差的删去偏差原因。",
)
def full_marks_beside_deviation(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        一个指标既得满分又写了偏差原因分析时提示。
    为什么：
        有偏差就说明没有完全达成；“满分加偏差原因”是自评中常见的虚高。
    不合格示例：
        质量指标: 图书完好率 | ≥95% | 97% | 20 | 20 | 部分图书破损
    合格示例：
        质量指标: 图书完好率 | ≥95% | 97% | 20 | 20
    依据：
        财预〔2020〕10号 附件 项目支出绩效自评表（偏差原因分析及改进措施）。
    """
    for row, result in ctx.rows():
        full = row.printed_score is not None and row.printed_score >= result.weight
        if full and _has_text(row.deviation) and not result.over_completed:
            yield ctx.row_hit(row, printed=row.printed_score, deviation=row.deviation)


@check(
    "E013",
    "printed-total-not-sum",
    _ERROR,
    "evaluation_score_tolerance",
    "总分印为 {printed} 分，而预算执行率与各指标的得分合计为 {sum} 分，相差 {diff} 分。",
    "总分应等于预算执行率得分加各指标得分。",
)
def printed_total_not_sum(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        所印总分应等于表中预算执行率得分与各指标得分之和（误差见 evaluation_score_tolerance）。
    为什么：
        已公开的自评表里，总分与各行得分对不上的情况并不少见，说明表是手工加总的。
    不合格示例：
        总分: 98
    合格示例：
        总分: 99.8
    依据：
        jixiao 自评实务：得分合计 = 预算得分 + Σ 指标得分。
    """
    ev = ctx.evaluation
    scores = [r.printed_score for r in ev.rows]
    if ev.printed_total is None or any(s is None for s in scores) or not scores:
        return
    parts = sum((s for s in scores if s is not None), _ZERO)
    total = parts + (ev.budget.printed_score or _ZERO)
    if abs(total - ev.printed_total) > ctx.policy.tolerance:
        diff = abs(total - ev.printed_total)
        yield ctx.hit(ev.location, printed=ev.printed_total, sum=total, diff=diff)


@check(
    "E014",
    "total-differs-from-recomputed",
    _WARN,
    "evaluation_score_tolerance",
    "总分印为 {printed} 分，按计分规则重新计算为 {expected} 分（{grade}），相差 {diff} 分。",
    "按重新计算的各项得分更正总分。",
)
def total_differs_from_recomputed(ctx: EvaluationContext) -> Iterator[Hit]:
    """
    检查内容：
        所印总分与按计分规则重新计算的总分相差超过 evaluation_score_tolerance 时提示。
    为什么：
        重新计算逐项解释了每一分的来历；两者不一致时，应以有依据的计算为准并说明差异。
    不合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 30 | 两个社区停工
    合格示例：
        数量指标: 流动服务次数 | ≥120次 | 96次 | 30 | 24 | 两个社区停工
        总分: 93.8
    依据：
        jixiao 自评实务：得分逐项重新计算。
    """
    s = ctx.score
    if s.printed_total is None:
        return
    diff = s.printed_total - s.total
    if abs(diff) > ctx.policy.tolerance:
        yield ctx.hit(
            ctx.evaluation.location,
            printed=s.printed_total,
            expected=s.total,
            grade=s.grade,
            diff=abs(diff),
        )


def run_checks(
    ev: SelfEvaluation,
    score: EvaluationScore | None = None,
    policy: ScoringPolicy | None = None,
    declaration: Declaration | None = None,
    codes: Iterable[str] | None = None,
) -> list[EvaluationFinding]:
    """Every registered check (or those in ``codes``) on one self-evaluation, in code order."""
    policy = policy or policy_for_year(ev.year)
    score = score or score_evaluation(ev, policy)
    ctx = EvaluationContext(ev, score, policy, declaration)
    chosen = sorted(CHECKS) if codes is None else sorted(codes)
    day = policy.day
    return [finding(CHECKS[c], hit, day) for c in chosen for hit in CHECKS[c].check(ctx)]


__all__ = ["CHECKS", "run_checks"]
