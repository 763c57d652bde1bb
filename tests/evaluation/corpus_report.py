"""The corpus tables of docs/self-evaluation.md: per-form agreement and the recomputation.

    PYTHONPATH=src .venv/bin/python -m tests.evaluation.corpus_report

prints the Markdown block between the ``<!-- corpus:begin -->`` and ``<!-- corpus:end -->``
markers; ``test_corpus_report`` fails when the document holds another block.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from jixiao.evaluation import score_evaluation
from jixiao.evaluation.compare import Agreement, agreement
from jixiao.evaluation.files import read_evaluation_file
from jixiao.evaluation.formulas import num
from tests.evaluation.corpus import CORPUS, SELF_EVALUATIONS

BEGIN, END = "<!-- corpus:begin -->", "<!-- corpus:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "self-evaluation.md"


def _pct(x: float) -> str:
    return f"{x:.3f}"


def report() -> str:
    """The two tables, Markdown."""
    agree = [
        "| 表 | 行（金标/导入） | 事实（正确/导入/金标） | 精确率 | 召回率 | F1 |",
        "|---|---|---|---|---|---|",
    ]
    recompute = [
        "| 表 | 所印总分 | 重新计算 | 差 | 所印得分与重算不一致的行 | 等级 |",
        "|---|---|---|---|---|---|",
    ]
    total = Agreement(0, 0, 0)
    disagree, printed = 0, 0
    for path in SELF_EVALUATIONS:
        golden = json.loads(path.read_text(encoding="utf-8"))
        (ev,) = read_evaluation_file(CORPUS / "forms" / golden["source_file"])
        a = agreement(ev, golden)
        total += a
        form = path.name[:3]
        facts = f"{a.correct}/{a.imported}/{a.golden}"
        agree.append(
            f"| {form} | {len(golden['indicators'])}/{len(ev.rows)} | {facts}"
            f" | {_pct(a.precision)} | {_pct(a.recall)} | {_pct(a.f1)} |"
        )
        score = score_evaluation(ev)
        rows = sum(
            1
            for r, s in zip(ev.rows, score.rows, strict=True)
            if r.printed_score is not None and abs(r.printed_score - s.score) > Decimal("0.1")
        )
        diff = score.total_difference
        if ev.printed_total is not None:
            printed += 1
            disagree += diff is not None and abs(diff) > Decimal("0.1")
        shown = "—" if ev.printed_total is None else num(ev.printed_total)
        delta = "—" if diff is None else num(diff)
        recompute.append(
            f"| {form} | {shown} | {num(score.total)} | {delta} | {rows} | {score.grade} |"
        )
    agree.append(
        f"| **合计** | | {total.correct}/{total.imported}/{total.golden} | {_pct(total.precision)}"
        f" | {_pct(total.recall)} | **{_pct(total.f1)}** |"
    )
    summary = f"印有总分的 {printed} 张表中，{disagree} 张的所印总分与重新计算的相差超过 0.1 分。"
    return "\n".join([BEGIN, "", *agree, "", *recompute, "", summary, "", END])


if __name__ == "__main__":
    print(report())
