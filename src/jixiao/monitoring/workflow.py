"""The workflow of a monitoring report as a pure table (issue 10 §4), beside the declaration's.

A round opens with one report per approved project in 待填报. The 填报人 saves and submits it
(已提交); the 主管部门审核人 forwards it to the 财政局 (财政审核) or returns it (退回修改); the
财政审核人 returns it or closes it with a recorded follow-up (已审核): 继续执行, 调整目标,
暂停执行 or 收回资金, with a comment. Roles are the declaration workflow's
(:class:`jixiao.workflow.Role`); the web app persists the status and one transition row per
change.

>>> decide(Role.FINANCE_REVIEWER, ReportStatus.FINANCE_REVIEW, ReportAction.DECIDE,
...        "进度滞后，调减下年预算", FollowUp.ADJUST).target
<ReportStatus.REVIEWED: '已审核'>
>>> decide(Role.FILER, ReportStatus.FINANCE_REVIEW, ReportAction.DECIDE)
Traceback (most recent call last):
...
jixiao.workflow.TransitionDenied: “审核并确定处理意见”只能由财政审核人执行，当前角色为填报人
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.workflow import Role, TransitionDenied


class ReportStatus(StrEnum):
    """填报状态 of a monitoring report."""

    TO_FILL = "待填报"
    SUBMITTED = "已提交"
    FINANCE_REVIEW = "财政审核"
    RETURNED = "退回修改"
    REVIEWED = "已审核"

    @property
    def is_editable(self) -> bool:
        return self in (ReportStatus.TO_FILL, ReportStatus.RETURNED)


class ReportAction(StrEnum):
    """操作 on a monitoring report."""

    SAVE = "保存"
    SUBMIT = "提交"
    FORWARD = "转送财政审核"
    RETURN = "退回修改"
    DECIDE = "审核并确定处理意见"


class FollowUp(StrEnum):
    """处理意见: what the finance bureau decides for the project (lifecycle §1.4)."""

    CONTINUE = "继续执行"
    ADJUST = "调整目标"
    SUSPEND = "暂停执行"
    RECOVER = "收回资金"


@dataclass(frozen=True, slots=True)
class ReportTransition:
    source: ReportStatus
    action: ReportAction
    target: ReportStatus
    roles: frozenset[Role]
    comment_required: bool = False
    follow_up_required: bool = False


_FILER = frozenset({Role.FILER})
_DEPARTMENT = frozenset({Role.DEPARTMENT_REVIEWER})
_FINANCE = frozenset({Role.FINANCE_REVIEWER})
_S, _A = ReportStatus, ReportAction

#: The whole monitoring workflow; anything not listed is refused.
TABLE: tuple[ReportTransition, ...] = (
    ReportTransition(_S.TO_FILL, _A.SAVE, _S.TO_FILL, _FILER),
    ReportTransition(_S.RETURNED, _A.SAVE, _S.RETURNED, _FILER),
    ReportTransition(_S.TO_FILL, _A.SUBMIT, _S.SUBMITTED, _FILER),
    ReportTransition(_S.RETURNED, _A.SUBMIT, _S.SUBMITTED, _FILER),
    ReportTransition(_S.SUBMITTED, _A.FORWARD, _S.FINANCE_REVIEW, _DEPARTMENT),
    ReportTransition(_S.SUBMITTED, _A.RETURN, _S.RETURNED, _DEPARTMENT, comment_required=True),
    ReportTransition(_S.FINANCE_REVIEW, _A.RETURN, _S.RETURNED, _FINANCE, comment_required=True),
    ReportTransition(
        _S.FINANCE_REVIEW,
        _A.DECIDE,
        _S.REVIEWED,
        _FINANCE,
        comment_required=True,
        follow_up_required=True,
    ),
)
_INDEX = {(t.source, t.action): t for t in TABLE}


def decide(
    role: Role,
    status: ReportStatus,
    action: ReportAction,
    comment: str = "",
    follow_up: FollowUp | None = None,
) -> ReportTransition:
    """The transition ``role`` performs, or :class:`TransitionDenied` with the reason (Chinese)."""
    row = _INDEX.get((status, action))
    if row is None:
        raise TransitionDenied(f"状态为“{status}”的监控表不能执行“{action}”")
    if role not in row.roles:
        allowed = "、".join(sorted(r.value for r in row.roles))
        raise TransitionDenied(f"“{action}”只能由{allowed}执行，当前角色为{role}")
    if row.comment_required and not comment.strip():
        raise TransitionDenied(f"“{action}”须填写意见")
    if row.follow_up_required and follow_up is None:
        allowed = "、".join(f.value for f in FollowUp)
        raise TransitionDenied(f"“{action}”须选择处理意见（{allowed}）")
    return row


def report_actions(role: Role, status: ReportStatus) -> tuple[ReportAction, ...]:
    """The actions ``role`` may take in ``status``, in table order (SAVE excluded).

    >>> [str(a) for a in report_actions(Role.DEPARTMENT_REVIEWER, ReportStatus.SUBMITTED)]
    ['转送财政审核', '退回修改']
    """
    return tuple(
        t.action
        for t in TABLE
        if t.source is status and role in t.roles and t.action is not ReportAction.SAVE
    )


#: Statuses in which each role has something to do (the 待办 list).
TODO: dict[Role, frozenset[ReportStatus]] = {
    Role.FILER: frozenset({ReportStatus.TO_FILL, ReportStatus.RETURNED}),
    Role.DEPARTMENT_REVIEWER: frozenset({ReportStatus.SUBMITTED}),
    Role.FINANCE_REVIEWER: frozenset({ReportStatus.FINANCE_REVIEW}),
    Role.ADMIN: frozenset(),
}


__all__ = [
    "TABLE",
    "TODO",
    "FollowUp",
    "ReportAction",
    "ReportStatus",
    "ReportTransition",
    "decide",
    "report_actions",
]
