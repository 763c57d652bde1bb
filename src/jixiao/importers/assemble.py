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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from jixiao.importers.base import ImportIssue
from jixiao.importers.cells import ATTACHMENT, GridCell, GridRow
from jixiao.importers.columns import Column, header_column, is_list_heading, level_of
from jixiao.importers.header import HeaderReader, Item, one_line
from jixiao.importers.labels import (
    EMPTY_BOXES,
    FILLED_BOXES,
    clean_text,
    marked_verdicts,
    split_org,
)
from jixiao.importers.listing import list_table
from jixiao.importers.lookup import field_of, split_label, starts_label
from jixiao.importers.table import TableReader
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
    is_form_title,
)
from jixiao.model.vocab import UNDECIDED_MARK

_K = FieldKey
_FOOTNOTE = re.compile(r"^注\s*[:：]")
_ORGS = {_K.DEPARTMENT: "department", _K.IMPLEMENTER: "implementer"}
_CODES = {_K.DEPARTMENT_CODE: _K.DEPARTMENT, _K.IMPLEMENTER_CODE: _K.IMPLEMENTER}


def items(rows: Sequence[GridRow]) -> list[Item]:
    """The cells of ``rows`` in order, labels broken over cells joined (项目起 | 止时间)."""
    out: list[Item] = []
    for number, row in enumerate(rows):
        if row.boundary:  # a page, sheet or text end: the row before it is complete
            out.append(Item(GridCell(0, 1, ""), True, True, notice=row.notice))
        for n, cell in enumerate(row.cells):
            if UNDECIDED_MARK in cell.text:  # our renders' mark on an undecided form: chrome
                cell = cell._replace(text=cell.text.replace(UNDECIDED_MARK, ""))
            new_row = n == 0 and not row.stream
            out.append(Item(cell, new_row, False, number, row.aligned, wraps=row.wraps))
    return _join_broken(out)


def _is_label(text: str) -> bool:
    return (
        field_of(text) is not None or header_column(text) is not None or level_of(text) is not None
    )


#: The most cells a broken label is joined from (绩/效/指/标, 服务对象/满意度指标/（必填量化）).
_PIECES = 5


def _join_broken(cells: list[Item]) -> list[Item]:
    """Join a label a layout broke over cells: 项目起 | 止时间 in a row, and in wrapping
    text over lines too (年度总体 / 目标, 绩 / 效 / 指 / 标, 数量指标 / （必填量化）). The
    longest join that is a label wins; two whole labels are never joined."""
    out: list[Item] = []
    i = 0
    while i < len(cells):
        item = cells[i]
        end, text = _broken_label(cells, i)
        if end > i:
            out.append(item._replace(cell=item.cell._replace(text=text)))
            i = end + 1
            continue
        out.append(item)
        i += 1
    return out


def _broken_label(cells: list[Item], i: int) -> tuple[int, str]:
    """(index of the last piece, joined text) of the label broken from ``cells[i]`` on;
    (i, "") when none starts there. The last piece may be a cell's first word, the rest of
    that cell being the label's value (年度总体 / 目标 该项目经费…)."""
    first = cells[i].cell.text.strip()
    if not first or len(first) > 12 or not starts_label(first):
        return i, ""
    best, joined = (i, ""), first
    for j in range(i + 1, min(i + _PIECES, len(cells))):
        if not _continues(cells[j - 1], cells[j]):
            break
        piece = cells[j].cell.text.strip()
        word, _, rest = piece.partition(" ")
        if rest and _is_label(joined + word) and not (_is_label(first) and _is_label(word)):
            return j, joined + word + " " + rest
        if not piece or len(piece) > 8:
            break
        joined += piece
        if _is_label(joined) and not (_is_label(first) and _is_label(piece)):
            best = (j, joined)
    return best


def _continues(before: Item, after: Item) -> bool:
    """Whether ``after`` may hold the rest of a label begun in ``before``: the next cell of
    the row, or — in wrapping text — the first cell of the next row after a row's last."""
    if not after.new_row:
        return True
    return before.wraps and after.wraps


def is_title(text: str) -> bool:
    """A form title: short, and naming a 目标表 (the catalogue's title patterns)."""
    return is_form_title(text)


def split_forms(cells: list[Item]) -> list[list[Item]]:
    """Forms start at titles (with the 附件N line above them); cells before the first
    title, and after a notice mark of the cell reader, are a notice and dropped."""
    starts = [_back_to_attachment(cells, i) for i, it in enumerate(cells) if is_title(it.cell.text)]
    if not starts:
        return list(_split_at_second_name(cells))
    cuts = sorted({*starts, *(i for i, it in enumerate(cells) if it.notice)})
    forms: list[list[Item]] = []
    for start, end in zip(cuts, [*cuts[1:], len(cells)], strict=True):
        if start >= starts[0] and not cells[start].notice:
            forms.extend(_split_at_second_name(cells[start:end]))
    return forms


def _back_to_attachment(cells: list[Item], i: int) -> int:
    j = i - 1
    while j >= 0 and not cells[j].cell.text.strip() and not cells[j].notice:
        j -= 1
    return j if j >= 0 and ATTACHMENT.match(cells[j].cell.key) else i


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


def read_form(
    cells: list[Item], filename: str, tree_hint: TreeVariant | None
) -> tuple[Declaration | None, list[ImportIssue]]:
    """One form's cells → its declaration (None when it holds nothing) and the issues."""
    form = HeaderReader(filename)
    for item in cells:  # the cell reader's guesses (a run-on cell cut at its values)
        if item.cell.note:
            form.issue(item.cell.location, item.cell.note)
    header: list[Column] = []
    listed = False
    after_block = False  #: the last filled cell was the 绩效指标 block label
    end = len(cells)
    skip = 0  #: cells before this index were read as a list table
    for i, item in enumerate(cells):
        if i < skip:
            continue
        text = item.cell.text.strip()
        if not form.started and not form.title and ATTACHMENT.match(item.cell.key):
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
        if not header and (listing := list_table(cells, i)) is not None:
            form.listed_project(listing)
            skip = listing.end
            continue
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
    form: HeaderReader,
    tree_hint: TreeVariant | None,
    listed: bool,
) -> TableReader:
    columns = header or [Column(ColumnRole.NAME, None, "")]
    table = TableReader(columns, form.issues, tree_hint or TreeVariant.CLASSIC, listed)
    table.wrapping = bool(rest) and rest[0].wraps
    for n, item in enumerate(rest):
        text = item.cell.text.strip()
        if _ends_table(text) or _FOOTNOTE.match(text):
            _read_tail(rest[n:], form)
            break
        if item.new_row or listed:
            table.new_row()
        table.feed(item.cell)
    return table


def _read_tail(cells: list[Item], form: HeaderReader) -> None:
    """综合评定等级 with its boxes (in its cell or after it), 其他需说明的问题, and the 注：
    footnote."""
    into: list[str] | None = None
    for item in cells:
        if item.boundary and into is form.footnote:
            break  # the footnote ends with its page
        text = item.cell.text.strip()
        found = split_label(text) if text else None
        if found is not None and found[0].key is _K.VERDICT:
            into, text = form.verdict_text, found[1]
            form.verdict_at = item.cell.location
        elif found is not None:
            into, text = None, ""
        elif _FOOTNOTE.match(text):
            into = form.footnote
        if into is not None and text:
            into.append(text)


def _ends_table(text: str) -> bool:
    found = split_label(text) if text else None
    return found is not None and found[0].key in (_K.VERDICT, _K.PROJECT_NAME)


def _declaration(
    form: HeaderReader, table: TableReader | None, cells: list[Item], tree_hint: TreeVariant | None
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
        project_name=one_line(t.get(_K.PROJECT_NAME, "")),
        title=form.title,
        department=department,
        implementer=implementer,
        attribute=_attribute(t.get(_K.ATTRIBUTE, "")),
        period=one_line(t.get(_K.PERIOD, "")),
        funding=funding,
        annual_goal=t.get(_K.ANNUAL_GOAL, "").strip(),
        long_term_goal=t.get(_K.LONG_TERM_GOAL, "").strip(),
        tree=tree,
        groups=groups,
        printed_verdict=_verdict(form, where),
        footnote=clean_text(" ".join(form.footnote)),
        attachment=form.attachment,
        other_fields=tuple(
            (s.label, one_line(t[s.key])) for s in SPECS if s.key in t and s.key in _OTHER
        ),
        location=where,
        field_locations=tuple((k.value, loc) for k, loc in form.where.items()),
    )
    _report_missing(form, decl, where, table is not None)
    return decl, form.issues


def read_verdict(text: str) -> tuple[Verdict | None, str]:
    """The one 综合评定等级 option whose box is filled (█ ■ ☑ …), and what stops it being
    read ("" when nothing does: one box filled, or no boxes at all)."""
    chosen = marked_verdicts("".join(text.split()))
    if chosen is None:
        boxed = any(box in text for box in FILLED_BOXES + EMPTY_BOXES)
        return None, "综合评定等级的勾选框与选项数目不一致，未读取评定结果" if boxed else ""
    if len(chosen) > 1:
        return None, "综合评定等级勾选了多个选项，未读取评定结果"
    return (chosen[0] if chosen else None), ""


def _verdict(form: HeaderReader, where: SourceLocation) -> Verdict | None:
    verdict, problem = read_verdict("".join(form.verdict_text))
    if problem:
        form.issue(form.verdict_at or where, problem)
    return verdict


_OTHER = frozenset({_K.MANAGER, _K.PHONE, _K.OVERVIEW, _K.BASIS})
_ATTRIBUTE_CODE = re.compile(r"^\d{1,3}\s*[-－]\s*")


def _attribute(text: str) -> str:
    return _ATTRIBUTE_CODE.sub("", one_line(text))


def _org(texts: dict[FieldKey, str], key: FieldKey) -> Organisation:
    """主管部门 / 实施单位 with its code, from the name cell or a separate 编码 field."""
    org = split_org(one_line(texts.get(key, "")))
    code_key = next(c for c, k in _CODES.items() if k is key)
    if code_key in texts and not org.code:
        org = Organisation(name=org.name, code=one_line(texts[code_key]))
    return org


def _report_missing(
    form: HeaderReader, decl: Declaration, where: SourceLocation, has_table: bool
) -> None:
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


def iter_assemble_parts(
    parts: Iterable[Sequence[GridRow]], filename: str, tree_hint: TreeVariant | None = None
) -> Iterator[tuple[Declaration | None, list[ImportIssue]]]:
    """:func:`iter_assemble` over the parts of a text cut at its titles (see
    :func:`jixiao.importers.cells.form_parts`), holding one form's rows at a time: a part
    that opens with a title or a notice mark ends the forms held before it. What comes
    before the first title, and a notice, is dropped as :func:`split_forms` drops it; a
    text without any title is read whole."""
    held: list[GridRow] = []
    titled = flushed = False  #: the rows held have a title; some were assembled before
    for part in parts:
        opens = _opens_form(part)
        if titled and opens:
            yield from _assemble_held(held, filename, tree_hint)
            held, titled, flushed = [], False, True
        held.extend(part)
        titled = titled or (not part[0].notice if opens else _has_title(part))
    if titled or not flushed:  # else a notice after the last form
        yield from _assemble_held(held, filename, tree_hint)


def _opens_form(rows: Sequence[GridRow]) -> bool:
    """A part opening with a notice mark, or whose first cells hold a title."""
    if rows and rows[0].notice:
        return True
    texts = [c.text for row in rows[:3] for c in row.cells]
    return any(is_title(t) for t in texts[:3])


def _has_title(rows: Sequence[GridRow]) -> bool:
    return any(is_title(c.text) for row in rows for c in row.cells)


def _assemble_held(
    rows: list[GridRow], filename: str, tree_hint: TreeVariant | None
) -> Iterator[tuple[Declaration | None, list[ImportIssue]]]:
    for form in split_forms(items(rows)):
        decl, found = read_form(form, filename, tree_hint)
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


__all__ = ["assemble", "is_title", "items", "iter_assemble", "iter_assemble_parts", "split_forms"]
