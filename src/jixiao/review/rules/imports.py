"""Import doubts: places the importer had to guess, shown to the reviewer."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.review.context import FormContext
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, rule


@rule(
    "X001",
    "import-doubt",
    Severity.INFO,
    Dimension.COMPLETENESS,
    "gz88-completeness",
    "导入时存疑：{message}。请对照原表核实。",
    "如原表确有排版错误，请填报单位改正后重新报送。",
)
def import_doubt(ctx: FormContext) -> Iterator[Hit]:
    """
    检查内容：
        导入程序在读表时需要推断的地方（如「无」行旁边印着一项指标，按合并单元格
        居中的排版归入相邻的二级指标）。
    为什么：
        推断可能与填报本意不符；审核人应对照原表确认，必要时要求改正表格。
    不合格示例：
        导入疑点: 指标“保障工作高效正常运转”印在「无」行之后
    合格示例：
        数量指标: 流动服务次数 = ≥120次
    依据：
        财预〔2015〕88号第三章“完整性审核”：绩效目标是否明确、清晰。
    """
    for issue in ctx.import_issues:
        yield ctx.hit(issue.location, message=issue.message.rstrip("。"))
