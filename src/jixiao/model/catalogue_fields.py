"""The catalogue's header fields of the 申报表: each field's key, the label our forms print,
the variants real forms print, its kind and whether it is required, and the look-ups that
find a field from a printed cell.

Part of the form catalogue (:mod:`jixiao.model.catalogue` re-exports these names). Adding
a province's label is one edit: append it to the ``variants`` of its field below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.catalogue_text import label_key, label_keys, norm_char


class FieldKind(StrEnum):
    """What a header field holds, so a reader knows how to parse its value."""

    TEXT = "text"
    ORGANISATION = "organisation"  #: a name, often with its code (银川市某局（123001）)
    CODE = "code"  #: a bare 单位编码 / 部门编码
    YEAR = "year"
    PERIOD = "period"
    MONEY = "money"  #: an amount, 万元 unless the form says 元
    GOAL = "goal"  #: long text in paragraphs
    BLOCK = "block"  #: a label over a block of fields (项目资金（万元）), no value of its own


class FieldKey(StrEnum):
    """A header field; the value is the model's attribute name where it has one."""

    YEAR = "year"
    PROJECT_NAME = "project_name"
    DEPARTMENT = "department"
    DEPARTMENT_CODE = "department_code"
    IMPLEMENTER = "implementer"
    IMPLEMENTER_CODE = "implementer_code"
    ATTRIBUTE = "attribute"
    PERIOD = "period"
    FUNDING = "funding"  #: the 项目资金（万元） block label
    ANNUAL_TOTAL = "annual_total"
    FISCAL = "fiscal"
    FISCAL_CENTRAL = "fiscal_central"  #: 中央资金, part of 财政拨款
    FISCAL_PROVINCIAL = "fiscal_provincial"  #: 省级资金
    FISCAL_CITY = "fiscal_city"  #: 市级资金
    FISCAL_COUNTY = "fiscal_county"  #: 区县级资金
    OTHER = "other"
    PROJECT_TOTAL = "project_total"
    GOALS = "goals"  #: the 总体目标 block label over 中期目标 / 年度目标 columns
    ANNUAL_GOAL = "annual_goal"
    LONG_TERM_GOAL = "long_term_goal"
    INDICATORS = "indicators"  #: the 绩效指标 block label
    VERDICT = "verdict"  #: 综合评定等级
    MANAGER = "manager"  #: 项目负责人 (other_fields)
    PHONE = "phone"  #: 联系电话 (other_fields)
    OVERVIEW = "overview"  #: 项目概况 (other_fields)
    BASIS = "basis"  #: 立项依据 (other_fields)
    FILER = "filer"  #: 填报单位 / 编制单位, the unit that filled the form in (other_fields)
    FINANCE_BUREAU = "finance_bureau"  #: 区级财政部门, the issuing finance bureau (other_fields)
    PROJECT_CODE = "project_code"  #: 项目编码 (other_fields)
    CATEGORY = "category"  #: 项目类别 (other_fields)
    PURPOSE = "purpose"  #: 资金用途 (other_fields)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One header field: how our form prints it and how real forms do."""

    key: FieldKey
    label: str  #: printed by our renderers and the editor
    kind: FieldKind
    required: bool = False
    variants: tuple[str, ...] = ()  #: other labels real forms print for the same field
    term: str = ""  #: short name for messages, the CLI and examples; "" → ``label``
    part_of: FieldKey | None = None  #: a source summed into another amount
    pattern: str = ""  #: a regex (full match on the label key) for composed labels

    @property
    def name(self) -> str:
        """The short name: 主管部门 for 主管部门及代码, 财政拨款 for 其中：财政拨款."""
        return self.term or self.label

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label of this field: printed label, short name, variants."""
        return tuple(dict.fromkeys((self.label, self.name, *self.variants)))


_K, _T = FieldKey, FieldKind

#: Every header field, in the order our form prints them.
SPECS: tuple[FieldSpec, ...] = (
    FieldSpec(_K.YEAR, "年度", _T.YEAR, True, ("申报年度", "项目开始年度", "预算年度")),
    FieldSpec(
        _K.PROJECT_NAME,
        "项目名称",
        _T.TEXT,
        True,
        ("项目支出名称", "项目(专项)名称", "专项名称", "专项资金名称", "项目全称"),
    ),
    FieldSpec(
        _K.DEPARTMENT,
        "主管部门及代码",
        _T.ORGANISATION,
        True,
        (
            "主管部门及编码",
            "主管部门及其编码",
            "主管部门及其代码",
            "项目主管部门",
            "主管预算部门",
            "业务主管部门",
            "区级主管部门",
            "主管部门(单位)名称",
            "主管部门(单位)名称及部门预算编码",
            "预算部门",
            "部门名称",
            "申报单位",
            "申报单位名称",
            # 预算单位 is the declaring unit where it is the only unit printed (corpus 005,
            # 014, 017); the goldens map it to the department.
            "预算单位",
        ),
        term="主管部门",
        pattern=r".{1,8}主管(?:预算)?部门(?:名称)?",
    ),
    FieldSpec(
        _K.DEPARTMENT_CODE,
        "主管部门代码",
        _T.CODE,
        False,
        ("部门编码", "部门代码", "单位编码", "单位代码", "部门预算编码"),
    ),
    FieldSpec(
        _K.IMPLEMENTER,
        "实施单位",
        _T.ORGANISATION,
        True,
        ("实施单位及代码", "项目实施单位", "具体实施单位", "实施主体", "项目单位", "执行单位"),
    ),
    FieldSpec(_K.IMPLEMENTER_CODE, "实施单位代码", _T.CODE),
    FieldSpec(_K.ATTRIBUTE, "项目属性", _T.TEXT, True, ("项目类型",)),
    FieldSpec(
        _K.PERIOD,
        "项目期",
        _T.PERIOD,
        True,
        (
            "项目实施期",
            "项目支出实施期",
            "实施期限",
            "项目期限",
            "起止时间",
            "项目起止时间",
            "项目起止日期",
            "项目周期",
            "实施周期",
            "实施期",
        ),
    ),
    FieldSpec(
        _K.FUNDING,
        "项目资金（万元）",
        _T.BLOCK,
        False,
        ("资金情况", "资金金额", "项目资金申请", "项目资金来源情况", "资金来源"),
        term="项目资金",
    ),
    FieldSpec(
        _K.ANNUAL_TOTAL,
        "年度资金总额",
        _T.MONEY,
        True,
        (
            "资金总额",
            "年度预算数",
            "预算数",
            "年度本级预算金额",
            "年度资金申请总额",
            "年度金额",
            "年度预算",
            "年度预算安排",
            "项目预算金额",
            "项目当年预算",
            "当年预算",
            "本年度预算",
            "本年度申请市财政预算资金",
        ),
    ),
    FieldSpec(
        _K.FISCAL,
        "其中：财政拨款",
        _T.MONEY,
        True,
        ("财政资金", "本级财政", "本级财政资金", "财政拨款小计", "预算资金", "同级财政资金"),
        term="财政拨款",
    ),
    FieldSpec(
        _K.FISCAL_CENTRAL,
        "中央资金",
        _T.MONEY,
        variants=("中央", "中央补助", "中央财政资金", "上级财政补助资金", "上级资金"),
        part_of=_K.FISCAL,
    ),
    FieldSpec(
        _K.FISCAL_PROVINCIAL,
        "省级资金",
        _T.MONEY,
        variants=("省级", "省级财政资金", "自治区", "自治区资金"),
        part_of=_K.FISCAL,
    ),
    FieldSpec(
        _K.FISCAL_CITY,
        "市级资金",
        _T.MONEY,
        variants=("市级", "市级财政资金", "自治州"),
        part_of=_K.FISCAL,
    ),
    FieldSpec(
        _K.FISCAL_COUNTY,
        "区县级资金",
        _T.MONEY,
        variants=("区县级", "区级资金", "县级资金", "区级", "县级", "地方资金"),
        part_of=_K.FISCAL,
    ),
    FieldSpec(
        _K.OTHER,
        "其他资金",
        _T.MONEY,
        False,
        ("其他", "自有资金", "自有资金小计", "单位自有资金", "其他收入", "其他来源资金"),
    ),
    FieldSpec(
        _K.PROJECT_TOTAL,
        "项目资金总额",
        _T.MONEY,
        False,
        ("项目总预算", "项目总资金", "项目总投资", "中期资金总额", "中期资金", "中期市财政预算"),
    ),
    FieldSpec(_K.GOALS, "总体目标", _T.BLOCK, False, ("项目绩效目标", "绩效目标")),
    FieldSpec(
        _K.ANNUAL_GOAL,
        "年度总体目标",
        _T.GOAL,
        True,
        (
            "年度绩效目标",
            "本年度绩效目标",
            "当年绩效目标",
            "年度目标",
            "项目年度目标",
            "年度绩效总目标",
            "项目总体情况",
            "预期目标",
        ),
    ),
    FieldSpec(
        _K.LONG_TERM_GOAL,
        "长期目标",
        _T.GOAL,
        False,
        (
            "项目总目标",
            "项目总体目标",
            "中长期目标",
            "中期目标",
            "中期滚动目标",
            "长期绩效目标",
            "实施期目标",
            "实施期绩效目标",
        ),
    ),
    FieldSpec(_K.INDICATORS, "绩效指标", _T.BLOCK, False, ("年度绩效指标", "本年度绩效指标")),
    FieldSpec(
        _K.VERDICT,
        "综合评定等级",
        _T.TEXT,
        False,
        ("财政部门审核意见", "主管部门审核意见", "财政审核意见", "审核意见"),
    ),
    FieldSpec(_K.MANAGER, "项目负责人", _T.TEXT, False, ("项目责任人", "负责人姓名", "联系人")),
    FieldSpec(_K.PHONE, "联系电话", _T.TEXT),
    FieldSpec(
        _K.OVERVIEW,
        "项目概况",
        _T.TEXT,
        False,
        ("项目概述", "项目概况及立项依据", "部门职能职责概述"),
    ),
    FieldSpec(_K.BASIS, "立项依据", _T.TEXT, False, ("项目立项依据", "设立依据")),
    FieldSpec(_K.FILER, "填报单位", _T.ORGANISATION, False, ("编制单位", "填报单位名称")),
    FieldSpec(
        _K.FINANCE_BUREAU,
        "财政部门",
        _T.ORGANISATION,
        False,
        ("同级财政部门", "区级财政部门", "县级财政部门", "市级财政部门"),
        pattern=r".{1,6}财政部门",
    ),
    FieldSpec(_K.PROJECT_CODE, "项目编码", _T.CODE, False, ("项目代码", "二级项目代码")),
    FieldSpec(_K.CATEGORY, "项目类别", _T.TEXT, False, ("支出项目类别",)),
    FieldSpec(_K.PURPOSE, "资金用途", _T.TEXT),
)

FIELDS: dict[FieldKey, FieldSpec] = {s.key: s for s in SPECS}


def spec(key: FieldKey) -> FieldSpec:
    """The spec of one field: ``spec(FieldKey.ANNUAL_TOTAL).label == '年度资金总额'``."""
    return FIELDS[key]


def _index() -> dict[str, FieldSpec]:
    index: dict[str, FieldSpec] = {}
    for s in SPECS:
        for label in s.labels:
            key = label_key(label)
            if index.setdefault(key, s) is not s:
                raise ValueError(f"表样目录中“{label}”同时属于两个栏目")
    return index


_BY_KEY = _index()
_PATTERNS = tuple((re.compile(s.pattern), s) for s in SPECS if s.pattern)
_PREFIXES = frozenset(k[:n] for k in _BY_KEY for n in range(1, len(k) + 1))
#: What may follow a label inside one cell: nothing, a colon, a space, a bracket, a number.
_AFTER_LABEL = re.compile(r"\s*(?:[(（][^()（）]{0,12}[)）])?\s*[:：]?\s*")
_BOUNDARY = re.compile(r"^(?:$|[\s:：(（]|[-+0-9０-９.≥≤<>＜＞=＝])")
_LEADING = re.compile(
    r"^[\s*＊]*(?:其中\s*[:：]?\s*)?"
    r"(?:[0-9]+\s*[.、．]|[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十0-9]+[)）])?\s*"
)


def field_for_label(text: str) -> FieldSpec | None:
    """The field whose label ``text`` is (spacing, width, marks and annotations ignored).

    >>> field_for_label("主管部门及其编码").key
    <FieldKey.DEPARTMENT: 'department'>
    >>> field_for_label("年度资金总额（万元）：").key
    <FieldKey.ANNUAL_TOTAL: 'annual_total'>
    >>> field_for_label("其中:1.中央资金").key
    <FieldKey.FISCAL_CENTRAL: 'fiscal_central'>
    >>> field_for_label("区级林业主管部门").key
    <FieldKey.DEPARTMENT: 'department'>
    >>> field_for_label("城市图书馆流动服务经费") is None
    True
    """
    keys = label_keys(text)
    for key in keys:
        if (found := _BY_KEY.get(key)) is not None:
            return found
    return next((s for p, s in _PATTERNS if p.fullmatch(keys[-1])), None)


def split_field(text: str) -> tuple[FieldSpec, str] | None:
    """A cell that starts with a label: its field and the rest as printed (value text).

    The longest label wins; the label must end at a colon, space, bracket, number or the
    end of the cell, so 其他需说明的问题 is not 其他 + 需说明的问题.

    >>> s, rest = split_field("年度资金总额:203")
    >>> s.key, rest
    (<FieldKey.ANNUAL_TOTAL: 'annual_total'>, '203')
    >>> s, rest = split_field("其中：财政拨款 203")
    >>> s.key, rest
    (<FieldKey.FISCAL: 'fiscal'>, '203')
    >>> split_field("其他需说明的问题") is None
    True
    """
    start = _LEADING.match(text)
    offset = start.end() if start else 0
    found, end, key = None, offset, ""
    for i in range(offset, len(text)):
        key += norm_char(text[i])
        if key not in _PREFIXES:
            break
        if (candidate := _BY_KEY.get(key)) is not None and _BOUNDARY.match(text[i + 1 :]):
            found, end = candidate, i + 1
    if found is None:
        whole = field_for_label(text)  # a composed label (区级林业主管部门) alone in its cell
        return None if whole is None else (whole, "")
    after = _AFTER_LABEL.match(text, end)
    return found, text[after.end() if after else end :].strip()


def field_label_keys() -> Iterable[str]:
    """Every field label as a :func:`label_key` key (printed labels, short names, variants)."""
    return _BY_KEY.keys()
