"""The form-patch notation used by rule docstrings and case files.

An example is a few lines applied to a clean base form (:data:`BASE_FORM`)::

    年度资金总额: 60                       header fields by their printed label
    时效指标: 政务公开宣传推广时间 = 全年     a 三级 row: 二级: 三级 = 指标值
    时效指标（必填量化）: 发放时间 = 10月     the same with the group's annotation
    删除: 成本指标                          drop a 二级 group
    配置: yinchuan                          the review profile (default classic)
    导入疑点: 指标印在「无」行之后            an import issue at this line
    ---                                     start another form (batch examples)

The first row given for a 二级 replaces that group's rows in the base form; later rows
for it are appended. Lines are numbered from 1, and every node points at its line.

>>> forms, profile, issues = parse_example("年度资金总额: 60")
>>> forms[0].funding.annual_total, profile
(Decimal('60'), 'classic')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jixiao.importers.base import ImportIssue
from jixiao.model import (
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Level2,
    Organisation,
    Requirement,
    SourceLocation,
    TreeVariant,
    level1_of,
)
from jixiao.review.profiles import DEFAULT_PROFILE
from jixiao.values import parse_value

EXAMPLE_FILE = "示例"

#: The clean base form every example starts from (one row per line).
BASE_FORM = """\
项目名称: 城市图书馆流动服务经费
主管部门: 银川市文化旅游广电局
主管部门代码: 301001
实施单位: 银川市图书馆
项目属性: 经常性项目
项目期: 2025年
年度: 2025
年度资金总额: 20
财政拨款: 20
其他资金: 0
年度总体目标: 本项目经费20万元，用于流动图书车进社区、下乡村服务。全年开展流动服务不少于120次，\
新增图书不少于2000册，读者满意度达到90%以上。
数量指标: 流动服务次数 = ≥120次
数量指标: 新增图书数量 = ≥2000册
质量指标: 新增图书验收合格率 = 100%
时效指标: 新增图书上架时限 = ≤30日
成本指标: 购书费用 = ≤12万元
成本指标: 流动服务车辆运行费用 = ≤8万元
经济效益指标: 无 = 无
社会效益指标: 服务基层读者人次 = ≥6000人次
生态效益指标: 无 = 无
可持续影响指标: 流动服务点持续运行年限 = ≥3年
服务对象满意度指标: 读者满意度 = ≥90%
"""

_FIELD_LINE = re.compile(r"^(?P<key>[^:：]+)[:：](?P<rest>.*)$")
_GROUP_LINE = re.compile(r"^(?P<level2>[^（(:：]+)(?:[（(](?P<req>[^）)]+)[）)])?$")


class ExampleError(ValueError):
    """A malformed example line (the message names the line)."""


def parse_example(text: str) -> tuple[list[Declaration], str, list[ImportIssue]]:
    """Forms, profile name and import issues described by ``text`` (see module docstring)."""
    forms: list[Declaration] = []
    issues: list[ImportIssue] = []
    profile = DEFAULT_PROFILE
    for start, chunk in _chunks(text):
        builder = _Builder(len(forms))
        builder.apply(BASE_FORM.splitlines(), 0)
        builder.fresh.clear()
        builder.apply(chunk, start)
        forms.append(builder.build())
        issues.extend(builder.issues)
        profile = builder.profile or profile
    return forms, profile, issues


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    chunks: list[tuple[int, list[str]]] = [(0, [])]
    for number, line in enumerate(text.splitlines()):
        if line.strip() == "---":
            chunks.append((number + 1, []))
        else:
            chunks[-1][1].append(line)
    return chunks


class _Builder:
    """Accumulates one form's fields and groups while lines are applied."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.fields: dict[str, Any] = {}
        self.groups: dict[Level2, tuple[Requirement | None, list[Indicator]]] = {}
        self.fresh: set[Level2] = set()
        self.issues: list[ImportIssue] = []
        self.profile = ""

    def apply(self, lines: list[str], offset: int) -> None:
        for number, line in enumerate(lines, start=offset + 1):
            if line.strip() and not line.lstrip().startswith("#"):
                self._line(line.strip(), SourceLocation(EXAMPLE_FILE, number))

    def _line(self, line: str, where: SourceLocation) -> None:
        match = _FIELD_LINE.match(line)
        if not match:
            raise ExampleError(f"示例第{where.line}行缺少冒号：{line}")
        key, rest = match["key"].strip(), match["rest"].strip()
        if key == "删除":
            self.groups.pop(Level2(rest), None)
        elif key == "配置":
            self.profile = rest
        elif key == "导入疑点":
            self.issues.append(ImportIssue(where, rest))
        elif key in _HEADER:
            self.fields[key] = rest
        else:
            self._row(key, rest, where)

    def _row(self, key: str, rest: str, where: SourceLocation) -> None:
        match = _GROUP_LINE.match(key)
        if not match or match["level2"] not in Level2.__members__.values():
            raise ExampleError(f"示例第{where.line}行：未知的栏目“{key}”")
        level2 = Level2(match["level2"])
        name, _, value = rest.partition("=")
        req = Requirement(match["req"]) if match["req"] else None
        if level2 not in self.fresh:
            self.fresh.add(level2)
            old_req = self.groups.get(level2, (None, []))[0]
            self.groups[level2] = (req or old_req, [])
        row = Indicator(name.strip(), value.strip(), parse_value(value.strip()), where)
        self.groups[level2][1].append(row)

    def build(self) -> Declaration:
        f = self.fields
        tree = TreeVariant(f.get("指标体系", TreeVariant.CLASSIC))
        return Declaration(
            year=int(f["年度"]) if f.get("年度") else None,
            project_name=f.get("项目名称", ""),
            department=Organisation(f.get("主管部门", ""), f.get("主管部门代码", "")),
            implementer=Organisation(f.get("实施单位", "")),
            attribute=f.get("项目属性", ""),
            period=f.get("项目期", ""),
            funding=Funding(
                _money(f.get("年度资金总额")),
                _money(f.get("财政拨款")),
                _money(f.get("其他资金")),
                location=SourceLocation(EXAMPLE_FILE, 8),
            ),
            annual_goal=f.get("年度总体目标", ""),
            tree=tree,
            groups=tuple(self._groups(tree)),
            location=SourceLocation(EXAMPLE_FILE, 1),
        )

    def _groups(self, tree: TreeVariant) -> list[IndicatorGroup]:
        result = []
        for level2, (req, rows) in self.groups.items():
            level1 = level1_of(level2, tree) or level1_of(level2, TreeVariant.CLASSIC)
            level1 = level1 or level1_of(level2, TreeVariant.V2021)
            assert level1 is not None
            where = rows[0].location if rows else SourceLocation(EXAMPLE_FILE)
            result.append(IndicatorGroup(level1, level2, req, tuple(rows), where))
        return result


_HEADER = frozenset(
    {
        "项目名称",
        "主管部门",
        "主管部门代码",
        "实施单位",
        "项目属性",
        "项目期",
        "年度",
        "年度资金总额",
        "财政拨款",
        "其他资金",
        "年度总体目标",
        "指标体系",
    }
)


def _money(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None
