"""The assembler: rows of cells → declarations, for every format.

The cell reader (:mod:`jixiao.importers.cells`) and the XLSX, DOCX and PDF-table
importers give rows of cells; this module builds the forms from them:

- a file is cut into forms at their titles (…绩效目标申报表 / 目标表 / 批复表) and at a
  second 项目名称; what comes before the first title (a notice, a 公示, page chrome) is
  skipped, so its numbers never land in a form;
- header fields are found by the catalogue's labels: the value in the same cell
  (``年度资金总额:203``), in the next cell, or — for a row of labels — in the next row's
  cells in the same order; an amount must read as money, so a label left blank does not
  take the next label's text;
- the indicator table starts at its header row and is read by
  :class:`jixiao.importers.table.TableReader`.

Every guess is an import issue with its location; every header field records where it was
read (``Declaration.field_locations``). A truncated form gives what it has, and the
required fields it lacks are listed as issues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from jixiao.importers.base import ImportIssue
from jixiao.importers.cells import GridCell, GridRow
from jixiao.importers.funding import FundingReader
from jixiao.importers.labels import marked_verdicts, split_org
from jixiao.importers.lookup import field_of, split_label
from jixiao.importers.table import (
    Column,
    TableReader,
    header_column,
    is_list_heading,
    level_of,
)
from jixiao.model import (
    NOWHERE,
    Declaration,
    Organisation,
    SourceLocation,
    TreeVariant,
    Verdict,
)
from jixiao.model.catalogue import (
    SPECS,
    ColumnRole,
    FieldKey,
    FieldKind,
    FieldSpec,
)
from jixiao.model.vocab import UNDECIDED_MARK

_K = FieldKey
#: A form's title: …绩效目标申报表, …绩效目标表, …绩效目标批复表 (a short cell).
_TITLE = re.compile(r"目标(?:申报|批复|申请)?(?:明细)?表")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年\s*度?")
_ATTACHMENT = re.compile(r"^(?:附件\s*\d*|表[一二三四五六七八九十\d]+)\s*[:：]?$")
_STAMP = re.compile(r"[（(]\s*(?:盖章|签字|签章|签名)\s*[)）]")
_FOOTNOTE = re.compile(r"^注\s*[:：]")
#: 【项目概况】：… — a list layout's bracketed label.
_BRACKETED = re.compile(r"^【([^】]{2,12})】")
_BLOCKS = frozenset({_K.FUNDING, _K.GOALS, _K.INDICATORS})
_ORGS = {_K.DEPARTMENT: "department", _K.IMPLEMENTER: "implementer"}
_CODES = {_K.DEPARTMENT_CODE: _K.DEPARTMENT, _K.IMPLEMENTER_CODE: _K.IMPLEMENTER}


@dataclass(frozen=True, slots=True)
class Item:
    """A cell in reading order; ``new_row`` where the layout prints a row boundary."""

    cell: GridCell
    new_row: bool
    boundary: bool = False  #: the end of a page, sheet or text
    row: int = 0  #: index of the row the cell is in
    aligned: bool = False  #: cell positions are the table's columns (XLSX, DOCX, PDF)


def items(rows: Sequence[GridRow]) -> list[Item]:
    """The cells of ``rows`` in order, labels broken over cells joined (项目起 | 止时间)."""
    out: list[Item] = []
    for number, row in enumerate(rows):
        if row.boundary:  # a page, sheet or text end: the row before it is complete
            out.append(Item(GridCell(0, 1, ""), True, True))
        for n, cell in enumerate(row.cells):
            if UNDECIDED_MARK in cell.text:  # our renders' mark on an undecided form: chrome
                cell = replace(cell, text=cell.text.replace(UNDECIDED_MARK, ""))
            out.append(Item(cell, n == 0 and not row.stream, False, number, row.aligned))
    return _join_broken(out)


def _is_label(text: str) -> bool:
    return (
        field_of(text) is not None or header_column(text) is not None or level_of(text) is not None
    )


def _join_broken(cells: list[Item]) -> list[Item]:
    """Join a label a layout broke over two cells (项目起 | 止时间, 总体 | 目标)."""
    out: list[Item] = []
    i = 0
    while i < len(cells):
        item = cells[i]
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and not nxt.new_row and _broken_label(item, nxt):
            joined = item.cell.text.strip() + nxt.cell.text.strip()
            out.append(replace(item, cell=replace(item.cell, text=joined)))
            i += 2
            continue
        out.append(item)
        i += 1
    return out


def _broken_label(item: Item, nxt: Item) -> bool:
    first, second = item.cell.text.strip(), nxt.cell.text.strip()
    if not first or not second or len(first) > 12 or len(second) > 8:
        return False
    return _is_label(first + second) and not _is_label(first)


def is_title(text: str) -> bool:
    """A form title: short, and naming a 目标表."""
    key = "".join(text.split())
    return len(key) <= 60 and _TITLE.search(key) is not None


def split_forms(cells: list[Item]) -> list[list[Item]]:
    """Forms start at titles (with the 附件N line above them); cells before the first
    title are a notice and dropped."""
    starts = [_back_to_attachment(cells, i) for i, it in enumerate(cells) if is_title(it.cell.text)]
    if not starts:
        starts = [0]
    bounds = [*starts[1:], len(cells)]
    forms: list[list[Item]] = []
    for start, end in zip(starts, bounds, strict=True):
        forms.extend(_split_at_second_name(cells[start:end]))
    return forms


def _back_to_attachment(cells: list[Item], i: int) -> int:
    j = i - 1
    while j >= 0 and not cells[j].cell.text.strip():
        j -= 1
    return j if j >= 0 and _ATTACHMENT.match(cells[j].cell.key) else i


def _split_at_second_name(cells: list[Item]) -> Iterator[list[Item]]:
    start, seen_table = 0, False
    for i, it in enumerate(cells):
        found = split_label(it.cell.text)
        if found and found[0].key is _K.PROJECT_NAME and seen_table:
            yield cells[start:i]
            start, seen_table = i, False
        seen_table = seen_table or _starts_table(it.cell.text)
    yield cells[start:]


def _starts_table(text: str) -> bool:
    found = header_column(text)
    return found is not None and found.role is ColumnRole.LEVEL1


@dataclass(slots=True)
class _Form:
    """One form's header fields while its cells are read."""

    filename: str
    issues: list[ImportIssue] = field(default_factory=list)
    texts: dict[FieldKey, str] = field(default_factory=dict)
    where: dict[FieldKey, SourceLocation] = field(default_factory=dict)
    queue: list[tuple[FieldSpec, Item]] = field(default_factory=list)
    funding: FundingReader = field(default_factory=FundingReader)
    year: int | None = None
    title: str = ""
    attachment: str = ""
    started: bool = False  #: a cell other than 附件N and the title has been read
    verdict_text: list[str] = field(default_factory=list)
    footnote: list[str] = field(default_factory=list)
    blank_start: bool = False  #: the current row's first cell is blank
    last: FieldKey | None = None  #: the text field assigned last
    open_end: bool = False  #: its value cell runs on across a page break (PDF)
    #: a 中期目标 that took the only goal text of its row, and the 年度目标 waiting after it
    goal_pair: tuple[FieldSpec, FieldSpec, Item] | None = None

    def issue(self, where: SourceLocation, message: str) -> None:
        self.issues.append(ImportIssue(where, message))

    def title_cell(self, text: str) -> None:
        compact = "".join(text.split())
        self.title = self.title or _TITLE_YEAR.sub("", compact).strip("（）() ") or compact
        if self.year is None and (m := _YEAR.search(compact)):
            self.year = int(m.group(1))

    def header_cell(self, item: Item) -> None:
        text = _BRACKETED.sub(r"\1", item.cell.text.strip())
        if item.new_row:
            self._new_row(item)
        if not text:
            return
        found = split_label(text) or self._near_label(text, item.cell.location)
        if found is None:
            if self.year is None and (
                m := re.fullmatch(r"[（(]?\s*((?:19|20)\d\d)\s*年度?[)）]?", "".join(text.split()))
            ):
                self.year = int(m.group(1))
                return
            self.funding.unit_hint(text)
            self._value(item, text)
            return
        spec, rest = found
        self.funding.unit_hint(text)
        if spec.key is _K.FUNDING:
            self.where.setdefault(_K.FUNDING, item.cell.location)
        if spec.key in _BLOCKS and spec.key is not _K.GOALS:
            return
        if rest:
            self._assign(spec, rest, item.cell.location, item.cell.open_end)
            return
        if _STAMP.search(text):
            return  # 填报单位(盖章)： left blank: a stamp box, its value is never the next cell
        if spec.kind is FieldKind.GOAL:  # 总体目标 | 中期目标 | 年度目标: the block label goes
            self.queue = [(s, i) for s, i in self.queue if s.key is not _K.GOALS]
        self.queue.append((spec, item))

    def _near_label(self, text: str, where: SourceLocation) -> tuple[FieldSpec, str] | None:
        """A short cell one stray character away from a label (专项名称金): read as that
        label, said as an import issue."""
        if not 3 <= len(text) <= 10 or any(ch.isdigit() for ch in text):
            return None
        for candidate in (text[:-1], text[1:]):
            if (spec := field_of(candidate)) is not None and spec.kind is not FieldKind.BLOCK:
                self.issue(where, f"栏目名“{text}”不是常见写法，按“{candidate}”读取")
                return spec, ""
        return None

    def _new_row(self, item: Item) -> None:
        """A row starting with a label leaves the previous row's waiting labels blank."""
        text = item.cell.text.strip()
        if self.queue and text and split_label(text) is not None:
            self.queue.clear()
        self.blank_start = not text

    def _value(self, item: Item, text: str) -> None:
        if not self.queue and self.blank_start and self.last is not None:
            self._continue(self.last, text)
            self.open_end = item.cell.open_end
            return
        while self.queue:
            spec, label = self.queue.pop(0)
            if spec.kind is FieldKind.MONEY and not self.funding.reads(text):
                continue
            if _left_blank(label, item):
                continue
            self._assign(spec, text, label.cell.location, item.cell.open_end)
            if len(self.queue) == 1 and self._lone_goal(spec):
                self._move_goal(spec)
            return

    def _lone_goal(self, spec: FieldSpec) -> bool:
        """A single goal text under a 中期目标 | 年度目标 pair: the year's goal."""
        waiting = self.queue[0][0]
        return spec.key is _K.LONG_TERM_GOAL and waiting.key is _K.ANNUAL_GOAL

    def _move_goal(self, spec: FieldSpec) -> None:
        waiting, label = self.queue[0]
        self.goal_pair = (spec, waiting, label)

    def end_row_goal(self) -> None:
        """At a row end: a lone goal text taken by 中期目标 moves to the waiting 年度目标."""
        if self.goal_pair is None:
            return
        spec, waiting, label = self.goal_pair
        self.goal_pair = None
        if self.queue and self.queue[0][0] is waiting:
            self.queue.pop(0)
            self.texts[waiting.key] = self.texts.pop(spec.key)
            self.where[waiting.key] = label.cell.location
            self.issue(label.cell.location, "中期目标与年度目标下只印一段目标，按年度目标读取")

    def _continue(self, key: FieldKey, text: str) -> None:
        """More of the goal read last: a row whose first cell is blank (a merged label), or
        the goal's label printed again after a page break; a cell cut by the break joins
        without a line break."""
        if _SPECS[key].kind is FieldKind.GOAL and key in self.texts:
            glue = "" if self.open_end else "\n"
            self.texts[key] += glue + text.strip()

    def _assign(self, spec: FieldSpec, text: str, where: SourceLocation, cut: bool = False) -> None:
        if spec.key is _K.GOALS:  # a 总体目标 block label holding the goal itself
            spec = _spec(_K.ANNUAL_GOAL)
        if spec.kind is FieldKind.MONEY:
            self.funding.read(spec, text, where, self.issues)
            self.where.setdefault(spec.key, where)
            return
        if spec.key in self.texts and spec.key is self.last and spec.kind is FieldKind.GOAL:
            self._continue(spec.key, text)
        elif spec.key not in self.texts or not self.texts[spec.key]:
            self.texts[spec.key] = text.strip()
            self.where[spec.key] = where
        self.last, self.open_end = spec.key, cut


_SPECS = {s.key: s for s in SPECS}


def _left_blank(label: Item, value: Item) -> bool:
    """In a grid with real columns, a label whose next column is not the value's: blank."""
    if not (label.aligned and value.aligned and label.row == value.row):
        return False
    return label.cell.col + max(1, label.cell.span) < value.cell.col


def _spec(key: FieldKey) -> FieldSpec:
    return _SPECS[key]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def read_form(
    cells: list[Item], filename: str, tree_hint: TreeVariant | None
) -> tuple[Declaration | None, list[ImportIssue]]:
    """One form's cells → its declaration (None when it holds nothing) and the issues."""
    form = _Form(filename)
    header: list[Column] = []
    listed = False
    after_block = False  #: the last filled cell was the 绩效指标 block label
    end = len(cells)
    for i, item in enumerate(cells):
        text = item.cell.text.strip()
        if not form.started and not form.title and _ATTACHMENT.match(item.cell.key):
            form.attachment = "".join(text.split()).rstrip(":：")
            continue
        if not form.started and is_title(text):
            form.title_cell(text)
            continue
        form.started = form.started or bool(text)
        if item.new_row:
            form.end_row_goal()
        column = header_column(text) if text else None
        if column is not None and (header or _opens_table(column, after_block)):
            header.append(replace(column, col=item.cell.col) if item.aligned else column)
            continue
        if header and not _widens_header(header, text):
            end = i
            break
        if header:
            if text:
                header.append(Column(None, None, text))
            continue
        if is_list_heading(text):
            end, listed = i, True
            break
        form.header_cell(item)
        after_block = _is_indicator_block(text) if text else after_block
    form.end_row_goal()
    table = None
    if header or listed:
        table = _read_table(header, cells[end:], form, tree_hint, listed)
    return _declaration(form, table, cells, tree_hint)


def _opens_table(column: Column, after_block: bool) -> bool:
    """一级指标 opens the table; so does 三级/指标 right after the 绩效指标 label (a flat list)."""
    return column.role is ColumnRole.LEVEL1 or (after_block and column.role is ColumnRole.NAME)


def _widens_header(header: list[Column], text: str) -> bool:
    """An unnamed header cell (a village, a site) before the first data row: only while
    the header has no 指标值 column and the cell is no level label."""
    if not text:
        return True
    has_value = any(c.role is ColumnRole.VALUE for c in header)
    return not has_value and level_of(text) is None and field_of(text) is None


def _is_indicator_block(text: str) -> bool:
    found = field_of(text)
    return found is not None and found.key is _K.INDICATORS


def _read_table(
    header: list[Column],
    rest: list[Item],
    form: _Form,
    tree_hint: TreeVariant | None,
    listed: bool,
) -> TableReader:
    columns = header or [Column(ColumnRole.NAME, None, "")]
    table = TableReader(columns, form.issues, tree_hint or TreeVariant.CLASSIC, listed)
    for n, item in enumerate(rest):
        text = item.cell.text.strip()
        if _ends_table(text) or _FOOTNOTE.match(text):
            _read_tail(rest[n:], form)
            break
        if item.new_row or listed:
            table.new_row()
        table.feed(item.cell)
    return table


def _read_tail(cells: list[Item], form: _Form) -> None:
    """综合评定等级 with its boxes, 其他需说明的问题, and the 注： footnote."""
    into: list[str] | None = None
    for item in cells:
        if item.boundary and into is form.footnote:
            break  # the footnote ends with its page
        text = item.cell.text.strip()
        found = field_of(text) if text else None
        if found is not None and found.key is _K.VERDICT:
            into = form.verdict_text
        elif found is not None:
            into = None
        elif _FOOTNOTE.match(text):
            into = form.footnote
        if into is not None and text and found is None:
            into.append(text)


def _ends_table(text: str) -> bool:
    found = field_of(text) if text else None
    return found is not None and found.key in (_K.VERDICT, _K.PROJECT_NAME)


def _declaration(
    form: _Form, table: TableReader | None, cells: list[Item], tree_hint: TreeVariant | None
) -> tuple[Declaration | None, list[ImportIssue]]:
    groups, tree = table.finish() if table else ((), tree_hint or TreeVariant.CLASSIC)
    t = form.texts
    funding = form.funding.funding(form.where)
    if not (t.get(_K.PROJECT_NAME) or groups or funding.annual_total is not None or t):
        return None, []
    where = cells[0].cell.location if cells else NOWHERE
    department = _org(t, _K.DEPARTMENT)
    implementer = _org(t, _K.IMPLEMENTER)
    decl = Declaration(
        year=form.year,
        project_name=_one_line(t.get(_K.PROJECT_NAME, "")),
        title=form.title,
        department=department,
        implementer=implementer,
        attribute=_attribute(t.get(_K.ATTRIBUTE, "")),
        period=_one_line(t.get(_K.PERIOD, "")),
        funding=funding,
        annual_goal=t.get(_K.ANNUAL_GOAL, "").strip(),
        long_term_goal=t.get(_K.LONG_TERM_GOAL, "").strip(),
        tree=tree,
        groups=groups,
        printed_verdict=read_verdict("".join(form.verdict_text)),
        footnote="\n".join(form.footnote),
        attachment=form.attachment,
        other_fields=tuple(
            (s.label, _one_line(t[s.key])) for s in SPECS if s.key in t and s.key in _OTHER
        ),
        location=where,
        field_locations=tuple((k.value, loc) for k, loc in form.where.items()),
    )
    _report_missing(form, decl, where, table is not None)
    return decl, form.issues


def read_verdict(text: str) -> Verdict | None:
    """The one 综合评定等级 option whose box is filled (█ ■ ☑ …); None when none or several."""
    chosen = marked_verdicts("".join(text.split()))
    return chosen[0] if chosen is not None and len(chosen) == 1 else None


_OTHER = frozenset({_K.MANAGER, _K.PHONE, _K.OVERVIEW, _K.BASIS})
_ATTRIBUTE_CODE = re.compile(r"^\d{1,3}\s*[-－]\s*")


def _attribute(text: str) -> str:
    return _ATTRIBUTE_CODE.sub("", _one_line(text))


def _org(texts: dict[FieldKey, str], key: FieldKey) -> Organisation:
    """主管部门 / 实施单位 with its code, from the name cell or a separate 编码 field."""
    org = split_org(_one_line(texts.get(key, "")))
    code_key = next(c for c, k in _CODES.items() if k is key)
    if code_key in texts and not org.code:
        org = Organisation(name=org.name, code=_one_line(texts[code_key]))
    return org


def _report_missing(form: _Form, decl: Declaration, where: SourceLocation, has_table: bool) -> None:
    if not decl.project_name:
        form.issue(where, "未找到项目名称")
    if decl.funding.annual_total is None:
        form.issue(where, "未找到年度资金总额")
    if not decl.annual_goal:
        form.issue(where, "未找到年度总体目标")
    if not has_table:
        form.issue(where, "未找到绩效指标表（表头应含一级指标、二级指标、三级指标、指标值）")


def iter_assemble(
    rows: Sequence[GridRow], filename: str, tree_hint: TreeVariant | None = None
) -> Iterator[tuple[Declaration | None, list[ImportIssue]]]:
    """The forms in ``rows`` one at a time with their import issues (None for a stretch
    between titles that holds no form: a notice, a contents page)."""
    for cells in split_forms(items(rows)):
        decl, found = read_form(cells, filename, tree_hint)
        yield decl, found if decl is not None else []


def assemble(
    rows: Sequence[GridRow], filename: str, tree_hint: TreeVariant | None = None
) -> tuple[list[Declaration], list[ImportIssue]]:
    """Every form in ``rows``, in order, with the import issues of all of them."""
    declarations: list[Declaration] = []
    issues: list[ImportIssue] = []
    for decl, found in iter_assemble(rows, filename, tree_hint):
        if decl is not None:
            declarations.append(decl)
        issues.extend(found)
    return declarations, issues


__all__ = ["assemble", "is_title", "items", "iter_assemble", "split_forms"]
