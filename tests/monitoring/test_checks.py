"""Monitoring checks: docstring examples run, cases say where, generated docs are current."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.monitoring.engine import check_report
from jixiao.monitoring.examples import base_report, parse_example
from jixiao.monitoring.registry import CHECKS
from jixiao.monitoring.ruledocs import pages
from jixiao.review.examples import ExampleError

DOCS = Path(__file__).parents[2] / "docs" / "monitoring-rules"
REGENERATE = "运行 PYTHONPATH=src python -m jixiao.monitoring.ruledocs docs/monitoring-rules"


def _where(code: str, text: str) -> list[str]:
    result = check_report(parse_example(text), select=(code,))
    return [
        f"{f.code}@{'报表' if f.row is None else result.report.rows[f.row].name}"
        for f in result.findings
    ]


def test_the_base_report_is_clean() -> None:
    result = check_report(base_report())
    assert result.findings == ()
    assert result.lights.overall.value == "绿灯"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_docstring_examples(code: str) -> None:
    sections = CHECKS[code].sections
    assert _where(code, sections["不合格示例"]), f"{code} 的不合格示例未被检出"
    assert _where(code, sections["合格示例"]) == [], f"{code} 的合格示例被误报"


CASES = [
    ("M01", "行 流动服务次数: 实际=30; 可能性=完全不可能", ["M01@流动服务次数"]),
    ("M01", "行 流动服务次数: 可能性=有可能; 预计=100; 原因=经费保障; 措施=加班", []),
    ("M02", "行 购书费用: 原因=经费保障、其他; 原因说明=", ["M02@购书费用"]),
    ("M02", "行 购书费用: 原因=经费保障", []),
    ("M03", "行 读者满意度: 实际=50%; 可能性=确定能", ["M03@读者满意度"]),
    ("M03", "行 读者满意度: 实际=90%; 可能性=确定能", []),
    ("M04", "预计执行数: 17.99", ["M04@报表"]),
    ("M04", "预计执行数: 18", []),  # boundary: exactly 90%
    ("M05", "行 新增图书数量: 预计=2600册", ["M05@新增图书数量"]),  # boundary: exactly 130%
    ("M05", "行 新增图书数量: 预计=2599", []),
    ("M05", "行 购书费用: 预计=30万元", []),  # a reverse indicator never overshoots
    (
        "M06",
        "执行数: 5\n行 流动服务次数: 实际=40; 可能性=有可能; 预计=100; 措施=加班",
        ["M06@流动服务次数", "M06@报表"],
    ),
    ("M06", "执行数: 5\n预算偏差原因: 采购延后", []),
    ("M06", "行 流动服务次数: 实际=200", []),  # blue needs no explanation
    ("M07", "行 服务基层读者人次: 实际=约三千; 可能性=", ["M07@服务基层读者人次"]),
    ("M07", "行 服务基层读者人次: 实际=; 可能性=有可能", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_it_finds_defects_where_they_are(code: str, text: str, expected: list[str]) -> None:
    assert _where(code, text) == expected


def test_every_check_has_positive_and_negative_cases() -> None:
    for code in CHECKS:
        outcomes = [bool(e) for c, _, e in CASES if c == code]
        assert True in outcomes and False in outcomes, code


def test_findings_carry_message_path_basis_and_fix() -> None:
    result = check_report(parse_example("行 购书费用: 原因=其他"))
    (finding,) = result.findings
    assert finding.message == "指标“购书费用”勾选了偏差原因“其他”，但未写明具体原因"
    assert finding.path == ("产出指标", "成本指标", "购书费用")
    assert "财预〔2019〕136号" in finding.basis and finding.fix


def test_a_bad_example_line_is_named() -> None:
    with pytest.raises(ExampleError, match=r"第1行.*没有指标“不存在”"):
        parse_example("行 不存在: 实际=1")


def test_every_check_has_a_page_and_an_index_entry() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for code in CHECKS:
        assert (DOCS / f"{code}.md").exists(), f"{code} 没有文档；{REGENERATE}"
        assert f"[{code}]({code}.md)" in index


def test_generated_pages_are_not_stale() -> None:
    for name, text in pages().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"{name} 已过期；{REGENERATE}"


def test_no_page_without_a_check() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(pages())
