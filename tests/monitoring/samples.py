"""Sample monitoring reports built from the seed's approved declarations."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jixiao.importers.files import read_file
from jixiao.model import Declaration
from jixiao.monitoring import FundSource, MonitoringReport, fill_budget, fill_row, new_report

SEED = Path(__file__).parents[2] / "src" / "jixiao" / "data" / "seed_yinchuan_2025.txt"


@cache
def seed() -> tuple[Declaration, ...]:
    return read_file(SEED).declarations


def publicity_report(month: int = 6) -> MonitoringReport:
    """银川市人民政府政务公开工作经费 at 1–m月, filled as a unit would (mixed lights)."""
    decl = next(d for d in seed() if d.project_name == "银川市人民政府政务公开工作经费")
    report = new_report(decl, month, declaration_ref="seed-2")
    names = [r.name for r in report.rows]
    entries = {
        "政策文件多元化解读个数": dict(
            actual="12",
            forecast="30",
            likelihood="有可能",
            causes=["经费保障", "其他"],
            cause_text="解读任务集中在下半年",
            measures="下半年加快解读进度",
        ),
        "政务新媒体常态化监管监测个数": dict(actual="240个", forecast="480个", likelihood="确定能"),
        "《银川市人民政府公报》印制发行": dict(
            actual="0.5万册", forecast="1.1万册", likelihood="确定能"
        ),
        "政务新媒体使用安全": dict(actual="100%", forecast="100%", likelihood="确定能"),
        "政务公开宣传推广时间": dict(actual="达成目标", likelihood="确定能"),
    }
    for name, entry in entries.items():
        report = fill_row(report, names.index(name), **entry)  # type: ignore[arg-type]
    report = fill_budget(report, FundSource.TOTAL, executed=Decimal("21.5"), forecast=Decimal("60"))
    return report
