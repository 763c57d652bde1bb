"""Sample monitoring reports from approved declarations written out here (the seed's 政务公开
form, and a long generated one), so the monitoring tests do not depend on the text importer."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import (
    Declaration,
    Funding,
    Indicator,
    IndicatorGroup,
    Level1,
    Level2,
    Organisation,
)
from jixiao.monitoring import FundSource, MonitoringReport, fill_budget, fill_row, new_report
from jixiao.values import parse_value

#: 银川市人民政府政务公开工作经费 (seed form 2): 二级 → (三级, 指标值) rows.
PUBLICITY_ROWS: dict[Level2, list[tuple[str, str]]] = {
    Level2.QUANTITY: [
        ("政策文件多元化解读个数", "≥35个"),
        ("政务新媒体常态化监管监测个数", "≥480个"),
        ("《银川市人民政府公报》印制发行", "≤1.1万册"),
    ],
    Level2.QUALITY: [
        ("政务新媒体使用安全", "100%"),
        ("政务新媒体常态化监管监测", "90%"),
        ("《银川市人民政府公报》发放覆盖率", "100%"),
    ],
    Level2.TIMELINESS: [
        ("政务公开宣传推广时间", "全年"),
        ("《银川市人民政府公报》发放时间", "2025年12月31日前"),
    ],
    Level2.COST: [
        ("政策文件多元化解读制作及宣传推广费用", "≤33万元"),
        ("政务新媒体监测检查技术服务费用", "≤15万元"),
        ("《银川市人民政府公报》印制发行及装订邮寄费用", "≤12万元"),
    ],
    Level2.SOCIAL_BENEFIT: [("提升银川市政务公开工作质效", "长期")],
    Level2.SUSTAINABILITY: [("查阅文件单位满意度（长期）", "长期")],
    Level2.SERVICE_SATISFACTION: [("查阅文件单位满意度", "95%")],
}
_LEVEL1 = {
    Level2.QUANTITY: Level1.OUTPUT,
    Level2.QUALITY: Level1.OUTPUT,
    Level2.TIMELINESS: Level1.OUTPUT,
    Level2.COST: Level1.OUTPUT,
    Level2.SOCIAL_BENEFIT: Level1.BENEFIT,
    Level2.SUSTAINABILITY: Level1.BENEFIT,
    Level2.SERVICE_SATISFACTION: Level1.SATISFACTION,
}


def declaration(
    name: str, rows: dict[Level2, list[tuple[str, str]]], total: str = "60"
) -> Declaration:
    groups = tuple(
        IndicatorGroup(
            _LEVEL1[level2],
            level2,
            indicators=tuple(Indicator(n, v, parse_value(v)) for n, v in items),
        )
        for level2, items in rows.items()
    )
    return Declaration(
        year=2025,
        project_name=name,
        department=Organisation("银川市人民政府办公室", "001"),
        implementer=Organisation("银川市人民政府办公室"),
        funding=Funding(Decimal(total), Decimal(total), Decimal(0)),
        annual_goal="开展政策解读和政务新媒体监管，印发《银川市人民政府公报》。",
        groups=groups,
    )


def publicity() -> Declaration:
    return declaration("银川市人民政府政务公开工作经费", PUBLICITY_ROWS)


def long_declaration(rows: int = 60) -> Declaration:
    """A declaration with ``rows`` quantity rows and a long goal: several PDF pages."""
    items = [
        (f"第{n}项服务次数（含下乡、进社区及流动站点服务）", f"≥{n * 10}次")
        for n in range(1, rows + 1)
    ]
    return declaration(
        "大型综合服务项目",
        {
            Level2.QUANTITY: items,
            **{k: v for k, v in PUBLICITY_ROWS.items() if k is not Level2.QUANTITY},
        },
        "1234.56",
    )


def publicity_report(month: int = 6) -> MonitoringReport:
    """政务公开工作经费 at 1–m月, filled as a unit would (mixed lights)."""
    report = new_report(publicity(), month, declaration_ref="seed-2")
    names = [r.name for r in report.rows]
    entries: dict[str, dict[str, object]] = {
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
        "政策文件多元化解读制作及宣传推广费用": dict(actual="12.5万元", remark="按合同分期支付"),
    }
    for name, entry in entries.items():
        report = fill_row(report, names.index(name), **entry)  # type: ignore[arg-type]
    report = fill_budget(report, FundSource.TOTAL, executed=Decimal("21.5"), forecast=Decimal("60"))
    report = fill_budget(
        report, FundSource.FISCAL, executed=Decimal("21.5"), forecast=Decimal("60")
    )
    return report
