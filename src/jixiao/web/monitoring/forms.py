"""Inputs of the monitoring pages, with limits."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

from django import forms

from jixiao.monitoring import MonitoringInputError, MonitoringReport


class RoundForm(forms.Form):
    """发起监控: year, cut-off month and deadline."""

    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="截止月份", min_value=1, max_value=12, initial=6)
    deadline = forms.DateField(label="填报截止日期")

    def clean_deadline(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["deadline"]
        if day < datetime.date.today():
            raise forms.ValidationError("填报截止日期不能早于今天")
        return day


def matches_targets(
    stored: MonitoringReport, uploaded: Sequence[MonitoringReport]
) -> MonitoringReport:
    """The uploaded report, checked against the stored one's approved indicators.

    The unit may change only its entries: the cut-off, the indicators and their 年度指标值
    and the 年度预算数 must be those of the approved form.
    """
    if len(uploaded) != 1:
        raise MonitoringInputError(f"文件中应有1份监控表，实际有{len(uploaded)}份")
    (report,) = uploaded
    if report.month != stored.month or report.year != stored.year:
        raise MonitoringInputError(f"文件的监控期间（{report.year}年{report.period}）与本轮不一致")
    ours = [(r.name, r.target_text) for r in stored.rows]
    theirs = [(r.name, r.target_text) for r in report.rows]
    if ours != theirs:
        raise MonitoringInputError(
            "文件中的指标或年度指标值与批复的申报表不一致，请使用本系统下载的模板填写"
        )
    budgets = [(b.source, b.budget) for b in stored.budget]
    if [(b.source, b.budget) for b in report.budget] != budgets:
        raise MonitoringInputError("文件中的年度预算数与批复的申报表不一致")
    return dataclasses.replace(
        report,
        declaration_ref=stored.declaration_ref,
        department=stored.department,
        implementer=stored.implementer,
        annual_goal=stored.annual_goal,
        location=stored.location,
    )
