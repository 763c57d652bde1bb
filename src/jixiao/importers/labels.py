"""Labels the printed forms use, the spelling variants of other provinces, and text cleaning.

PDF text breaks labels across lines (实施单\\n位, 绩\\n效\\n指\\n标) and publishers name the
same cell differently (产出值, 数量值, 经济效益); this module turns all of them into the
model's vocabulary. Nothing here judges content.
"""

from __future__ import annotations

import re
from enum import Enum

from jixiao.model import Level1, Level2, Organisation, Requirement, Verdict
from jixiao.model.catalogue import FieldKey, spec
from jixiao.model.catalogue_columns import COLUMNS, ColumnRole
from jixiao.model.catalogue_levels import COST_STEMS, LEVEL1_STEMS, LEVEL2_STEMS


class HeaderCell(Enum):
    """Column headers of the indicator table."""

    LEVEL1 = "一级指标"
    LEVEL2 = "二级指标"
    NAME = "三级指标"
    NATURE = "指标性质"
    VALUE = "指标值"
    UNIT = "度量单位"
    OTHER = "其他"


#: 成本指标 is a 二级 in the classic tree and a 一级 in the 2021 tree (COST_LABELS below).


def _spellings(stem: str) -> tuple[str, ...]:
    return (stem, stem + "指标", stem + "值")


#: 一级/二级/成本 labels as printed, spelt from the catalogue's stems (model/catalogue_levels.py).
LEVEL1_LABELS: dict[str, Level1] = {s: v for k, v in LEVEL1_STEMS.items() for s in _spellings(k)}
LEVEL2_LABELS: dict[str, Level2] = {s: v for k, v in LEVEL2_STEMS.items() for s in _spellings(k)}
COST_LABELS = frozenset(s for stem in COST_STEMS for s in _spellings(stem))
#: 二级 labels only the 2021 tree has: seeing one means the form follows that tree.
V2021_LEVEL2 = frozenset({Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST})

_BY_ROLE = {
    ColumnRole.LEVEL1: HeaderCell.LEVEL1,
    ColumnRole.LEVEL2: HeaderCell.LEVEL2,
    ColumnRole.NAME: HeaderCell.NAME,
    ColumnRole.NATURE: HeaderCell.NATURE,
    ColumnRole.VALUE: HeaderCell.VALUE,
    ColumnRole.UNIT: HeaderCell.UNIT,
}
#: Column headers of the indicator table, from the catalogue's column roles.
HEADER_CELLS: dict[str, HeaderCell] = {
    label: _BY_ROLE.get(spec.role, HeaderCell.OTHER) for spec in COLUMNS for label in spec.labels
}
#: The vertical 绩效指标 label of the seed layout; skipped wherever it is printed.
BLOCK_LABEL = spec(FieldKey.INDICATORS).label

_ANNOTATION = re.compile(r"^[（(](必填量化|必填|选填)[)）]$")

ALL_LABELS: frozenset[str] = frozenset(
    [*LEVEL1_LABELS, *LEVEL2_LABELS, *COST_LABELS, *HEADER_CELLS, BLOCK_LABEL]
)
LABEL_PREFIXES: frozenset[str] = frozenset(
    label[:n] for label in ALL_LABELS for n in range(1, len(label))
) | frozenset(f"（{a}"[:n] for a in ("必填量化）", "必填）", "选填）") for n in range(1, 6))


def annotation(token: str) -> Requirement | None:
    """（必填量化）→ QUANTIFIED, （必填）→ REQUIRED, （选填）→ OPTIONAL, else None."""
    if not token.startswith(("（", "(")):
        return None
    m = _ANNOTATION.match(token)
    return Requirement(m.group(1)) if m else None


def is_label(token: str) -> bool:
    """A complete label or annotation of the indicator table."""
    return token in ALL_LABELS or (token[-1:] in "）)" and annotation(token) is not None)


def is_label_prefix(token: str) -> bool:
    """The start of a label broken across lines (产出指, 服务对象, 绩, 一级指 …)."""
    return token in LABEL_PREFIXES


# ---------------------------------------------------------------- text cleaning

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》—…·"
_GAP_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_GAP_BEFORE_PUNCT = re.compile(r" +(?=[，。；：、！？）》”’】,.;:!?)])")
_GAP_AFTER_OPEN = re.compile(r"(?<=[（《“‘【(]) +")


def normalise_spaces(line: str) -> str:
    """Full-width and odd spaces become one ASCII space; ends stripped."""
    if "\u200b" in line or "\ufeff" in line:
        line = line.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(line.split())


def clean_text(text: str) -> str:
    """Join a wrapped cell: no space between CJK characters or before punctuation."""
    if " " not in text and "\n" not in text:
        return text
    text = normalise_spaces(text)
    text = _GAP_BETWEEN_CJK.sub("", text)
    text = _GAP_BEFORE_PUNCT.sub("", text)
    return _GAP_AFTER_OPEN.sub("", text)


def join_wrapped(parts: list[str]) -> str:
    """Join pieces of one cell that the PDF wrapped over several lines."""
    return clean_text("".join(p.strip() for p in parts))


def flexible(label: str) -> str:
    """A regex for ``label`` that tolerates line breaks and spaces between its characters."""
    return r"\s*".join(re.escape(ch) for ch in label)


def compact(text: str) -> str:
    """The text with every space and line break removed, for matching labels."""
    return "".join(text.split())


# ---------------------------------------------------------------- shared field readers

_ORG_CODE = (
    re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<code>[0-9A-Za-z][0-9A-Za-z-]{2,})\s*[)）]$"),
    re.compile(r"^[\[［【]\s*(?P<code>[0-9]{3,})\s*[\]］】]\s*(?P<name>.+)$"),
    re.compile(r"^(?P<code>[0-9]{3,})\s*[-－—]\s*(?P<name>.+)$"),
    re.compile(r"^(?P<code>[0-9]{6,})(?P<name>[^0-9].+?)(?:本级)?$"),
    re.compile(r"^(?P<code>[0-9]{3,})\s+(?P<name>.+)$"),
    re.compile(r"^(?P<name>.+?)\s+(?P<code>[0-9]{3,})$"),
)


def split_org(text: str) -> Organisation:
    """银川市某局（123001）, 123001 银川市某局 or 银川市某局 123001 → name and code.

    >>> split_org("银川市某局（123001）")
    Organisation(name='银川市某局', code='123001')
    >>> split_org("银川市人民政府办公室").code
    ''
    """
    for pattern in _ORG_CODE:
        if m := pattern.match(text):
            return Organisation(name=m.group("name").strip(), code=m.group("code"))
    return Organisation(name=text)


FILLED_BOXES = "█■☑✔√☒●▇"
EMPTY_BOXES = "□☐○"
_VERDICT_MARKS = re.compile(
    r"退回\s*[，,]?\s*不予纳入财政项目库|退回修改|通过|[" + FILLED_BOXES + EMPTY_BOXES + "]"
)


def marked_verdicts(text: str) -> list[Verdict] | None:
    """The 综合评定等级 options whose box is filled, boxes printed before or after them.

    None when the options and boxes cannot be paired (their counts differ).

    >>> marked_verdicts("通过 █ 退回修改 □ 退回，不予纳入财政项目库 □")
    [<Verdict.APPROVED: '通过'>]
    >>> marked_verdicts("□通过 ■退回修改 □退回，不予纳入财政项目库")
    [<Verdict.REVISE: '退回修改'>]
    """
    tokens = _VERDICT_MARKS.findall(text)
    options = [t for t in tokens if len(t) > 1]
    boxes = [t for t in tokens if len(t) == 1]
    if not options or len(options) != len(boxes):
        return None
    return [
        Verdict.REJECTED if "不予" in option else Verdict(option)
        for option, box in zip(options, boxes, strict=True)
        if box in FILLED_BOXES
    ]
