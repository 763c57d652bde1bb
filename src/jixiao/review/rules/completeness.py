"""完整性: required header fields, required 二级 groups, a tree the profile knows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Level1, Requirement, level1_of
from jixiao.review.context import BENEFIT_GROUPS, FormContext
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule

_C = Dimension.COMPLETENESS
_OPTIONAL = Requirement.OPTIONAL
_GOAL_NUMBER = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?\s*(?:万元|元|万|%|个|次|人|件|册|台|条|天|日)")


def _blank(text: str) -> bool:
    return not text.strip()


@rule(
    "C101",
    "missing-project-name",
    Severity.BLOCK,
    _C,
    "gz88-completeness",
    "未填写项目名称，无法识别申报项目。",
    "按项目库中的名称填写“项目名称”。",
)
def missing_project_name(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “项目名称”是否填写。
    为什么：
        没有项目名称的申报表无法与项目库、预算对应，审核无从开展。
    不合格示例：
        项目名称:
    合格示例：
        项目名称: 城市图书馆流动服务经费
    依据：
        财预〔2015〕88号第三章“完整性审核”：绩效目标的内容是否完整。
    """
    if _blank(ctx.decl.project_name):
        yield ctx.hit()


@rule(
    "C102",
    "missing-department",
    Severity.ERROR,
    _C,
    "gz88-completeness",
    "“{project}”未填写主管部门。",
    "填写“主管部门及代码”中的主管部门名称。",
)
def missing_department(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “主管部门及代码”中的主管部门名称是否填写。
    为什么：
        两级审核中由主管部门先行审核，主管部门空白时无法确定审核责任主体。
    不合格示例：
        主管部门:
    合格示例：
        主管部门: 银川市人民政府办公室
    依据：
        财预〔2015〕88号第三章“完整性审核”；申报表表头栏目。
    """
    if _blank(ctx.decl.department.name):
        yield ctx.hit()


@rule(
    "C103",
    "missing-implementer",
    Severity.ERROR,
    _C,
    "gz88-completeness",
    "“{project}”未填写实施单位。",
    "填写负责项目实施的单位全称。",
)
def missing_implementer(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “实施单位”是否填写。
    为什么：
        实施单位是绩效目标的责任主体，空白时目标无人承担。
    不合格示例：
        实施单位:
    合格示例：
        实施单位: 银川市图书馆
    依据：
        财预〔2015〕88号第三章“完整性审核”；申报表表头栏目。
    """
    if _blank(ctx.decl.implementer.name):
        yield ctx.hit()


@rule(
    "C104",
    "missing-attribute",
    Severity.ERROR,
    _C,
    "gz88-completeness",
    "“{project}”未填写项目属性。",
    "在“项目属性”中填写经常性项目、延续性项目、新增项目等。",
)
def missing_attribute(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “项目属性”是否填写。
    为什么：
        项目属性决定审核重点（新增项目重点审核立项依据，延续性项目重点审核以前年度绩效）。
    不合格示例：
        项目属性:
    合格示例：
        项目属性: 延续性项目
    依据：
        财预〔2015〕88号第三章“完整性审核”；申报表表头栏目。
    """
    if _blank(ctx.decl.attribute):
        yield ctx.hit()


@rule(
    "C105",
    "unknown-attribute",
    Severity.WARNING,
    _C,
    "allowed_attributes",
    "“{project}”的项目属性“{attribute}”不在规定范围内（{allowed}）。",
    "将项目属性改为规定的类别之一：{allowed}。",
)
def unknown_attribute(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        已填写的“项目属性”是否属于政策数据 allowed_attributes 列出的类别。
    为什么：
        自拟的属性（如“常规项目”）无法归类统计，也无法确定适用的审核重点。
    不合格示例：
        项目属性: 常规项目
    合格示例：
        项目属性: 经常性项目
    依据：
        财预〔2015〕88号第三章“完整性审核”；政策数据 allowed_attributes。
    """
    allowed = ctx.policy.words("allowed_attributes")
    attribute = ctx.decl.attribute.strip()
    if attribute and attribute not in allowed:
        yield ctx.hit(attribute=attribute, allowed="、".join(allowed))


@rule(
    "C106",
    "missing-period",
    Severity.ERROR,
    _C,
    "gz88-completeness",
    "“{project}”未填写项目期。",
    "填写项目实施期，如“2025年”。",
)
def missing_period(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “项目期”是否填写。
    为什么：
        没有项目期就无法判断指标能否在期内完成（可行性审核）。
    不合格示例：
        项目期:
    合格示例：
        项目期: 2025年
    依据：
        财预〔2015〕88号第三章“完整性审核”“可行性审核”。
    """
    if _blank(ctx.decl.period):
        yield ctx.hit()


@rule(
    "C107",
    "missing-annual-total",
    Severity.BLOCK,
    _C,
    "gz88-completeness",
    "“{project}”未填写年度资金总额（或为0），无法审核资金与目标是否匹配。",
    "填写“年度资金总额”（万元）。",
)
def missing_annual_total(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “年度资金总额”是否填写且大于0。
    为什么：
        资金规模是适当性审核的基础；没有金额的绩效目标不能纳入项目库。
    不合格示例：
        年度资金总额:
    合格示例：
        年度资金总额: 20
    依据：
        财预〔2015〕88号第三章“完整性审核”“适当性审核”。
    """
    total = ctx.decl.funding.annual_total
    if total is None or total <= 0:
        yield ctx.hit(ctx.decl.funding.location)


@rule(
    "C108",
    "missing-goal",
    Severity.ERROR,
    _C,
    "gz88-completeness",
    "“{project}”未填写年度总体目标。",
    "概括说明本年度做什么、为谁做、做多少、达到什么效果。",
)
def missing_goal(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “年度总体目标”是否填写。
    为什么：
        总体目标说明资金用途和预期效果，是判断指标是否相关的依据。
    不合格示例：
        年度总体目标:
    合格示例：
        年度总体目标: 本项目经费20万元，用于流动图书车服务，全年服务不少于120次。
    依据：
        财预〔2015〕88号第三章“完整性审核”。
    """
    if _blank(ctx.decl.annual_goal):
        yield ctx.hit()


@rule(
    "C109",
    "missing-required-group",
    Severity.ERROR,
    _C,
    "gz88-indicators",
    "“{group}”为{requirement}项，但未填写任何指标。",
    "在“{group}”下至少设置一项{requirement}的三级指标。",
)
def missing_required_group(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        按表内注记（或审核配置）为“必填”“必填量化”的二级指标下是否至少有一项真实指标
        （只有「无」不算）。表上注明“选填”的可以填「无」。
    为什么：
        缺少必填的二级指标，绩效目标就不完整，无法全面衡量产出和效果。
    不合格示例：
        删除: 成本指标
    合格示例：
        经济效益指标（选填）: 无 = 无
    依据：
        财预〔2015〕88号第二章“绩效指标”；银川市附件2模板注记（必填量化）（必填）（选填）。
    """
    present = ctx.present
    groups = {g.level2: g for g in ctx.decl.groups}
    for level2, default in ctx.profile.requirements.items():
        group = groups.get(level2)
        requirement = group.requirement if group and group.requirement else default
        if requirement is not _OPTIONAL and level2 not in present:
            level1 = level1_of(level2, ctx.profile.tree)
            yield ctx.group_hit(level2, level1, requirement=requirement)


@rule(
    "C110",
    "no-benefit-indicator",
    Severity.ERROR,
    _C,
    "gz88-indicators",
    "“{project}”的效益指标全部为「无」，未说明项目产生的效益。",
    "至少在社会效益、经济效益、生态效益或可持续影响指标中设置一项可衡量的指标。",
)
def no_benefit_indicator(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        效益指标（经济、社会、生态效益和可持续影响）中是否至少有一项真实指标。
    为什么：
        绩效目标须说明预期效果；只有产出没有效益，无法判断资金花得值不值。
    不合格示例：
        社会效益指标: 无 = 无
        可持续影响指标: 无 = 无
    合格示例：
        社会效益指标: 无 = 无
        可持续影响指标: 流动服务点持续运行年限 = ≥3年
    依据：
        财预〔2015〕88号第二章：绩效指标包括产出指标、效益指标和满意度指标。
    """
    if not ctx.rows_in(BENEFIT_GROUPS):
        yield ctx.hit(level1=Level1.BENEFIT)


@rule(
    "C111",
    "missing-department-code",
    Severity.INFO,
    _C,
    "gz88-completeness",
    "“{project}”的主管部门“{department}”未填写部门代码。",
    "在主管部门名称后补填预算单位代码。",
)
def missing_department_code(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        “主管部门及代码”已填写部门名称但没有代码。
    为什么：
        代码用于与预算管理一体化系统对接；公开表常省略，故仅作提示。
    不合格示例：
        主管部门代码:
    合格示例：
        主管部门代码: 301001
    依据：
        财预〔2015〕88号第三章“完整性审核”；申报表表头“主管部门及代码”。
    """
    department = ctx.decl.department
    if department.name.strip() and not department.code.strip():
        yield ctx.hit(department=department.name)


@rule(
    "C112",
    "goal-without-numbers",
    Severity.WARNING,
    _C,
    "gz88-completeness",
    "“{project}”的年度总体目标没有任何数量、金额或比例，未说明“做多少”。",
    "在年度总体目标中写明资金规模和主要产出数量，如“经费20万元，服务不少于120次”。",
)
def goal_without_numbers(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        年度总体目标中是否至少有一个带单位的数字（金额、数量、比例或期限）；
        “1.”“2.”之类的序号不算。
    为什么：
        总体目标应说明做什么、为谁做、做多少；只有工作内容没有数量的目标无法衡量。
    不合格示例：
        年度总体目标: 确保电子政务网络运行通畅，做好网站日常管理运行工作。
    合格示例：
        年度总体目标: 确保电子政务网络运行通畅，维护线路121条，全年运行率达到99%。
    依据：
        财预〔2015〕88号第三章“完整性审核”：绩效目标是否明确、清晰。
    """
    goal = ctx.decl.annual_goal
    if goal.strip() and not _GOAL_NUMBER.search(goal):
        yield ctx.hit()


@rule(
    "C113",
    "group-not-in-tree",
    Severity.ERROR,
    _C,
    "cz101-tree",
    "二级指标“{group}”不属于审核配置“{profile}”采用的指标体系（{tree}）。",
    "按{tree}的指标体系调整二级指标，或选择与申报表一致的审核配置。",
)
def group_not_in_tree(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        每个二级指标是否属于所用审核配置的指标体系（财预〔2015〕88号或财预〔2021〕101号）。
    为什么：
        一张表只能采用一种指标体系；混用会使成本指标重复或遗漏。
    不合格示例：
        经济成本指标: 购书费用 = ≤12万元
    合格示例：
        成本指标: 购书费用 = ≤12万元
    依据：
        财预〔2021〕101号：成本指标单列为一级指标，下设经济成本、社会成本、生态环境成本指标。
    """
    for group in ctx.decl.groups:
        if group.level2 not in ctx.profile.requirements:
            tree = ctx.profile.tree
            yield ctx.group_hit(group.level2, group.level1, profile=ctx.profile.title, tree=tree)


@rule(
    "C114",
    "no-indicators",
    Severity.BLOCK,
    _C,
    "gz88-indicators",
    "“{project}”没有任何绩效指标（全部为空或「无」）。",
    "按产出、效益、满意度指标填写三级指标和指标值。",
)
def no_indicators(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        表中是否至少有一项真实的三级指标。
    为什么：
        没有指标的绩效目标无法审核，也无法在年中监控和年终自评。
    不合格示例：
        删除: 数量指标
        删除: 质量指标
        删除: 时效指标
        删除: 成本指标
        删除: 社会效益指标
        删除: 可持续影响指标
        删除: 服务对象满意度指标
    合格示例：
        数量指标: 流动服务次数 = ≥120次
    依据：
        财预〔2015〕88号第二章“绩效指标”。
    """
    if not ctx.real_rows:
        yield ctx.hit()
