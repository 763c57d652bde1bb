"""Read the 附件2 form from a grid of cells: what the XLSX, DOCX and PDF importers share.

Each importer turns its file into :class:`GridRow` rows in reading order — the lines above
and below the table as one-cell rows, every table row as its cells with their column and
span, and a boundary row where a page or sheet ends. Cells covered by a merge are left
out, so a merged 一级/二级 label appears once and its later rows carry it over; a template
whose cells were unmerged by hand reads the same way. Labels are matched without spaces
or line breaks; fields are found by label, indicator columns by the table's header row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from jixiao.importers.base import ImportIssue
from jixiao.importers.labels import (
    COST_LABELS,
    HEADER_CELLS,
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    compact,
    marked_verdicts,
    split_org,
    to_wanyuan,
)
from jixiao.importers.labels import HeaderCell as Col
from jixiao.model import (
    NOWHERE,
    UNDECIDED_MARK,
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Requirement,
    SourceLocation,
    TreeVariant,
    Verdict,
)
from jixiao.values import parse_value


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell where it starts: column, how many columns it spans, its text, where it is."""

    col: int
    span: int
    text: str
    location: SourceLocation = NOWHERE
    open_end: bool = False  #: text runs on into the same cell on the next page (PDF)

    @property
    def key(self) -> str:
        return compact(self.text)


@dataclass(frozen=True, slots=True)
class GridRow:
    """A row of cells; ``boundary`` marks the end of a page, sheet or section."""

    cells: tuple[GridCell, ...] = ()
    location: SourceLocation = NOWHERE
    boundary: bool = False

    def texts(self) -> list[str]:
        return [c.text.strip() for c in self.cells if c.text.strip()]

    def has(self, label: str) -> bool:
        return any(c.key == label for c in self.cells)


BOUNDARY = GridRow(boundary=True)

_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?$")
_TITLE = re.compile(r"绩效目标(?:申报)?表$")
_YEAR = re.compile(r"^[（(]\s*((?:19|20)\d\d)?\s*年度\s*[)）]$")
_LABEL_UNIT = re.compile(r"^(.*?)(?:[（(](万元|元)[)）])?[:：]?$")
_AMOUNT = re.compile(r"^([-+]?[0-9]+(?:\.[0-9]+)?)(万元|元|万)?$")
_ANNOTATED = re.compile(r"^(.+?)[（(](必填量化|必填|选填)[)）]$")
_NAME_LABEL = "项目名称"
_VERDICT_LABEL = "综合评定等级"
_BLOCK_LABEL = "绩效指标"

#: Field labels (spaces removed, unit and colon stripped) → field.
FIELD_LABELS = {
    "项目名称": "project_name",
    "主管部门及代码": "department",
    "主管部门": "department",
    "实施单位": "implementer",
    "实施单位及代码": "implementer",
    "项目属性": "attribute",
    "项目期": "period",
    "项目周期": "period",
    "实施期限": "period",
    "年度资金总额": "annual_total",
    "其中：财政拨款": "fiscal",
    "其中财政拨款": "fiscal",
    "财政拨款": "fiscal",
    "其他资金": "other",
    "项目资金总额": "project_total",
    "年度总体目标": "annual_goal",
    "年度绩效目标": "annual_goal",
    "年度目标": "annual_goal",
    "总体目标": "annual_goal",
    "长期目标": "long_term_goal",
    "中长期目标": "long_term_goal",
    "项目总目标": "long_term_goal",
}
_MONEY_FIELDS = ("annual_total", "fiscal", "other", "project_total")
_GOAL_FIELDS = ("annual_goal", "long_term_goal")
_NATURE = {"正向": "≥", "反向": "≤", "定性": "", "定量": "", "＞": ">", "＜": "<", "＝": "="}


def one_line(text: str) -> str:
    """A single-line field: line breaks inside a cell are dropped, ends stripped."""
    return "".join(text.strip().splitlines())


# ---------------------------------------------------------------- forms in a stream


@dataclass(slots=True)
class _FormRows:
    preamble: list[GridRow] = field(default_factory=list)
    body: list[GridRow] = field(default_factory=list)
    tail: list[GridRow] = field(default_factory=list)
    closed: bool = False  #: the verdict row has been read


def _is_preamble_line(row: GridRow) -> bool:
    texts = row.texts()
    if len(texts) != 1:
        return False
    text = compact(texts[0])
    return bool(_ATTACHMENT.match(text) or _YEAR.match(text) or _TITLE.search(text))


def split_forms(rows: Sequence[GridRow]) -> list[_FormRows]:
    """Cut the stream at each 项目名称 row; rows after a verdict go to the footnote
    until a boundary (page, sheet) or a 附件/年度 line starts the next form's preamble."""
    forms: list[_FormRows] = []
    current = _FormRows()
    for row in rows:
        if current.closed and ((row.boundary and current.tail) or _is_preamble_line(row)):
            forms.append(current)
            current = _FormRows()
        if row.boundary:
            if not current.body:
                current.preamble.clear()  # a contents page or a blank page before the form
        elif row.has(_NAME_LABEL) and current.body:
            forms.append(current)
            current = _FormRows(body=[row])
        elif current.closed:
            current.tail.append(row)
        elif current.body or row.has(_NAME_LABEL):
            current.body.append(row)
            current.closed = row.has(_VERDICT_LABEL)
        else:
            current.preamble.append(row)
    if current.body:
        forms.append(current)
    return forms


def read_preamble(rows: Sequence[GridRow]) -> tuple[str, str, int | None]:
    """附件2, the title and the year from the lines above the table."""
    attachment, year, titles = "", None, []
    for row in rows:
        text = "".join(row.texts()).replace(UNDECIDED_MARK, "").strip()
        if not attachment and _ATTACHMENT.match(text):
            attachment = text
        elif m := _YEAR.match(compact(text)):
            year = int(m.group(1)) if m.group(1) else None
        elif text:
            titles.append(text)
    return attachment, titles[-1] if titles else "", year


# ---------------------------------------------------------------- fields


def label_and_unit(text: str) -> tuple[str, str]:
    """'年度资金总额（万元）：' → ('年度资金总额', '万元')."""
    m = _LABEL_UNIT.match(compact(text))
    assert m is not None  # the pattern matches every string
    return m.group(1), m.group(2) or ""


def _funding_unit(key: str) -> str | None:
    """The unit of a 项目资金（万元） group label, or None when ``key`` is no such label."""
    label, unit = label_and_unit(key)
    return (unit or "万元") if label == "项目资金" else None


@dataclass(frozen=True, slots=True)
class Field:
    """A label and its value as one header row prints them."""

    label: str
    value: str
    cell: GridCell  #: the label's cell
    open_end: bool = False  #: the value runs on into the next part (a page break)


def row_fields(row: GridRow) -> list[Field]:
    """The label/value segments of a header row; a row starting with an unknown label
    is kept as one field (it goes to ``other_fields``)."""
    segments: list[tuple[GridCell, list[GridCell]]] = []
    for cell in row.cells:
        label, _ = label_and_unit(cell.text)
        if label in FIELD_LABELS or (not segments and cell.text.strip()):
            segments.append((cell, []))
        elif segments and cell.text.strip():
            segments[-1][1].append(cell)
    return [
        Field(
            label.text.strip(),
            "\n".join(v.text.strip() for v in values),
            label,
            bool(values) and values[-1].open_end,
        )
        for label, values in segments
    ]


def parse_money(text: str, unit: str) -> Decimal | None:
    """'53.15', '53.15万元', '531,500元' → Decimal 万元; '' → None; ValueError otherwise."""
    m = _AMOUNT.match(compact(text).replace(",", "").replace("，", ""))
    if not compact(text):
        return None
    if m is None:
        raise ValueError(text)
    try:
        return to_wanyuan(m.group(1), m.group(2) or unit)
    except InvalidOperation:
        raise ValueError(text) from None


# ---------------------------------------------------------------- the indicator table


def header_columns(row: GridRow) -> dict[Col, int] | None:
    """The column of each indicator header in the 一级指标/…/指标值 row, or None."""
    columns: dict[Col, int] = {}
    for cell in row.cells:
        kind = HEADER_CELLS.get(cell.key)
        if kind is not None and kind not in columns:
            columns[kind] = cell.col
    if Col.LEVEL1 in columns and (Col.NAME in columns or Col.VALUE in columns):
        return columns
    return None


def cell_at(row: GridRow, col: int) -> GridCell | None:
    """The cell of ``row`` that covers column ``col``, or None (merged from above)."""
    return next((c for c in row.cells if c.col <= col < c.col + c.span), None)


def _text_at(row: GridRow, columns: dict[Col, int], kind: Col) -> str:
    col = columns.get(kind)
    cell = None if col is None else cell_at(row, col)
    return "" if cell is None else one_line(cell.text)


def combine_value(nature: str, value: str, unit: str) -> str:
    """指标性质 | 指标值 | 度量单位 columns → one 指标值 text (正向, 95, % → ≥95%)."""
    op = _NATURE.get(nature, nature)
    if value.startswith(op):
        op = ""
    suffix = "" if not unit or value.endswith(unit) else unit
    return f"{op}{value}{suffix}" if value else ""


@dataclass(slots=True)
class _GroupDraft:
    level1: Level1
    level2: Level2
    requirement: Requirement | None
    location: SourceLocation
    indicators: list[Indicator] = field(default_factory=list)

    def freeze(self) -> IndicatorGroup:
        return IndicatorGroup(
            self.level1, self.level2, self.requirement, tuple(self.indicators), self.location
        )


@dataclass(slots=True)
class _Table:
    """The state of the indicator table while its rows are read."""

    columns: dict[Col, int]
    issues: list[ImportIssue]
    level1: Level1 | None = None
    groups: list[_GroupDraft] = field(default_factory=list)

    def read_row(self, row: GridRow) -> None:
        if (columns := header_columns(row)) is not None:
            self.columns = columns
            return
        self._level1(row)
        self._level2(row)
        self._indicator(row)

    def _cell(self, row: GridRow, kind: Col) -> GridCell | None:
        col = self.columns.get(kind)
        cell = None if col is None else cell_at(row, col)
        return cell if cell is not None and cell.key not in ("", _BLOCK_LABEL) else None

    def _level1(self, row: GridRow) -> None:
        cell = self._cell(row, Col.LEVEL1)
        if cell is None:
            return
        level1 = Level1.COST if cell.key in COST_LABELS else LEVEL1_LABELS.get(cell.key)
        if level1 is None:
            self.issues.append(ImportIssue(cell.location, f"无法识别的一级指标“{cell.text}”"))
        self.level1 = level1 or self.level1

    def _level2(self, row: GridRow) -> None:
        cell = self._cell(row, Col.LEVEL2)
        if cell is None or self.level1 is None:
            return
        m = _ANNOTATED.match(cell.key)
        label, note = (m.group(1), m.group(2)) if m else (cell.key, None)
        level2 = Level2.COST if label in COST_LABELS else LEVEL2_LABELS.get(label)
        if level2 is None:
            self.issues.append(ImportIssue(cell.location, f"无法识别的二级指标“{cell.text}”"))
            return
        requirement = Requirement(note) if note else None
        last = self.groups[-1] if self.groups else None
        if last and (last.level1, last.level2, last.requirement) == (
            self.level1,
            level2,
            requirement,
        ):
            return  # the label repeated at the top of a new page
        self.groups.append(_GroupDraft(self.level1, level2, requirement, cell.location))

    def _indicator(self, row: GridRow) -> None:
        name = _text_at(row, self.columns, Col.NAME)
        value = combine_value(
            _text_at(row, self.columns, Col.NATURE),
            _text_at(row, self.columns, Col.VALUE),
            _text_at(row, self.columns, Col.UNIT),
        )
        if not name and not value:
            return
        name_cell = self._cell(row, Col.NAME)
        where = name_cell.location if name_cell else row.location
        if not self.groups:
            self.issues.append(ImportIssue(where, f"指标“{name}”前没有二级指标，已跳过"))
            return
        self.groups[-1].indicators.append(Indicator(name, value, parse_value(value), where))


def read_verdict(text: str) -> Verdict | None:
    """The one option whose box is filled (█ ■ ☑ …); None when none or several are."""
    chosen = marked_verdicts(compact(text))
    return chosen[0] if chosen is not None and len(chosen) == 1 else None


def detect_tree(groups: Sequence[IndicatorGroup], hint: TreeVariant | None) -> TreeVariant:
    """财预〔2021〕101号 when a group shows it (成本指标 as 一级, 经济成本指标 …)."""
    v2021 = {Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST}
    if any(g.level1 is Level1.COST or g.level2 in v2021 for g in groups):
        return TreeVariant.V2021
    return hint or TreeVariant.CLASSIC


# ---------------------------------------------------------------- one form


@dataclass(slots=True)
class _FormReader:
    filename: str
    tree_hint: TreeVariant | None
    issues: list[ImportIssue] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    other: list[tuple[str, str]] = field(default_factory=list)
    money: dict[str, Decimal | None] = field(default_factory=dict)
    money_at: SourceLocation | None = None
    unit: str = "万元"
    table: _Table | None = None
    verdict: Verdict | None = None
    last_key: str | None = None
    open_end: bool = False

    def read_body(self, rows: Sequence[GridRow]) -> None:
        for row in rows:
            if row.has(_VERDICT_LABEL):
                cells = [c for c in row.cells if c.key != _VERDICT_LABEL]
                self.verdict = read_verdict("".join(c.text for c in cells))
            elif self.table is not None:
                self.table.read_row(row)
            elif (columns := header_columns(row)) is not None:
                self.table = _Table(columns, self.issues)
            else:
                self._field_row(row)

    def _field_row(self, row: GridRow) -> None:
        for item in row_fields(row):
            if (unit := _funding_unit(item.cell.key)) is not None:
                self.unit = unit
                continue
            label, unit = label_and_unit(item.label)
            key = FIELD_LABELS.get(label)
            if key in _MONEY_FIELDS:
                self._money(key, item.value, unit or self.unit, item.cell.location)
            elif key is not None:
                self._text(key, item)
            else:
                self.other.append((item.label, item.value))
            self.last_key = key

    def _text(self, key: str, item: Field) -> None:
        """A field; a goal cut by a page break continues in the next row's same field."""
        if key in self.fields and key == self.last_key and key in _GOAL_FIELDS:
            glue = "" if self.open_end else "\n"
            self.fields[key] += glue + item.value
        else:
            self.fields.setdefault(key, item.value)
        self.open_end = item.open_end

    def _money(self, key: str, text: str, unit: str, where: SourceLocation) -> None:
        self.money_at = self.money_at or where
        try:
            self.money[key] = parse_money(text, unit)
        except ValueError:
            self.issues.append(ImportIssue(where, f"金额“{text}”无法读取（应为数字，如 53.15）"))
            self.money[key] = None

    def funding(self) -> Funding:
        return Funding(
            annual_total=self.money.get("annual_total"),
            fiscal=self.money.get("fiscal"),
            other=self.money.get("other"),
            project_total=self.money.get("project_total"),
            location=self.money_at or NOWHERE,
        )


def _goal(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def read_form(
    form: _FormRows, filename: str, tree_hint: TreeVariant | None = None
) -> tuple[Declaration, list[ImportIssue]]:
    """One form's rows → a declaration and the doubtful places met."""
    reader = _FormReader(filename, tree_hint)
    reader.read_body(form.body)
    attachment, title, year = read_preamble(form.preamble)
    groups = tuple(g.freeze() for g in reader.table.groups) if reader.table else ()
    if reader.table is None:
        reader.issues.append(
            ImportIssue(
                form.body[0].location, "未找到绩效指标表头（一级指标、二级指标、三级指标、指标值）"
            )
        )
    f = reader.fields
    decl = Declaration(
        year=year,
        project_name=one_line(f.get("project_name", "")),
        title=title,
        attachment=attachment,
        department=split_org(one_line(f.get("department", ""))),
        implementer=split_org(one_line(f.get("implementer", ""))),
        attribute=one_line(f.get("attribute", "")),
        period=one_line(f.get("period", "")),
        funding=reader.funding(),
        annual_goal=_goal(f.get("annual_goal", "")),
        long_term_goal=_goal(f.get("long_term_goal", "")),
        tree=detect_tree(groups, tree_hint),
        groups=groups,
        printed_verdict=reader.verdict,
        footnote="\n".join(t for row in form.tail for t in row.texts()),
        other_fields=tuple(reader.other),
        location=form.body[0].location,
    )
    return decl, reader.issues


def read_grid(
    rows: Sequence[GridRow], filename: str, tree_hint: TreeVariant | None = None
) -> tuple[list[Declaration], list[ImportIssue]]:
    """Every form in the stream, in order, with the import issues of all of them."""
    declarations: list[Declaration] = []
    issues: list[ImportIssue] = []
    for form in split_forms(rows):
        decl, found = read_form(form, filename, tree_hint)
        declarations.append(decl)
        issues.extend(found)
    return declarations, issues


def strip_locations(decl: Declaration) -> Declaration:
    """The declaration with every source location cleared, to compare content only."""
    groups = tuple(
        replace(
            g,
            location=NOWHERE,
            indicators=tuple(replace(i, location=NOWHERE) for i in g.indicators),
        )
        for g in decl.groups
    )
    return replace(
        decl,
        location=NOWHERE,
        funding=replace(decl.funding, location=NOWHERE),
        groups=groups,
        field_locations=(),
    )
