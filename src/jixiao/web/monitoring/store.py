"""The one write path of monitoring: open a round, save a report, move it through the workflow.

Every write runs in a transaction; every change of a report writes one transition row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from jixiao.monitoring import MonitoringReport, dumps, loads, new_report
from jixiao.monitoring.lights import ReportLights, report_lights
from jixiao.monitoring.vocab import Light
from jixiao.monitoring.workflow import FollowUp, ReportAction, ReportStatus, decide
from jixiao.web.accounts.models import User
from jixiao.web.declarations import codec
from jixiao.web.declarations import store as declaration_store
from jixiao.web.declarations.models import Declaration
from jixiao.web.monitoring.models import (
    MonitoringReportRecord,
    MonitoringRound,
    MonitoringTransitionRecord,
)
from jixiao.workflow import Status


def report_of(record: MonitoringReportRecord) -> MonitoringReport:
    """The core report stored in ``record``."""
    (report,) = loads(record.content)
    return report


def red_lights(report: MonitoringReport, lights: ReportLights) -> list[list[str]]:
    """[what, causes, measures] of every red light, the budget included (the red list)."""
    found = [
        [
            row.name,
            "、".join([*row.causes, row.cause_text] if row.cause_text else row.causes),
            row.measures,
        ]
        for row, lit in zip(report.rows, lights.rows, strict=True)
        if lit.light is Light.RED
    ]
    if lights.budget.light is Light.RED:
        found.append(["预算执行", report.budget_cause, ""])
    return found


def _store_report(record: MonitoringReportRecord, report: MonitoringReport) -> None:
    lights = report_lights(report)
    record.content = dumps([report])
    record.overall_light = lights.overall.value
    record.target_light = lights.target.value
    record.budget_light = lights.budget.light.value
    record.red_lights = red_lights(report, lights)


def approved(year: int) -> Iterable[Declaration]:
    """Every approved declaration of ``year`` (a round's default projects)."""
    return Declaration.objects.filter(year=year, status=Status.APPROVED).order_by("project_name")


@transaction.atomic
def open_round(
    user: User, year: int, month: int, deadline: datetime.date
) -> tuple[MonitoringRound, int]:
    """A new round with one report per approved declaration of ``year``."""
    round_ = MonitoringRound.objects.create(
        year=year, month=month, deadline=deadline, opened_by=user
    )
    count = 0
    for decl in approved(year):
        report = new_report(codec.from_text(decl.content), month, declaration_ref=str(decl.pk))
        record = MonitoringReportRecord(
            round=round_,
            declaration=decl,
            organisation_id=decl.organisation_id,
            project_name=decl.project_name,
        )
        _store_report(record, report)
        record.save()
        count += 1
    return round_, count


def _log(
    user: User,
    record: MonitoringReportRecord,
    action: ReportAction,
    source: ReportStatus,
    comment: str = "",
    follow_up: FollowUp | None = None,
) -> None:
    MonitoringTransitionRecord.objects.create(
        report=record,
        actor=user,
        action=action.value,
        source=source.value,
        target=record.status,
        comment=comment,
        follow_up="" if follow_up is None else follow_up.value,
    )


@transaction.atomic
def save_report(user: User, record: MonitoringReportRecord, report: MonitoringReport) -> None:
    """保存: the unit's entries (the workflow decides whether it may)."""
    locked = MonitoringReportRecord.objects.select_for_update().get(pk=record.pk)
    status = locked.workflow_status
    decide(user.workflow_role, status, ReportAction.SAVE)
    _store_report(locked, report)
    locked.revision += 1
    locked.save()
    _log(user, locked, ReportAction.SAVE, status)
    record.refresh_from_db()


def _new_version(user: User, approved: Declaration) -> Declaration:
    """调整目标: a new 草稿 of the approved declaration for the unit to revise and submit
    through the normal review; the approved version stays as it is."""
    form = codec.from_text(approved.content)
    reason = "绩效运行监控：调整目标"
    return declaration_store.create(user, approved.organisation, form, reason, previous=approved)


@transaction.atomic
def transition(
    user: User,
    record: MonitoringReportRecord,
    action: ReportAction,
    comment: str = "",
    follow_up: FollowUp | None = None,
) -> None:
    """One workflow step with its transition row; :class:`TransitionDenied` when refused."""
    locked = MonitoringReportRecord.objects.select_for_update().get(pk=record.pk)
    status = locked.workflow_status
    row = decide(user.workflow_role, status, action, comment, follow_up)
    locked.status = row.target.value
    if follow_up is not None:
        locked.follow_up, locked.follow_up_comment = follow_up.value, comment.strip()
    if follow_up is FollowUp.ADJUST:
        locked.adjustment = _new_version(user, locked.declaration)
    locked.save()
    _log(user, locked, action, status, comment.strip(), follow_up)
    record.refresh_from_db()
