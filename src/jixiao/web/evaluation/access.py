"""Who sees which self-evaluation: outsider → 404, insufficient role → 403."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from jixiao.web.accounts.models import User
from jixiao.web.evaluation.models import EvaluationRecord
from jixiao.workflow import Role

_SEE_ALL = frozenset({Role.FINANCE_REVIEWER, Role.ADMIN})


def visible(user: User) -> QuerySet[EvaluationRecord]:
    """Own organisation; a 主管部门 also its units; 财政 and 管理员 all."""
    rows = EvaluationRecord.objects.select_related("round", "organisation", "declaration")
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


def get_visible(user: User, pk: uuid.UUID) -> EvaluationRecord:
    return get_object_or_404(visible(user), pk=pk)
