"""The monitoring checks M01–M07 (lifecycle §6, "Rules worth automating").

Each check reads a :class:`~jixiao.monitoring.registry.ReportContext` and yields one hit per
defect. Thresholds come from the monitoring policy; no literal lives here.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.monitoring.build import FORECAST_LABEL
from jixiao.monitoring.entry import amount
from jixiao.monitoring.lights import num
from jixiao.monitoring.registry import Hit, ReportContext, check
from jixiao.monitoring.vocab import Cause, Light, Likelihood
from jixiao.review.finding import Severity
from jixiao.values import Direction

_WARNING_LIGHTS = (Light.RED, Light.YELLOW)


def _explained(causes: tuple[Cause, ...], text: str) -> bool:
    return bool(causes) or bool(text.strip())


@check(
    "M01",
    "at-risk-without-analysis",
    Severity.ERROR,
    "cz136-monitoring",
    "指标“{name}”的完成目标可能性为“{likelihood}”，但未填写{missing}",
    "填写全年预计完成值、勾选偏差原因并写明纠偏措施",
)
def at_risk_without_analysis(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    完成目标可能性为“有可能”或“完全不可能”的指标，是否填写了全年预计完成值、偏差原因和纠偏措施。

    为什么：
    可能完不成的目标正是监控要抓住的；没有预计值、原因和措施，财政部门无法判断是纠偏、调整目标还是收回资金。

    不合格示例：
    行 流动服务次数: 实际=30; 可能性=有可能; 预计=; 原因=; 措施=

    合格示例：
    行 流动服务次数: 实际=30; 可能性=有可能; 预计=100次; 原因=经费保障; 措施=下半年增加服务班次

    依据：
    财预〔2019〕136号附件《项目支出绩效目标执行监控表》填表说明；一体化系统“全年预计完成情况为必录项”的校验。
    """
    for n, row in enumerate(ctx.report.rows):
        if row.likelihood is None or not row.likelihood.at_risk:
            continue
        missing = [
            label
            for label, empty in (
                (FORECAST_LABEL, not row.forecast_text),
                ("偏差原因", not _explained(row.causes, row.cause_text)),
                ("纠偏措施", not row.measures),
            )
            if empty
        ]
        if missing:
            yield Hit(
                {
                    "name": row.name,
                    "likelihood": row.likelihood.value,
                    "missing": "、".join(missing),
                },
                n,
            )


@check(
    "M02",
    "other-cause-without-text",
    Severity.ERROR,
    "cz136-monitoring",
    "指标“{name}”勾选了偏差原因“其他”，但未写明具体原因",
    "在偏差原因说明中写明“其他”指什么",
)
def other_cause_without_text(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    偏差原因勾选“其他”时，偏差原因说明是否填写。

    为什么：
    “其他”本身不说明任何问题；不写明原因，审核人无法判断偏差是否合理。

    不合格示例：
    行 流动服务次数: 原因=其他; 原因说明=

    合格示例：
    行 流动服务次数: 原因=其他; 原因说明=流动服务车辆年检停运一个月

    依据：
    财预〔2019〕136号附件填表说明（对偏差逐项分析并说明原因）。
    """
    for n, row in enumerate(ctx.report.rows):
        if Cause.OTHER in row.causes and not row.cause_text.strip():
            yield Hit({"name": row.name}, n)


@check(
    "M03",
    "warning-light-with-certain",
    Severity.WARNING,
    "cz136-monitoring",
    "指标“{name}”亮{light}，但完成目标可能性填为“确定能”",
    "核实完成目标可能性，或在备注中说明下半年如何追上进度",
)
def warning_light_with_certain(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    亮红灯或黄灯的指标，完成目标可能性是否仍填“确定能”。

    为什么：
    进度明显落后却声称确定能完成，往往是照抄上期或未认真分析；应核实或说明追赶计划。

    不合格示例：
    行 流动服务次数: 实际=30; 可能性=确定能

    合格示例：
    行 流动服务次数: 实际=30; 可能性=有可能; 预计=100次; 原因=经费保障; 措施=下半年增加服务班次

    依据：
    财预〔2019〕136号附件填表说明（完成目标可能性对应实现绩效目标的路径综合判断）。
    """
    for n, (row, lit) in enumerate(zip(ctx.report.rows, ctx.lights.rows, strict=True)):
        if lit.light in _WARNING_LIGHTS and row.likelihood is Likelihood.CERTAIN:
            yield Hit({"name": row.name, "light": lit.light.value}, n)


@check(
    "M04",
    "low-forecast-execution-unexplained",
    Severity.WARNING,
    "forecast_execution_floor",
    "全年预计执行数{forecast}万元仅为年度预算数{budget}万元的{rate}%（低于{floor}%），未说明原因",
    "填写预算执行偏差原因，或核实全年预计执行数",
)
def low_forecast_execution_unexplained(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    全年预计执行率低于下限（默认90%）时，是否填写了预算执行偏差原因。

    为什么：
    预计年底仍有大量资金未支出，是调减或收回资金的依据；单位应说明原因。

    不合格示例：
    预计执行数: 15

    合格示例：
    预计执行数: 15
    预算偏差原因: 政府采购项目流标，重新招标后预计节约资金5万元

    依据：
    财预〔2020〕10号附件填表说明（预算执行率低于90%须说明原因）。
    """
    line, floor = ctx.report.total, ctx.settings.forecast_execution_floor
    rate = line.forecast_rate
    if rate is None or rate >= floor or ctx.report.budget_cause.strip():
        return
    assert line.forecast is not None and line.budget is not None
    yield Hit(
        {
            "forecast": num(line.forecast),
            "budget": num(line.budget),
            "rate": num(rate),
            "floor": num(floor),
        }
    )


@check(
    "M05",
    "forecast-overshoot",
    Severity.INFO,
    "forecast_overshoot",
    "指标“{name}”全年预计完成值{forecast}达到年度指标值{target}的{ratio}%（≥{limit}%），目标可能设置偏低",
    "核实预计值；目标确实偏低的，下年度申报时提高指标值",
)
def forecast_overshoot(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    正向定量指标的全年预计完成值是否达到年度指标值的130%及以上。

    为什么：
    大幅超额完成通常说明目标设置偏低（“易达标”），是下年度审核目标的线索。

    不合格示例：
    行 流动服务次数: 预计=160次

    合格示例：
    行 流动服务次数: 预计=130

    依据：
    财预〔2020〕10号附件填表说明（实际完成值超过年度指标值130%以上须说明原因）。
    """
    limit = ctx.settings.forecast_overshoot
    for n, row in enumerate(ctx.report.rows):
        t, f = row.target, row.forecast
        if t.direction is not Direction.POSITIVE or not f.is_quantitative or t.is_date:
            continue
        tn, fn = amount(t), amount(f)
        if tn is None or fn is None or tn <= 0:
            continue
        ratio = fn / tn * 100
        if ratio >= limit:
            args = {"name": row.name, "forecast": row.forecast_text, "target": row.target_text}
            yield Hit({**args, "ratio": num(ratio), "limit": num(limit)}, n)


@check(
    "M06",
    "warning-light-unexplained",
    Severity.ERROR,
    "cz136-followup",
    "{what}亮{light}，但未填写偏差原因",
    "勾选偏差原因并写明说明；预算执行落后的，填写预算执行偏差原因",
)
def warning_light_unexplained(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    亮红灯或黄灯的指标和预算执行，是否填写了偏差原因。

    为什么：
    只有不是绿灯的地方才需要解释；要求处处说明会让监控流于形式，而红黄灯处不说明则无法纠偏。

    不合格示例：
    行 新增图书数量: 实际=500; 可能性=有可能; 预计=1800册; 措施=下半年集中采购

    合格示例：
    行 新增图书数量: 实际=500; 可能性=有可能; 预计=1800册; 原因=制度保障; 措施=下半年集中采购

    依据：
    财预〔2019〕136号 监控结果应用（对偏离绩效目标的及时纠偏并说明原因）。
    """
    for n, (row, lit) in enumerate(zip(ctx.report.rows, ctx.lights.rows, strict=True)):
        if lit.light in _WARNING_LIGHTS and not _explained(row.causes, row.cause_text):
            yield Hit({"what": f"指标“{row.name}”", "light": lit.light.value}, n)
    budget = ctx.lights.budget.light
    if budget in _WARNING_LIGHTS and not ctx.report.budget_cause.strip():
        yield Hit({"what": "预算执行", "light": budget.value})


@check(
    "M07",
    "no-light-possible",
    Severity.ERROR,
    "cz136-monitoring",
    "指标“{name}”无法亮灯：{reason}",
    "填写1–m月实际完成值（定性指标填达成目标、部分达成目标并具有一定效果或未达成目标且效果较差），或填写完成目标可能性",
)
def no_light_possible(ctx: ReportContext) -> Iterator[Hit]:
    """检查内容：
    每个指标是否都能亮灯：定量指标填了可读的1–m月实际完成值，定性指标填了完成情况或完成目标可能性。

    为什么：
    没有灯的指标在汇总中消失，财政部门看不到它的进度。

    不合格示例：
    行 服务基层读者人次: 实际=; 可能性=

    合格示例：
    行 服务基层读者人次: 实际=; 可能性=确定能

    依据：
    财预〔2019〕136号附件（逐项填报1–m月执行情况和完成目标可能性）。
    """
    for n, (row, lit) in enumerate(zip(ctx.report.rows, ctx.lights.rows, strict=True)):
        if lit.light is Light.GREY:
            yield Hit({"name": row.name, "reason": lit.explanation}, n)
