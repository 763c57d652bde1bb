"""Every write of the self-evaluation app, each in one transaction with its event row."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.evaluation import SelfEvaluation, dumps, loads, score_evaluation
from jixiao.evaluation.prefill import from_declaration
from jixiao.evaluation.workflow import (
    BEFORE_DEADLINE,
    EvaluationAction,
    EvaluationStatus,
    after,
    can,
)
from jixiao.web.accounts.models import User
from jixiao.web.declarations import codec
from jixiao.web.declarations.models import Declaration
from jixiao.web.evaluation.models import EvaluationEvent, EvaluationRecord, EvaluationRound
from jixiao.workflow import Status


class Conflict(Exception):
    """The self-evaluation changed since the page was loaded; nothing was written."""


class Refused(Exception):
    """The workflow or the deadline does not allow this now (Chinese message)."""


def form_of(record: EvaluationRecord) -> SelfEvaluation:
    (ev,) = loads(record.content)
    return ev


def _scored(ev: SelfEvaluation) -> dict[str, object]:
    score = score_evaluation(ev)
    return {
        "content": dumps([ev]),
        "total_hundredths": int(score.total * 100),
        "grade": score.grade.value,
    }


def _event(
    record: EvaluationRecord, user: User, action: EvaluationAction, source: str, note: str
) -> None:
    EvaluationEvent.objects.create(
        record=record,
        actor=user,
        action=action,
        source=source,
        target=record.status,
        total_hundredths=record.total_hundredths,
        note=note,
    )


@transaction.atomic
def open_round(user: User, year: int, deadline: date) -> EvaluationRound:
    """Open the year's round: one prefilled self-evaluation per approved declaration."""
    if EvaluationRound.objects.filter(year=year).exists():
        raise Refused(f"{year}年度的绩效自评已经开启")
    round_ = EvaluationRound.objects.create(year=year, deadline=deadline, opened_by=user)
    approved = Declaration.objects.filter(year=year, status=Status.APPROVED)
    for decl in approved.select_related("organisation"):
        ev = from_declaration(codec.from_text(decl.content))
        EvaluationRecord.objects.create(
            round=round_,
            declaration=decl,
            organisation=decl.organisation,
            project_name=decl.project_name,
            **_scored(ev),
        )
    return round_


def check(user: User, record: EvaluationRecord, action: EvaluationAction) -> None:
    status = record.workflow_status
    if not can(user.workflow_role, status, action):
        raise Refused(f"当前状态（{status}）下，{user.role}不能执行“{action}”")
    if action in BEFORE_DEADLINE and timezone.localdate() > record.round.deadline:
        raise Refused(f"绩效自评已于 {record.round.deadline} 截止，不能再{action}")


@transaction.atomic
def save(user: User, record: EvaluationRecord, revision: int, ev: SelfEvaluation) -> None:
    """Store the unit's entries with the recomputed score; a stale revision writes nothing."""
    check(user, record, EvaluationAction.SAVE)
    columns = _scored(ev)
    updated = EvaluationRecord.objects.filter(pk=record.pk, revision=revision).update(
        revision=F("revision") + 1, **columns
    )
    if not updated:
        raise Conflict("自评表已被他人修改，请刷新后重新填写")
    record.refresh_from_db()
    _event(record, user, EvaluationAction.SAVE, record.status, "")


@transaction.atomic
def transition(user: User, record: EvaluationRecord, action: EvaluationAction, note: str) -> None:
    """Submit, approve or return a self-evaluation, with its event row."""
    check(user, record, action)
    source = record.status
    target: EvaluationStatus = after(record.workflow_status, action)
    updated = EvaluationRecord.objects.filter(pk=record.pk, status=source).update(status=target)
    if not updated:
        raise Conflict("自评表状态已变化，请刷新")
    record.refresh_from_db()
    _event(record, user, action, source, note)
