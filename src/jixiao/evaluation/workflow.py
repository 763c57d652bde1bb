"""The self-evaluation round as a pure table: statuses, actions, who may do what.

A round is opened by the 财政局 for a year with a deadline; each approved declaration of
that year gets one self-evaluation. The unit (填报人) fills it in and submits; the
主管部门 reviews (通过 → 财政审核, or 退回修改); the 财政局 reviews (通过 → 已完成, or 退回修改).
Saving and submitting close at the deadline; reviewing does not.

>>> can(Role.FILER, EvaluationStatus.FILLING, EvaluationAction.SUBMIT)
True
>>> after(EvaluationStatus.DEPARTMENT_REVIEW, EvaluationAction.APPROVE)
<EvaluationStatus.FINANCE_REVIEW: '财政审核'>
"""

from __future__ import annotations

from enum import StrEnum

from jixiao.workflow import Role


class EvaluationStatus(StrEnum):
    FILLING = "填报中"
    DEPARTMENT_REVIEW = "主管部门审核"
    FINANCE_REVIEW = "财政审核"
    DONE = "已完成"


class EvaluationAction(StrEnum):
    SAVE = "保存"
    SUBMIT = "提交"
    APPROVE = "通过"
    RETURN = "退回修改"


_S, _A = EvaluationStatus, EvaluationAction
#: (role, status, action) → the status after it.
TABLE: dict[tuple[Role, EvaluationStatus, EvaluationAction], EvaluationStatus] = {
    (Role.FILER, _S.FILLING, _A.SAVE): _S.FILLING,
    (Role.FILER, _S.FILLING, _A.SUBMIT): _S.DEPARTMENT_REVIEW,
    (Role.DEPARTMENT_REVIEWER, _S.DEPARTMENT_REVIEW, _A.APPROVE): _S.FINANCE_REVIEW,
    (Role.DEPARTMENT_REVIEWER, _S.DEPARTMENT_REVIEW, _A.RETURN): _S.FILLING,
    (Role.FINANCE_REVIEWER, _S.FINANCE_REVIEW, _A.APPROVE): _S.DONE,
    (Role.FINANCE_REVIEWER, _S.FINANCE_REVIEW, _A.RETURN): _S.FILLING,
}
#: Actions the deadline closes.
BEFORE_DEADLINE = frozenset({_A.SAVE, _A.SUBMIT})


def can(role: Role, status: EvaluationStatus, action: EvaluationAction) -> bool:
    return (role, status, action) in TABLE


def after(status: EvaluationStatus, action: EvaluationAction) -> EvaluationStatus:
    """The status an allowed action leads to (any role: the table has one per pair)."""
    return next(v for (_, s, a), v in TABLE.items() if s is status and a is action)


def actions(role: Role, status: EvaluationStatus) -> list[EvaluationAction]:
    return [a for a in EvaluationAction if can(role, status, a)]
