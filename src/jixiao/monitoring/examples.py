"""The report-patch notation of monitoring check docstrings and tests.

An example is a few lines applied to a clean base report (:func:`base_report`: the review's
base form 城市图书馆流动服务经费 at 1–6月, every indicator filled and green)::

    截止月份: 9                                      the cut-off month m
    执行数: 8                                        1–m月执行数 of 年度资金总额 (万元)
    预计执行数: 15                                   全年预计执行数 (万元)
    预算偏差原因: 政府采购流标                        预算执行偏差原因
    行 流动服务次数: 实际=30; 可能性=有可能; 原因=经费保障、其他; 原因说明=…; 预计=; 措施=; 备注=

A row line changes only the keys it names; an empty value clears the entry.

>>> report = parse_example("行 流动服务次数: 实际=30; 可能性=有可能")
>>> row = report.rows[0]
>>> row.actual_text, row.likelihood.value
('30', '有可能')
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from functools import cache

from jixiao.monitoring.build import fill_budget, fill_row, new_report
from jixiao.monitoring.model import FundSource, MonitoringReport
from jixiao.review.examples import ExampleError
from jixiao.review.examples import parse_example as parse_form_example

#: The 1–6月 entries of the base report: every row green, 确定能.
BASE_ENTRIES = {
    "流动服务次数": "60次",
    "新增图书数量": "1000册",
    "新增图书验收合格率": "100%",
    "新增图书上架时限": "20日",
    "购书费用": "6万元",
    "流动服务车辆运行费用": "4万元",
    "服务基层读者人次": "3000人次",
    "流动服务点持续运行年限": "1.5年",
    "读者满意度": "92%",
}
_ROW_KEYS = {
    "实际": "actual",
    "预计": "forecast",
    "可能性": "likelihood",
    "原因说明": "cause_text",
    "措施": "measures",
    "备注": "remark",
}
_ROW_LINE = re.compile(r"^行\s+(?P<name>[^:：]+)[:：](?P<rest>.*)$")
_FIELD_LINE = re.compile(r"^(?P<key>[^:：]+)[:：]\s*(?P<value>.*)$")


@cache
def base_report() -> MonitoringReport:
    """The clean base report every example starts from."""
    forms, _, _ = parse_form_example("")
    report = new_report(forms[0], 6, declaration_ref="示例")
    for n, row in enumerate(report.rows):
        entry = BASE_ENTRIES[row.name]
        report = fill_row(report, n, actual=entry, forecast="", likelihood="确定能")
    report = fill_budget(report, FundSource.TOTAL, executed=Decimal(10), forecast=Decimal(20))
    return report


def parse_example(text: str) -> MonitoringReport:
    """The base report with the patch ``text`` applied; :class:`ExampleError` on a bad line."""
    report = base_report()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        row = _ROW_LINE.match(line)
        report = _row_patch(report, row, number) if row else _field_patch(report, line, number)
    return report


def _row_patch(report: MonitoringReport, m: re.Match[str], number: int) -> MonitoringReport:
    names = [r.name for r in report.rows]
    name = m["name"].strip()
    if name not in names:
        raise ExampleError(f"第{number}行：基础监控表中没有指标“{name}”")
    changes: dict[str, object] = {}
    for part in m["rest"].split(";"):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or (key not in _ROW_KEYS and key != "原因"):
            raise ExampleError(f"第{number}行：无法识别“{part.strip()}”")
        if key == "原因":
            changes["causes"] = [c for c in re.split("[、,，]", value) if c.strip()]
        else:
            changes[_ROW_KEYS[key]] = value.strip()
    return fill_row(report, names.index(name), **changes)  # type: ignore[arg-type]


def _field_patch(report: MonitoringReport, line: str, number: int) -> MonitoringReport:
    m = _FIELD_LINE.match(line)
    if not m:
        raise ExampleError(f"第{number}行：应为“字段: 值”或“行 指标名称: 键=值; …”")
    key, value = m["key"].strip(), m["value"].strip()
    if key == "截止月份":
        return _replace(report, month=int(value))
    if key == "预算偏差原因":
        return _replace(report, budget_cause=value)
    if key in ("执行数", "预计执行数"):
        amount = Decimal(value)
        if key == "执行数":
            return fill_budget(report, FundSource.TOTAL, executed=amount)
        return fill_budget(report, FundSource.TOTAL, forecast=amount)
    raise ExampleError(f"第{number}行：未知字段“{key}”")


def _replace(report: MonitoringReport, **changes: object) -> MonitoringReport:
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]


__all__ = ["BASE_ENTRIES", "base_report", "parse_example"]
