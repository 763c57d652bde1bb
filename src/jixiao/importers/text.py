"""The text importer: PDF-extracted text (and hand-made text layouts) → declarations.

A file may hold many forms; each starts at its title (…绩效目标申报表, with the 附件N line
before it). A form is cut into regions by its labels — header, 项目资金, 年度总体目标,
绩效指标, 综合评定等级, 注 — and labels are matched with any line break or space between
their characters, because PDF text breaks them anywhere (实施单\\n位, 年度总\\n体目标).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from jixiao.importers.assemble import iter_assemble_parts
from jixiao.importers.base import (
    FormRead,
    ImportFailure,
    ImportIssue,
    ImportResult,
    collect,
    decode_text,
)
from jixiao.importers.cells import LAYOUT_SAMPLE, Layout, detect_layout, form_parts
from jixiao.importers.indicators import read_indicator_block
from jixiao.importers.kinds import refuse_other_kinds
from jixiao.importers.labels import (
    EMPTY_BOXES,
    FILLED_BOXES,
    clean_text,
    compact,
    flexible,
    marked_verdicts,
    split_org,
)
from jixiao.importers.lookup import field_of
from jixiao.model import Declaration, Funding, SourceLocation, Verdict
from jixiao.values.money import NUMBER, UNIT, MoneyError, to_wan

_TITLE = re.compile(r"绩效目标(?:申报)?表")
_ATTACHMENT = re.compile(r"^附件\s*(\d*)\s*[:：]?$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年\s*度?")


def _labels(*names: str) -> str:
    return "|".join(flexible(n) for n in sorted(names, key=len, reverse=True))


#: Header labels → model field; labels not listed under a field go to ``other_fields``.
_HEADER_FIELDS = {
    "项目名称": "project_name",
    "主管部门及代码": "department",
    "主管部门": "department",
    "实施单位及代码": "implementer",
    "实施单位": "implementer",
    "项目属性": "attribute",
    "项目期": "period",
    "项目周期": "period",
    "实施期限": "period",
}
_OTHER_HEADER = (
    "项目负责人",
    "联系电话",
    "项目类别",
    "项目类型",
    "资金用途",
    "项目编码",
    "项目代码",
)
_HEADER_LABEL = re.compile(_labels(*_HEADER_FIELDS, *_OTHER_HEADER))
_FUNDING_START = re.compile(_labels("项目资金", "年度资金总额", "资金总额"))
_GOAL_LABEL = re.compile(
    _labels(
        "年度总体目标",
        "年度绩效目标",
        "年度目标",
        "项目总目标",
        "长期目标",
        "中长期目标",
        "总体目标",
    )
)
_LONG_GOALS = frozenset({"项目总目标", "长期目标", "中长期目标"})
_BLOCK_START = re.compile(_labels("绩效指标", "一级指标"))
_VERDICT = re.compile(flexible("综合评定等级"))
#: 注： at the start of a line (lines are stripped); the match starts at the line break.
_FOOTNOTE = re.compile(r"\n注\s*[:：]")
_AMOUNT = f"({NUMBER})\\s*({UNIT})?"
_MONEY = {
    "annual_total": re.compile(flexible("年度资金总额") + r"\s*[:：]?\s*" + _AMOUNT + "?"),
    "fiscal": re.compile(flexible("财政拨款") + r"\s*[:：]?\s*" + _AMOUNT + "?"),
    "other": re.compile(flexible("其他资金") + r"\s*[:：]?\s*" + _AMOUNT + "?"),
    "project_total": re.compile(
        "(?:"
        + _labels("项目资金总额", "项目总资金", "中期资金总额")
        + r")\s*[:：]?\s*"
        + _AMOUNT
        + "?"
    ),
}
_NUMBERED = re.compile(
    r"^(?:\d+\s*[.、．]|[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
)


@dataclass(slots=True)
class _Form:
    """One form's text with the map from character offset to source line."""

    filename: str
    lines: list[tuple[int, str]]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    #: where each header field was read (catalogue field key → location)
    where: dict[str, SourceLocation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        texts = [line for _, line in self.lines]
        self.starts = list(accumulate([len(t) + 1 for t in texts[:-1]], initial=0))
        self.text = "\n".join(texts)

    def line_at(self, offset: int) -> int:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[index][0] if self.lines else 0

    def loc(self, offset: int) -> SourceLocation:
        return SourceLocation(self.filename, self.line_at(offset))

    def issue(self, offset: int, message: str) -> None:
        self.issues.append(ImportIssue(self.loc(offset), message))

    def lines_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """The lines overlapping [start, end), the first and last cut to that span."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        out = self.lines[first:last]
        if out:
            out[0] = self._cut(first, start, end)
            out[-1] = self._cut(last - 1, start, end)
        return out

    def _cut(self, index: int, start: int, end: int) -> tuple[int, str]:
        number, line = self.lines[index]
        offset = self.starts[index]
        return number, self.text[max(start, offset) : min(end, offset + len(line))]


def split_forms(text: str, raw: list[str] | None = None) -> list[list[tuple[int, str]]]:
    """Cut a file into forms at their titles; each keeps its 1-based line numbers.

    ``raw`` is ``text.splitlines()`` where the caller has it already."""
    if "\u200b" in text or "\ufeff" in text:
        text, raw = text.replace("\u200b", " ").replace("\ufeff", " "), None
    raw = text.splitlines() if raw is None else raw
    lines = [(n, " ".join(t.split())) for n, t in enumerate(raw, 1)]
    titles = [
        i for i, (_, t) in enumerate(lines) if "表" in t and _TITLE.search(t.replace(" ", ""))
    ]
    if not titles:
        titles = [i for i, (_, t) in enumerate(lines) if re.match(flexible("项目名称"), t)][:1]
    starts = [_back_to_attachment(lines, i) for i in titles]
    if not starts:
        return []
    return [lines[s:e] for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _back_to_attachment(lines: list[tuple[int, str]], i: int) -> int:
    j = i - 1
    while j >= 0 and not lines[j][1]:
        j -= 1
    return j if j >= 0 and _ATTACHMENT.match(lines[j][1].replace("|", "").strip()) else i


def _clean_region(text: str) -> str:
    return clean_text(text.replace("|", " "))


def _read_title(form: _Form, header_start: int) -> tuple[str, str, int | None]:
    head = form.text[:header_start]
    attachment = ""
    title = ""
    for line in head.split("\n"):
        compact = line.replace("|", "").replace(" ", "")
        if m := _ATTACHMENT.match(compact):
            attachment = "附件" + m.group(1)
        elif _TITLE.search(compact) and not title:
            title = _YEAR.sub("", compact).strip("（）() ") or compact
    year = _YEAR.search(head.replace(" ", ""))
    if year is None:
        form.issue(0, "未找到申报年度（如“（2025年度）”）")
    return attachment, title, int(year.group(1)) if year else None


def _labelled(pattern: re.Pattern[str], region: str) -> list[tuple[str, str, int]]:
    """(label, text up to the next label, the label's offset in ``region``) for every
    label ``pattern`` finds in ``region``."""
    marks = list(pattern.finditer(region))
    ends = [m.start() for m in marks[1:]] + [len(region)] if marks else []
    pairs = zip(marks, ends, strict=True)
    return [(compact(m.group(0)), region[m.end() : e], m.start()) for m, e in pairs]


def _read_header(form: _Form, start: int, end: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    for label, text, at in _labelled(_HEADER_LABEL, form.text[start:end]):
        value = _clean_region(text).lstrip(":： ").strip()
        key = _HEADER_FIELDS.get(label, "other:" + label)
        if key not in fields:
            fields[key] = value
            form.where.setdefault(_field_key(key), form.loc(start + at))
    if not fields.get("project_name"):
        form.issue(start, "未找到项目名称")
    return fields


def _field_key(key: str) -> str:
    """The catalogue's key of a header field (a model attribute, or 项目负责人 → manager)."""
    if not key.startswith("other:"):
        return key
    spec = field_of(key.removeprefix("other:"))
    return spec.key.value if spec else key.removeprefix("other:")


def _read_funding(form: _Form, start: int, end: int) -> Funding:
    region = form.text[start:end].replace("|", " ")
    squeezed = compact(region)
    default_unit = (
        "万元"
        if "万元" in squeezed
        else ("元" if "（元）" in squeezed or "(元)" in squeezed else "万元")
    )
    amounts: dict[str, Decimal | None] = {}
    for key, pattern in _MONEY.items():
        m = pattern.search(region)
        if m is None or m.group(1) is None:
            amounts[key] = None
            continue
        form.where.setdefault(key, form.loc(start + m.start()))
        try:
            amounts[key] = to_wan(m.group(1), m.group(2) or default_unit)
        except MoneyError:
            form.issue(start + m.start(), f"金额“{m.group(0)}”无法读取")
            amounts[key] = None
    if amounts["annual_total"] is None:
        form.issue(start, "未找到年度资金总额")
    return Funding(
        annual_total=amounts["annual_total"],
        fiscal=amounts["fiscal"],
        other=amounts["other"],
        project_total=amounts["project_total"],
        location=form.loc(start),
    )


def _paragraphs(lines: list[str]) -> str:
    paragraphs: list[list[str]] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if not paragraphs or _NUMBERED.match(line):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return "\n".join(clean_text("".join(p)) for p in paragraphs)


def _read_goals(form: _Form, start: int, end: int) -> tuple[str, str]:
    annual, long_term = "", ""
    for label, region, at in _labelled(_GOAL_LABEL, form.text[start:end].replace("|", " ")):
        text = _paragraphs(region.split("\n"))
        key = "long_term_goal" if label in _LONG_GOALS else "annual_goal"
        form.where.setdefault(key, form.loc(start + at))
        if label in _LONG_GOALS:
            long_term = long_term or text
        else:
            annual = annual or text
    if not annual:
        form.issue(start, "未找到年度总体目标")
    return annual, long_term


def _read_verdict(form: _Form, start: int, end: int) -> Verdict | None:
    text = form.text[start:end]
    chosen = marked_verdicts(text)
    if chosen is None:
        if any(box in text for box in FILLED_BOXES + EMPTY_BOXES):
            form.issue(start, "综合评定等级的勾选框与选项数目不一致，未读取评定结果")
        return None
    if len(chosen) > 1:
        form.issue(start, "综合评定等级勾选了多个选项，未读取评定结果")
        return None
    return chosen[0] if chosen else None


def _find(pattern: re.Pattern[str], text: str, start: int, default: int) -> int:
    m = pattern.search(text, start)
    return m.start() if m else default


def parse_form(
    lines: list[tuple[int, str]], filename: str
) -> tuple[Declaration, list[ImportIssue]]:
    """Read one form's lines into a declaration and its import issues."""
    form = _Form(filename, lines)
    text = form.text
    end = len(text)
    header = _find(_HEADER_LABEL, text, 0, 0)
    verdict_at = _find(_VERDICT, text, header, end)
    foot_at = _find(_FOOTNOTE, text, header, end - 1) + 1
    tail = min(verdict_at, foot_at)
    funding = _find(_FUNDING_START, text, header, tail)
    goal = _find(_GOAL_LABEL, text, funding, tail)
    block = _find(_BLOCK_START, text, goal, tail)
    attachment, title, year = _read_title(form, header)
    fields = _read_header(form, header, funding)
    tree, groups, block_issues = read_indicator_block(form.lines_between(block, tail), filename)
    annual, long_term = _read_goals(form, goal, block)
    decl = Declaration(
        year=year,
        project_name=fields.pop("project_name", ""),
        title=title,
        attachment=attachment,
        department=split_org(fields.pop("department", "")),
        implementer=split_org(fields.pop("implementer", "")),
        attribute=fields.pop("attribute", ""),
        period=fields.pop("period", ""),
        funding=_read_funding(form, funding, goal),
        annual_goal=annual,
        long_term_goal=long_term,
        tree=tree,
        groups=groups,
        printed_verdict=_read_verdict(form, verdict_at, foot_at if foot_at > verdict_at else end),
        footnote=_clean_region(text[foot_at:]) if foot_at < end else "",
        other_fields=tuple((k.removeprefix("other:"), v) for k, v in fields.items()),
        location=form.loc(0),
        field_locations=tuple(form.where.items()),
    )
    if not groups:
        form.issue(block, "未找到绩效指标")
    return decl, [*form.issues, *block_issues]


class TextImporter:
    """PDF-extracted or hand-made text with one or many forms."""

    name = "text"

    def identify(self, data: bytes, filename: str) -> bool:
        """Any decodable text: the importer of last resort, which says when no form is in it."""
        try:
            decode_text(data, filename)
        except ImportFailure:
            return False
        return True

    def extract(self, data: bytes, filename: str) -> ImportResult:
        return collect(self.forms(data, filename), filename)

    def forms(self, data: bytes, filename: str) -> Iterator[FormRead]:
        """The forms of ``data`` one at a time, each with its import issues (a form with
        nothing in it comes as None with the issue that says so). A caller that writes
        each form out and drops it keeps the heap small: the 10,003-form seed corpus
        reads to JSON this way in a third of the time of holding every form."""
        text = decode_text(data, filename)
        refuse_other_kinds(text, filename)
        raw = text.splitlines()
        layout = detect_layout(list(enumerate(raw[:LAYOUT_SAMPLE], 1)))
        if layout is not Layout.TEXT_LINES or not _prints_seed_header(raw):
            lines = list(enumerate(raw, 1))
            yield from iter_assemble_parts(form_parts(lines, filename), filename)
            return
        forms = split_forms(text, raw)
        if not forms:
            raise ImportFailure(
                f"{filename}：没有找到申报表（应含“…绩效目标申报表”标题或“项目名称”栏）"
            )
        for form_lines in forms:
            decl, found = parse_form(form_lines, filename)
            if _is_empty(decl):
                yield None, [ImportIssue(decl.location, "标题之后没有申报表内容，已跳过")]
            else:
                yield decl, found


_SEED_HEADER = "一级指标二级指标三级指标指标值"


def _prints_seed_header(lines: list[str]) -> bool:
    """The PDF text of our own forms: the column header alone on its line."""
    return any("三级指标" in line and compact(line) == _SEED_HEADER for line in lines)


def _is_empty(decl: Declaration) -> bool:
    return not (decl.project_name or decl.groups or decl.funding.annual_total is not None)
