"""批量: indicators copied from another project of the same department."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from jixiao.review.context import BatchContext, FormSummary, Row
from jixiao.review.finding import Dimension, Severity
from jixiao.review.registry import Hit, Scope, rule

_MIN_TERM = 3


def _owner(ctx: FormSummary) -> str:
    """The department a form belongs to (主管部门, else 实施单位)."""
    return ctx.decl.department.name.strip() or ctx.decl.implementer.name.strip()


def foreign_term(name: str, source_project: str, own_text: str) -> str:
    """The longest part (≥3 chars) of ``name`` that names the other project but not this one.

    >>> foreign_term("推动聘用人员为民办事服务", "政府聘用人员经费", "非现役复转军人薪酬")
    '聘用人员'
    """
    best = ""
    for i in range(len(name)):
        for j in range(i + max(_MIN_TERM, len(best) + 1), len(name) + 1):
            part = name[i:j]
            if part not in source_project:
                break
            if part not in own_text:
                best = part
    return best


@rule(
    "B601",
    "copied-indicator-mismatch",
    Severity.WARNING,
    Dimension.RELEVANCE,
    "gz88-relevance",
    "指标“{name}”与同部门项目“{other}”的指标完全相同，其中“{term}”与本项目“{project}”"
    "不符，疑为照搬。",
    "按本项目（{project}）的实际内容重新设置该指标。",
    scope=Scope.BATCH,
)
def copied_indicator_mismatch(batch: BatchContext) -> Iterator[Hit]:
    """
    检查内容：
        同一主管部门（未填时按实施单位）的多个项目中，名称完全相同的指标若含有另一个
        项目名称中的用语（至少三个字），而该用语不见于本项目的名称和年度总体目标，
        则判为照搬。
    为什么：
        照搬其他项目的指标（如“复转军人薪酬”项目写“聘用人员工作质量”），说明指标没有
        针对本项目设置，相关性不成立。
    不合格示例：
        项目名称: 政府聘用人员经费
        社会效益指标: 提升聘用人员工作质量 = ≥90%
        ---
        项目名称: 非现役复转军人薪酬
        年度总体目标: 本项目经费20万元，用于非现役复转军人全年工资、社保支出。
        社会效益指标: 提升聘用人员工作质量 = ≥90%
    合格示例：
        项目名称: 政府聘用人员经费
        社会效益指标: 提升聘用人员工作质量 = ≥90%
        ---
        项目名称: 非现役复转军人薪酬
        年度总体目标: 本项目经费20万元，用于非现役复转军人全年工资、社保支出。
        社会效益指标: 提升复转军人工作质量 = ≥90%
    依据：
        财预〔2015〕88号第三章“相关性审核”：绩效目标与项目内容是否相关。
    """
    index: dict[tuple[str, str], dict[str, list[tuple[int, Row]]]] = defaultdict(dict)
    for i, ctx in enumerate(batch.forms):
        owner = _owner(ctx)
        for row in ctx.real_rows:
            key = (owner, row.key)
            index[key].setdefault(ctx.decl.project_name, []).append((i, row))
    # one string per form: its hash is computed once, however many rows look it up
    own_texts = [ctx.decl.project_name + ctx.decl.annual_goal for ctx in batch.forms]
    cache: dict[tuple[str, str, str], str] = {}
    for (owner, _), projects in index.items():
        if owner and len(projects) > 1:
            yield from _mismatches(own_texts, projects, cache)


def _mismatches(
    own_texts: list[str],
    projects: dict[str, list[tuple[int, Row]]],
    cache: dict[tuple[str, str, str], str],
) -> Iterator[Hit]:
    for project, rows in projects.items():
        for i, row in rows:
            own = own_texts[i]
            for other in projects:
                if other == project:
                    continue
                key = (row.name, other, own)
                term = cache.get(key)
                if term is None:
                    term = cache[key] = foreign_term(row.name, other, own)
                if term:
                    yield row.hit(other=other, term=term, project=project)._replace(form=i)
                    break
