"""The offline 监控表 template: prefilled from approved declarations, for units to fill in.

Each declaration becomes one report at the round's cut-off month with its approved
indicators and 年度指标值 copied (locked in the XLSX), ready for 1–m月 values, forecasts,
causes, likelihoods and measures; :func:`jixiao.monitoring.files.read_file` reads it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jixiao.model import Declaration
from jixiao.monitoring.build import new_report
from jixiao.monitoring.lights import ReportLights
from jixiao.monitoring.model import MonitoringReport
from jixiao.render.monitoring_docx import render_monitoring_docx
from jixiao.render.monitoring_pdf import render_monitoring_pdf
from jixiao.render.monitoring_xlsx import render_monitoring_xlsx

MonitoringRenderer = Callable[
    [Sequence[MonitoringReport], Sequence[ReportLights | None] | None], bytes
]
MONITORING_RENDERERS: dict[str, MonitoringRenderer] = {
    "xlsx": render_monitoring_xlsx,
    "docx": render_monitoring_docx,
    "pdf": render_monitoring_pdf,
}


def monitoring_template(decls: Sequence[Declaration], month: int, fmt: str) -> bytes:
    """The offline table for ``decls`` at cut-off ``month`` in format ``fmt``."""
    renderer = MONITORING_RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"监控表模板不支持“{fmt}”格式（可选：{'、'.join(MONITORING_RENDERERS)}）")
    if not 1 <= month <= 12:
        raise ValueError(f"截止月份应为1–12，而不是{month}")
    if not decls:
        raise ValueError("没有可用于生成监控表的申报表")
    return renderer([new_report(d, month) for d in decls], None)


__all__ = ["MONITORING_RENDERERS", "monitoring_template"]
