"""The ``monitor`` subcommand: every light of filled 监控表 with its explanation.

``jixiao monitor FILE… [--json]`` reads filled tables (XLSX, DOCX, PDF, canonical JSON or a
published text table, by content), prints each report's lights and its check findings, and
exits 1 when any report's project light is red, 2 on bad input (message in Chinese).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from jixiao.commands import summary
from jixiao.monitoring.engine import MonitoringResult, check_report
from jixiao.monitoring.entry import MonitoringInputError
from jixiao.monitoring.files import read_files
from jixiao.monitoring.lights import Lit
from jixiao.monitoring.vocab import Light
from jixiao.policy import PolicyError

EXIT_OK, EXIT_RED, EXIT_INPUT = 0, 1, 2


def _ratio(lit: Lit) -> str | None:
    return None if lit.ratio is None else str(lit.ratio.quantize(lit.ratio.__class__("0.01")))


def result_json(result: MonitoringResult) -> dict[str, Any]:
    """One report's lights and findings as a JSON object."""
    r, lights = result.report, result.lights
    return {
        "project_name": r.project_name,
        "year": r.year,
        "period": r.period,
        "source": r.location.file,
        "overall": lights.overall.value,
        "target": lights.target.value,
        "budget": {
            "light": lights.budget.light.value,
            "explanation": lights.budget.explanation,
            "ratio": _ratio(lights.budget),
        },
        "indicators": [
            {
                "path": list(row.path),
                "light": lit.light.value,
                "explanation": lit.explanation,
                "ratio": _ratio(lit),
            }
            for row, lit in zip(r.rows, lights.rows, strict=True)
        ],
        "findings": [
            {
                "code": f.code,
                "symbol": f.symbol,
                "severity": f.severity.value,
                "message": f.message,
                "path": list(f.path),
                "fix": f.fix,
            }
            for f in result.findings
        ],
    }


def result_text(result: MonitoringResult) -> str:
    """One report's lights and findings as readable Chinese lines."""
    r, lights = result.report, result.lights
    year = f"{r.year}年度 " if r.year else ""
    lines = [
        f"【{r.project_name or '（未填项目名称）'}】 {year}{r.period}  {r.location.file}",
        f"  项目预警：{lights.overall}（指标：{lights.target}；预算执行：{lights.budget.light}）",
        f"  预算执行：{lights.budget.light}  {lights.budget.explanation}",
    ]
    for row, lit in zip(r.rows, lights.rows, strict=True):
        lines.append(f"  {row.level2} / {row.name or '（无名称）'}：{lit.light}  {lit.explanation}")
    for f in result.findings:
        lines.append(f"  {f.code} {f.severity}：{f.message}")
    return "\n".join(lines)


def _monitor(args: argparse.Namespace) -> int:
    try:
        results = [check_report(report) for report in read_files(args.files)]
    except (MonitoringInputError, PolicyError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        text = json.dumps([result_json(r) for r in results], ensure_ascii=False, indent=2)
        sys.stdout.write(text + "\n")
    else:
        sys.stdout.write("\n\n".join(result_text(r) for r in results) + "\n")
    return EXIT_RED if any(r.lights.overall is Light.RED for r in results) else EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``monitor`` to the ``jixiao`` command."""
    monitor = subparsers.add_parser(
        "monitor",
        help=summary("monitor"),
        description=(
            "读取填好的项目支出绩效目标执行监控表（Excel、Word、PDF、规范 JSON 或公开的文本表格），"
            "输出每个指标和预算执行的预警灯及计算说明、监控检查结果。"
            "有红灯时退出码为1，输入有误时为2。"
        ),
    )
    monitor.add_argument("files", nargs="+", metavar="FILE", help="监控表文件")
    monitor.add_argument("--json", action="store_true", help="以 JSON 输出")
    monitor.set_defaults(handler=_monitor)


__all__ = ["register", "result_json", "result_text"]
