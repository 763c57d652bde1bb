"""The printed labels of the 自评表, in one place (to merge into the form catalogue of
``model/`` once it covers self-evaluations).

Each field has its canonical label first and the variants published forms print after it.
The reader (:mod:`jixiao.evaluation.reader`), the layouts (:mod:`jixiao.render.evaluation`)
and the example notation all read these tuples.
"""

from __future__ import annotations

from typing import Final

TITLE: Final = "项目支出绩效自评表"
PROJECT_NAME: Final = ("项目名称", "专项资金名称", "转移支付(项目)名称", "转移支付（项目）名称")
DEPARTMENT: Final = ("主管部门", "市县主管部门", "地方主管部门", "县级主管部门", "市级主管部门")
IMPLEMENTER: Final = (
    "实施单位",
    "资金使用单位",
    "实施单位(盖章)",
    "实施单位（盖章）",
    "实施单位/项目负责人",
)
MONEY_BLOCK: Final = ("项目资金（万元）", "项目资金(万元)", "资金情况(万元)", "资金投入情况(万元)")
INITIAL: Final = ("年初预算数", "年初预算")
ANNUAL: Final = ("全年预算数", "全年预算数(A)", "全年预算数（A）", "调整后预算数", "全年预算")
EXECUTED: Final = ("全年执行数", "全年执行数(B)", "全年执行数（B）", "预算执行数", "全年执行")
RATE: Final = ("执行率", "执行率(B/A)", "执行率（B/A）", "预算执行率", "预算执行率(B/A×100%)")
WEIGHT: Final = ("分值", "权重")
SCORE: Final = ("得分",)
REASON: Final = ("原因", "偏差原因分析及改进措施", "未完成原因分析")
TOTAL_ROW: Final = ("年度资金总额", "年度资金总额:", "总额")
MONEY_ROWS: Final = ("其中:当年财政拨款", "其中：当年财政拨款", "上年结转资金", "其他资金")
GOAL_BLOCK: Final = ("年度总体目标", "年度 总体 目标", "总体目标完成情况")
GOAL: Final = ("预期目标", "年初设定目标", "年度目标", "总体目标", "项目年度目标", "年初预期目标")
GOAL_ACTUAL: Final = ("实际完成情况", "全年实际完成情况", "年度目标完成情况", "年度实际完成情况")
LEVEL1: Final = ("一级指标",)
LEVEL2: Final = ("二级指标",)
LEVEL3: Final = ("三级指标",)
TARGET: Final = ("年度指标值", "指标值", "年度指标值（A）")
ACTUAL: Final = (
    "实际完成值",
    "全年实际值",
    "全年完成值",
    "完成值",
    "全年实际完成值",
    "实际完成值（B）",
)
DEVIATION: Final = ("偏差原因分析及改进措施", "未完成原因和改进措施", "未完成原因分析", "备注")
NATURE: Final = ("指标性质", "计算符号")
UNIT: Final = ("度量单位", "计量单位")
TOTAL: Final = ("总分", "得分合计", "项目总得分", "合计")
GRADE: Final = ("自评等级", "评价等级")
CONCLUSION: Final = ("评价结论",)
PROBLEMS: Final = ("存在问题",)
MEASURES: Final = ("改进措施",)
BAND: Final = ("完成档次",)
BUDGET_SCORE: Final = ("预算得分",)

#: The printed columns and headers of each layout (render profiles, read back by the grid reader).
NATIONAL_COLUMNS: Final = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
SICHUAN_COLUMNS: Final = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "得分",
    "未完成原因分析",
)
ANHUI_COLUMNS: Final = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "备注（偏差原因）",
)
NATIONAL_MONEY: Final = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
SICHUAN_MONEY: Final = (
    "年初预算",
    "调整后预算数",
    "预算执行数",
    "预算执行率",
    "权重",
    "得分",
    "原因",
)
ANHUI_MONEY: Final = ("年初预算", "全年预算", "全年执行", "分值", "执行率", "得分")
NATIONAL_GOAL: Final = ("预期目标", "实际完成情况")
SICHUAN_GOAL: Final = ("项目年度目标", "年度目标完成情况")
ANHUI_GOAL: Final = ("年度目标", "全年实际完成")
QUALITATIVE_NATURE: Final = "定性"
