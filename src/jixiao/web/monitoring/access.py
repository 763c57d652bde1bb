"""Who sees which monitoring report: outsiders get 404, insufficient roles 403."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from jixiao.web.accounts.models import User
from jixiao.web.monitoring.models import MonitoringReportRecord
from jixiao.workflow import Role

_SEE_ALL = frozenset({Role.FINANCE_REVIEWER, Role.ADMIN})


def visible(user: User) -> QuerySet[MonitoringReportRecord]:
    """Own organisation's reports; a 主管部门 also its units'; the 财政局 all."""
    rows = MonitoringReportRecord.objects.select_related("round", "organisation")
    if user.is_superuser or user.workflow_role in _SEE_ALL:
        return rows.all()
    if user.organisation_id is None:
        return rows.none()
    if user.workflow_role is Role.DEPARTMENT_REVIEWER:
        return rows.filter(
            Q(organisation_id=user.organisation_id)
            | Q(organisation__parent_id=user.organisation_id)
        )
    return rows.filter(organisation_id=user.organisation_id)


def get_visible(user: User, pk: uuid.UUID) -> MonitoringReportRecord:
    """The report, or 404 for anyone who may not see it (existence is not revealed)."""
    return get_object_or_404(visible(user), pk=pk)
