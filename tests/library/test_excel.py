"""The library in Excel: our workbook read back exactly, the 9-column layout, bad files."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.library import (
    EXCHANGE_HEADERS,
    LibraryFileError,
    Origin,
    ReferenceBasis,
    learn,
    read_library,
    write_library,
)
from jixiao.library.curate import CurationError, annotate, combine, merge, rename, retire
from tests.library.forms import corpus_forms, seed_forms


def _book(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_reads_its_own_workbook_back_exactly() -> None:
    library = learn((*seed_forms(), *corpus_forms()))
    library = annotate(
        library,
        library.entries[0].key,
        explanation="=按合同验收",
        reference="≥95%",
        scoring="达到得满分",
    )
    library = replace(
        library,
        entries=(replace(library.entries[0], basis=ReferenceBasis.PLAN), *library.entries[1:]),
    )
    assert read_library(write_library(library)) == library


def test_it_writes_the_nine_exchange_columns_first_and_text_never_as_formula() -> None:
    library = learn(seed_forms())
    library = annotate(library, library.entries[0].key, explanation="=SUM(A1:A9)")
    sheet = load_workbook(BytesIO(write_library(library)))["指标库"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert tuple(header[:9]) == EXCHANGE_HEADERS
    assert sheet.cell(row=2, column=6).data_type == "s"


def test_it_imports_the_nine_column_layout_as_curated_entries() -> None:
    data = _book(
        [
            list(EXCHANGE_HEADERS),
            [
                "政务",
                "热线",
                "产出指标",
                "质量指标",
                "热线接通率",
                "接通电话数/呼入数",
                "%",
                "≥90",
                "行业标准",
            ],
        ]
    )
    (entry,) = read_library(data).entries
    assert (entry.key, entry.origin, entry.basis) == (
        "质量指标/热线接通率",
        Origin.CURATED,
        ReferenceBasis.INDUSTRY,
    )
    assert (entry.sector, entry.domain, entry.explanation, entry.unit, entry.reference) == (
        "政务",
        "热线",
        "接通电话数/呼入数",
        "%",
        "≥90",
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["行业", "三级指标"]], "缺少列"),
        (
            [list(EXCHANGE_HEADERS), ["", "", "产出指标", "", "热线接通率", "", "", "", ""]],
            "第2行：二级指标和三级指标不能为空",
        ),
        (
            [
                list(EXCHANGE_HEADERS),
                ["", "", "产出指标", "质量指标", "热线接通率", "", "", "", "上级要求"],
            ],
            "“上级要求”不是可用的取值",
        ),
    ],
)
def test_it_refuses_a_bad_workbook_with_a_chinese_message(
    rows: list[list[object]], message: str
) -> None:
    with pytest.raises(LibraryFileError, match=message):
        read_library(_book(rows), "库.xlsx")


def test_it_refuses_a_file_that_is_not_excel() -> None:
    with pytest.raises(LibraryFileError, match="不是可读取的 Excel 工作簿"):
        read_library(b"not a workbook", "库.xlsx")


def test_curated_entries_win_and_learn_the_forms_statistics() -> None:
    learnt = learn(seed_forms())
    data = _book(
        [
            list(EXCHANGE_HEADERS),
            [
                "",
                "",
                "满意度指标",
                "服务对象满意度指标",
                "用人单位满意度",
                "人工解释",
                "%",
                "≥95%",
                "历史标准",
            ],
        ]
    )
    combined = combine(read_library(data), learnt)
    entry = combined.entry("服务对象满意度指标/用人单位满意度")
    assert entry is not None
    assert (entry.origin, entry.explanation, entry.form_count) == (Origin.CURATED, "人工解释", 2)
    assert entry.stats and entry.stats[0].count == 2
    assert len(combined.entries) == len(learnt.entries)


def test_curators_rename_retire_and_merge() -> None:
    library = learn(seed_forms())
    key = "服务对象满意度指标/用人单位满意度"
    renamed = rename(library, key, "用人单位对聘用人员的满意度")
    entry = renamed.entry(key)
    assert (
        entry is not None
        and entry.name == "用人单位对聘用人员的满意度"
        and "用人单位满意度" in entry.aliases
    )
    retired = retire(library, key, "已并入共性指标")
    assert retired.entry(key).status.value == "停用"  # type: ignore[union-attr]
    other = "服务对象满意度指标/办公人员满意度"
    merged = merge(library, [other], into=key)
    assert merged.entry(other) is None
    into = merged.entry(key)
    assert into is not None and "办公人员满意度" in into.aliases and into.form_count == 3
    with pytest.raises(CurationError, match="没有编号"):
        rename(library, "没有/这个", "x")
    with pytest.raises(CurationError, match="自身"):
        merge(library, [key], into=key)
