"""``jixiao score FILE… [--json]``: score filled or published self-evaluations.

Each row's points are printed with the formula, the numbers and any cap, then the total,
the grade and the checks. Exit codes: 0 when every printed total agrees with the
recomputed one, 1 when one disagrees (beyond ``evaluation_score_tolerance``), 2 on usage
or input errors (Chinese message on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from jixiao.commands import summary
from jixiao.evaluation.checks import run_checks
from jixiao.evaluation.files import EvaluationInputError, read_evaluations
from jixiao.evaluation.formulas import num
from jixiao.evaluation.model import Layout, SelfEvaluation
from jixiao.evaluation.policy import policy_for_year
from jixiao.evaluation.rules import EvaluationFinding
from jixiao.evaluation.scoring import EvaluationScore, score_evaluation
from jixiao.render.evaluation import build_evaluation_document
from jixiao.render.evaluation_formats import (
    render_evaluation_docx,
    render_evaluation_pdf,
    render_evaluation_xlsx,
)

LAYOUTS = (Layout.NATIONAL, Layout.SICHUAN, Layout.ANHUI)
WRITERS = {
    ".pdf": render_evaluation_pdf,
    ".xlsx": render_evaluation_xlsx,
    ".docx": render_evaluation_docx,
}
EXIT_OK = 0
EXIT_DISAGREES = 1
EXIT_INPUT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``score`` subcommand to the ``jixiao`` command line."""
    parser = subparsers.add_parser(
        "score",
        help=summary("score"),
        description=(
            "为已填写或已公开的项目支出绩效自评表重新计分（规范 JSON、文本或离线 Excel 自评表）。"
            "退出码：0 所印总分与重新计算一致，1 有表不一致，2 用法或输入错误。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="自评表文件")
    parser.add_argument("--json", action="store_true", help="输出 JSON 计分结果")
    parser.add_argument(
        "--output",
        metavar="OUT",
        help="另存为自评表文件（按扩展名 .pdf/.xlsx/.docx；得分为重新计算的）",
    )
    parser.add_argument(
        "--layout",
        choices=[m.value for m in LAYOUTS],
        default=Layout.NATIONAL.value,
        help="自评表表式（默认全国）",
    )
    parser.add_argument(
        "--template",
        action="store_true",
        help="与 --output 同用：输出供单位填写的离线 Excel 自评表",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Handle ``jixiao score``; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        forms = read_evaluations(args.files)
    except EvaluationInputError as exc:
        print(f"错误：{exc}", file=err)
        return EXIT_INPUT
    results = [(ev, score_evaluation(ev)) for _, ev in forms]
    if args.output:
        try:
            write_output(args.output, results, Layout(args.layout), args.template)
        except ValueError as exc:
            print(f"错误：{exc}", file=err)
            return EXIT_INPUT
    findings = [run_checks(ev, score) for ev, score in results]
    if args.json:
        items = [
            score_json(p, ev, s, f)
            for (p, ev), (_, s), f in zip(forms, results, findings, strict=True)
        ]
        out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_scores(forms, results, findings))
    return EXIT_DISAGREES if any(_disagrees(ev, s) for ev, s in results) else EXIT_OK


def write_output(
    out: str,
    results: Sequence[tuple[SelfEvaluation, EvaluationScore]],
    layout: Layout,
    template: bool,
) -> None:
    """Write the forms in ``layout`` to ``out`` (format by extension)."""
    suffix = Path(out).suffix.lower()
    if suffix not in WRITERS or (template and suffix != ".xlsx"):
        raise ValueError(
            f"输出文件“{out}”的扩展名应为 .pdf、.xlsx 或 .docx（离线自评表只能是 .xlsx）"
        )
    docs = [build_evaluation_document(ev, layout, None if template else s) for ev, s in results]
    data = render_evaluation_xlsx(docs, template=True) if template else WRITERS[suffix](docs)
    Path(out).write_bytes(data)


def _disagrees(ev: SelfEvaluation, score: EvaluationScore) -> bool:
    diff = score.total_difference
    return diff is not None and abs(diff) > policy_for_year(ev.year).tolerance


def _printed(value: Decimal | None) -> str:
    return "" if value is None else f"（原表 {num(value)}）"


def format_scores(
    forms: Sequence[tuple[str, SelfEvaluation]],
    results: Sequence[tuple[SelfEvaluation, EvaluationScore]],
    findings: Sequence[list[EvaluationFinding]],
) -> str:
    """One block per form: every row's points and explanation, the total, grade and checks."""
    blocks = []
    for (path, ev), (_, score), found in zip(forms, results, findings, strict=True):
        blocks.append("\n".join(_form_lines(path, ev, score, found)))
    disagreeing = sum(_disagrees(ev, s) for ev, s in results)
    blocks.append(f"共计分 {len(results)} 张自评表，所印总分与重新计算不一致的 {disagreeing} 张。")
    return "\n\n".join(blocks) + "\n"


def _form_lines(
    path: str, ev: SelfEvaluation, score: EvaluationScore, found: list[EvaluationFinding]
) -> list[str]:
    b = score.budget
    lines = [
        f"【{ev.project_name or '（未填项目名称）'}】 {ev.year or ''}年度  {path}",
        f"  预算执行率  分值 {num(b.weight)}  得分 {num(b.score)}"
        f"{_printed(ev.budget.printed_score)}  {b.explanation}",
    ]
    for row, result, default in zip(ev.rows, score.rows, score.default_weights, strict=True):
        weight = f"{num(result.weight)}{'（默认）' if default else ''}"
        lines.append(
            f"  {row.level1}/{row.level2}/{row.name}  分值 {weight}  得分 {num(result.score)}"
            f"{_printed(row.printed_score)}  {result.explanation}"
        )
    diff = score.total_difference
    printed = score.printed_total
    note = "" if diff is None or printed is None else f"（原表 {num(printed)}，相差 {num(diff)}）"
    lines.append(f"  总分 {num(score.total)}  等级 {score.grade}{note}  {score.grade_explanation}")
    lines += [f"  {f.code} [{f.severity}] {f.message}" for f in found]
    return lines


def score_json(
    path: str, ev: SelfEvaluation, score: EvaluationScore, found: list[EvaluationFinding]
) -> dict[str, Any]:
    b = score.budget
    rows = [
        {
            "path": [str(r.level1), str(r.level2), r.name],
            "target": r.target_text,
            "actual": r.actual_text,
            "weight": str(s.weight),
            "default_weight": d,
            "score": str(s.score),
            "printed_score": None if r.printed_score is None else str(r.printed_score),
            "formula": str(s.formula),
            "capped": s.capped,
            "explanation": s.explanation,
        }
        for r, s, d in zip(ev.rows, score.rows, score.default_weights, strict=True)
    ]
    diff = score.total_difference
    return {
        "file": path,
        "project_name": ev.project_name,
        "year": ev.year,
        "budget": {
            "weight": str(b.weight),
            "rate": None if b.rate is None else str(b.rate),
            "score": str(b.score),
            "printed_score": None
            if ev.budget.printed_score is None
            else str(ev.budget.printed_score),
            "capped": b.capped,
            "explanation": b.explanation,
        },
        "rows": rows,
        "total": str(score.total),
        "grade": str(score.grade),
        "explanation": score.grade_explanation,
        "printed_total": None if score.printed_total is None else str(score.printed_total),
        "difference": None if diff is None else str(diff),
        "findings": [
            {"code": f.code, "symbol": f.symbol, "severity": str(f.severity), "message": f.message}
            for f in found
        ],
    }
