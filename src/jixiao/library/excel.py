"""The 指标库 in Excel: the 9-column layout other tools use, our extra columns, read back exactly.

Sheet 「指标库」 starts with the nine columns 行业, 领域, 一级指标, 二级指标, 三级指标, 指标解释,
计量单位, 参考值, 依据 that provincial libraries exchange, then ours (编号, 资金用途, 指标方向,
评分标准, 类型, 状态, 备注, 别名, 来源, 取值统计, 定性取值, 常见取值). A workbook with only
the nine columns imports as curated entries. 「常见取值」 is written for people and ignored on
import; 「取值统计」 holds the distributions exactly (JSON with decimal strings). Sheets
「指标包」 and 「项目」 hold the bundles and the projects learnt from. openpyxl is imported when a
workbook is read or written, so loading the library (the review's rules do) does not load it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from io import BytesIO
from typing import TYPE_CHECKING, Any

from jixiao.export.tabular import Cell, to_xlsx
from jixiao.library.model import (
    Bundle,
    Entry,
    EntryStatus,
    Library,
    Origin,
    Project,
    ReferenceBasis,
    ValueStats,
)
from jixiao.library.names import normalise
from jixiao.library.serial import StatsError, stats_from_data, stats_to_data
from jixiao.values import Direction

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

ENTRY_SHEET, BUNDLE_SHEET, PROJECT_SHEET = "指标库", "指标包", "项目"
LIST_SEP = "；"
BUNDLE_HEADER = ("资金用途", "项目数", "编号", "申报项目数")
PROJECT_HEADER = ("来源", "项目名称", "年度", "项目属性", "资金用途", "指标编号")


class LibraryFileError(ValueError):
    """A library workbook that cannot be read; the message is Chinese and names the place."""


def _join(items: tuple[str, ...]) -> str:
    return LIST_SEP.join(items)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(LIST_SEP) if part)


def _enum_or_none(kind: Any, text: str, where: str) -> Any:
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        allowed = "、".join(m.value for m in kind)
        raise LibraryFileError(f"{where}：“{text}”不是可用的取值（可用：{allowed}）") from None


def _stats_json(stats: tuple[ValueStats, ...]) -> str:
    return json.dumps(stats_to_data(stats), ensure_ascii=False) if stats else ""


def _stats_from(text: str, where: str) -> tuple[ValueStats, ...]:
    if not text:
        return ()
    try:
        return stats_from_data(json.loads(text))
    except (ValueError, StatsError):
        raise LibraryFileError(f"{where}：取值统计无法读取") from None


def _qual_text(pairs: tuple[tuple[str, int], ...]) -> str:
    return _join(tuple(f"{term}×{n}" for term, n in pairs))


def _qual_from(text: str, where: str) -> tuple[tuple[str, int], ...]:
    pairs = []
    for part in _split(text):
        term, _, n = part.rpartition("×")
        if not term or not n.isdigit():
            raise LibraryFileError(f"{where}：定性取值“{part}”应写作“取值×次数”")
        pairs.append((term, int(n)))
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    write: Callable[[Entry], str]
    read: Callable[[Entry, str, str], Entry] | None  #: None: written for people, not read


def _set(name: str) -> Callable[[Entry, str, str], Entry]:
    def read(entry: Entry, text: str, where: str) -> Entry:
        changes: dict[str, Any] = {name: text}
        return replace(entry, **changes)

    return read


COLUMNS: tuple[_Column, ...] = (
    _Column("行业", lambda e: e.sector, _set("sector")),
    _Column("领域", lambda e: e.domain, _set("domain")),
    _Column("一级指标", lambda e: e.level1, _set("level1")),
    _Column("二级指标", lambda e: e.level2, _set("level2")),
    _Column("三级指标", lambda e: e.name, _set("name")),
    _Column("指标解释", lambda e: e.explanation, _set("explanation")),
    _Column("计量单位", lambda e: e.unit, _set("unit")),
    _Column("参考值", lambda e: e.reference, _set("reference")),
    _Column(
        "依据",
        lambda e: e.basis.value if e.basis else "",
        lambda e, t, w: replace(e, basis=_enum_or_none(ReferenceBasis, t, w)),
    ),
    _Column("编号", lambda e: e.key, _set("key")),
    _Column("资金用途", lambda e: e.fund_use, _set("fund_use")),
    _Column(
        "指标方向",
        lambda e: e.direction.value if e.direction else "",
        lambda e, t, w: replace(e, direction=_enum_or_none(Direction, t, w)),
    ),
    _Column("评分标准", lambda e: e.scoring, _set("scoring")),
    _Column(
        "类型",
        lambda e: e.origin.value,
        lambda e, t, w: replace(e, origin=_enum_or_none(Origin, t, w) or Origin.CURATED),
    ),
    _Column(
        "状态",
        lambda e: e.status.value,
        lambda e, t, w: replace(e, status=_enum_or_none(EntryStatus, t, w) or EntryStatus.ACTIVE),
    ),
    _Column("备注", lambda e: e.note, _set("note")),
    _Column("别名", lambda e: _join(e.aliases), lambda e, t, w: replace(e, aliases=_split(t))),
    _Column(
        "来源",
        lambda e: "\n".join(e.sources),
        lambda e, t, w: replace(e, sources=tuple(s for s in t.split("\n") if s)),
    ),
    _Column(
        "取值统计",
        lambda e: _stats_json(e.stats),
        lambda e, t, w: replace(e, stats=_stats_from(t, w)),
    ),
    _Column(
        "定性取值",
        lambda e: _qual_text(e.qualitative),
        lambda e, t, w: replace(e, qualitative=_qual_from(t, w)),
    ),
    _Column("常见取值", lambda e: e.typical, None),
)

#: The nine columns of the common exchange layout, in order.
EXCHANGE_HEADERS = tuple(c.header for c in COLUMNS[:9])


def write_library(library: Library) -> bytes:
    """The library as an XLSX workbook (every text cell stored as text, never a formula)."""
    entries = [[c.write(e) for c in COLUMNS] for e in library.entries]
    bundles: list[list[Cell]] = [
        [b.fund_use, b.project_count, key, n] for b in library.bundles for key, n in b.entries
    ]
    projects: list[list[Cell]] = [
        [p.source, p.name, p.year or "", p.attribute, p.fund_use, _join(p.entry_keys)]
        for p in library.projects
    ]
    return to_xlsx(
        {
            ENTRY_SHEET: ([c.header for c in COLUMNS], entries),
            BUNDLE_SHEET: (["资金用途", "项目数", "编号", "申报项目数"], bundles),
            PROJECT_SHEET: (
                ["来源", "项目名称", "年度", "项目属性", "资金用途", "指标编号"],
                projects,
            ),
        }
    )


def _cells(sheet: Worksheet) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else str(v).strip() for v in row]
        if any(cells):
            yield number, cells


def read_library(data: bytes, name: str = "指标库.xlsx") -> Library:
    """A library workbook (ours, or the 9-column exchange layout) back into a :class:`Library`."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise LibraryFileError(
            f"{name}：不是可读取的 Excel 工作簿（{type(exc).__name__}）"
        ) from None
    sheet = book[ENTRY_SHEET] if ENTRY_SHEET in book.sheetnames else book.worksheets[0]
    entries = tuple(_read_entries(sheet, name))
    bundles = _read_bundles(book[BUNDLE_SHEET], name) if BUNDLE_SHEET in book.sheetnames else ()
    projects = _read_projects(book[PROJECT_SHEET], name) if PROJECT_SHEET in book.sheetnames else ()
    return Library(entries=entries, bundles=bundles, projects=projects)


def _read_entries(sheet: Worksheet, name: str) -> Iterator[Entry]:
    rows = _cells(sheet)
    header_line, header = next(rows, (0, []))
    missing = [h for h in EXCHANGE_HEADERS if h not in header]
    if missing:
        raise LibraryFileError(f"{name}：第{header_line or 1}行缺少列 {'、'.join(missing)}")
    columns = [(header.index(c.header), c) for c in COLUMNS if c.header in header and c.read]
    for number, cells in rows:
        where = f"{name} 第{number}行"
        entry = Entry(key="", level1="", level2="", name="", origin=Origin.CURATED)
        for index, column in columns:
            text = cells[index] if index < len(cells) else ""
            assert column.read is not None
            entry = column.read(entry, text, where)
        if not entry.name or not entry.level2:
            raise LibraryFileError(f"{where}：二级指标和三级指标不能为空")
        if not entry.key:
            entry = replace(entry, key=f"{entry.level2}/{normalise(entry.name)}")
        yield entry


def _read_bundles(sheet: Worksheet, name: str) -> tuple[Bundle, ...]:
    grouped: dict[str, tuple[int, list[tuple[str, int]]]] = {}
    for number, cells in list(_cells(sheet))[1:]:
        try:
            kind, count, key, n = cells[0], int(cells[1]), cells[2], int(cells[3])
        except (IndexError, ValueError):
            raise LibraryFileError(f"{name} {BUNDLE_SHEET} 第{number}行无法读取") from None
        grouped.setdefault(kind, (count, []))[1].append((key, n))
    return tuple(Bundle(k, c, tuple(es)) for k, (c, es) in grouped.items())


def _read_projects(sheet: Worksheet, name: str) -> tuple[Project, ...]:
    projects = []
    for number, cells in list(_cells(sheet))[1:]:
        cells = [*cells, "", "", "", "", "", ""][:6]
        try:
            year = int(cells[2]) if cells[2] else None
        except ValueError:
            raise LibraryFileError(f"{name} {PROJECT_SHEET} 第{number}行：年度无法读取") from None
        projects.append(Project(cells[0], cells[1], year, cells[3], cells[4], _split(cells[5])))
    return tuple(projects)
