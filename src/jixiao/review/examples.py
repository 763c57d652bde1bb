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
from jixiao.model.catalogue import FieldKey, FormText, field_for_label, spec
from jixiao.review.profiles import DEFAULT_PROFILE
from jixiao.values import parse_value

EXAMPLE_FILE = "示例"

_K = FieldKey
#: Header fields an example line may set, by any of their catalogue labels.
EXAMPLE_FIELDS = frozenset(
    {
        _K.YEAR,
        _K.PROJECT_NAME,
        _K.DEPARTMENT,
        _K.DEPARTMENT_CODE,
        _K.IMPLEMENTER,
        _K.ATTRIBUTE,
        _K.PERIOD,
        _K.ANNUAL_TOTAL,
        _K.FISCAL,
        _K.OTHER,
        _K.ANNUAL_GOAL,
    }
)
#: The example line that picks the national indicator tree (指标体系: 财预〔2021〕101号).
TREE_KEY = FormText.TREE.value


def _line(key: FieldKey | Level2, text: str) -> str:
    return f"{key.value if isinstance(key, Level2) else spec(key).name}: {text}"


_L2 = Level2
#: The clean base form every example starts from (one row per line).
BASE_FORM = (
    "\n".join(
        _line(key, text)
        for key, text in (
            (_K.PROJECT_NAME, "城市图书馆流动服务经费"),
            (_K.DEPARTMENT, "银川市文化旅游广电局"),
            (_K.DEPARTMENT_CODE, "301001"),
            (_K.IMPLEMENTER, "银川市图书馆"),
            (_K.ATTRIBUTE, "经常性项目"),
            (_K.PERIOD, "2025年"),
            (_K.YEAR, "2025"),
            (_K.ANNUAL_TOTAL, "20"),
            (_K.FISCAL, "20"),
            (_K.OTHER, "0"),
            (
                _K.ANNUAL_GOAL,
                "本项目经费20万元，用于流动图书车进社区、下乡村服务。全年开展流动服务不少于120次，"
                "新增图书不少于2000册，读者满意度达到90%以上。",
            ),
            (_L2.QUANTITY, "流动服务次数 = ≥120次"),
            (_L2.QUANTITY, "新增图书数量 = ≥2000册"),
            (_L2.QUALITY, "新增图书验收合格率 = 100%"),
            (_L2.TIMELINESS, "新增图书上架时限 = ≤30日"),
            (_L2.COST, "购书费用 = ≤12万元"),
            (_L2.COST, "流动服务车辆运行费用 = ≤8万元"),
            (_L2.ECONOMIC_BENEFIT, "无 = 无"),
            (_L2.SOCIAL_BENEFIT, "服务基层读者人次 = ≥6000人次"),
            (_L2.ECOLOGICAL_BENEFIT, "无 = 无"),
            (_L2.SUSTAINABILITY, "流动服务点持续运行年限 = ≥3年"),
            (_L2.SERVICE_SATISFACTION, "读者满意度 = ≥90%"),
        )
    )
    + "\n"
)

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
        self.fields: dict[str, str] = {}
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
        elif key == TREE_KEY:
            self.fields[key] = rest
        elif (field := _example_field(key)) is not None:
            self.fields[field] = rest
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
        tree = TreeVariant(f.get(TREE_KEY, TreeVariant.CLASSIC))
        return Declaration(
            year=int(f[_K.YEAR]) if f.get(_K.YEAR) else None,
            project_name=f.get(_K.PROJECT_NAME, ""),
            department=Organisation(f.get(_K.DEPARTMENT, ""), f.get(_K.DEPARTMENT_CODE, "")),
            implementer=Organisation(f.get(_K.IMPLEMENTER, "")),
            attribute=f.get(_K.ATTRIBUTE, ""),
            period=f.get(_K.PERIOD, ""),
            funding=Funding(
                _money(f.get(_K.ANNUAL_TOTAL)),
                _money(f.get(_K.FISCAL)),
                _money(f.get(_K.OTHER)),
                location=SourceLocation(EXAMPLE_FILE, 8),
            ),
            annual_goal=f.get(_K.ANNUAL_GOAL, ""),
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


def _example_field(key: str) -> FieldKey | None:
    """The header field an example line names by a catalogue label, or None."""
    found = field_for_label(key)
    return found.key if found is not None and found.key in EXAMPLE_FIELDS else None


def _money(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None
