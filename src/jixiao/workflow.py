"""The review workflow of a 申报表 as a pure table: statuses, actions, roles, ``can()``.

A declaration starts as 草稿. The 填报人 submits it (已提交) and may withdraw it until the
主管部门 accepts it for review (主管部门审核). The 主管部门审核人 forwards it to the 财政局
(财政审核) or returns it for revision (退回修改). The 财政审核人 decides: 通过, 退回修改, or
退回，不予纳入财政项目库. After 退回修改 the 填报人 revises and resubmits. 通过 and
退回，不予纳入财政项目库 are final: a change in the year is a new declaration. A 填报人 may
作废 (discard) a 草稿 that was never submitted: it is kept as 已作废, final, with its
transition row.

The web application persists the status and writes one transition row per change through
:func:`apply`; who may do what is decided here and tested without a browser.

>>> can(Role.FILER, Status.DRAFT, Action.SUBMIT)
True
>>> can(Role.FILER, Status.FINANCE_REVIEW, Action.APPROVE)
False
>>> apply(Role.FINANCE_REVIEWER, Status.FINANCE_REVIEW, Action.APPROVE).target
<Status.APPROVED: '通过'>
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from jixiao.model import Verdict


class Status(StrEnum):
    """审核状态 of a declaration."""

    DRAFT = "草稿"
    SUBMITTED = "已提交"
    DEPARTMENT_REVIEW = "主管部门审核"
    FINANCE_REVIEW = "财政审核"
    APPROVED = "通过"
    RETURNED = "退回修改"
    REJECTED = "退回，不予纳入财政项目库"
    DISCARDED = "已作废"

    @property
    def is_final(self) -> bool:
        """通过 and 退回，不予纳入财政项目库 admit no further action."""
        return self in _FINAL

    @property
    def is_editable(self) -> bool:
        """The 填报人 may change the content only in 草稿 and 退回修改."""
        return self in _EDITABLE


_FINAL = frozenset({Status.APPROVED, Status.REJECTED, Status.DISCARDED})
_EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class Role(StrEnum):
    """角色 of a user (domain §7)."""

    FILER = "填报人"
    DEPARTMENT_REVIEWER = "主管部门审核人"
    FINANCE_REVIEWER = "财政审核人"
    ADMIN = "管理员"


class Action(StrEnum):
    """操作 a user performs on a declaration."""

    EDIT = "保存"
    SUBMIT = "提交"
    WITHDRAW = "撤回"
    ACCEPT = "受理"
    FORWARD = "转送财政审核"
    APPROVE = "通过"
    RETURN = "退回修改"
    REJECT = "退回，不予纳入财政项目库"
    DISCARD = "作废"


@dataclass(frozen=True, slots=True)
class Transition:
    """One row of the table: from ``source`` by ``action`` to ``target``, for ``roles``."""

    source: Status
    action: Action
    target: Status
    roles: frozenset[Role]
    comment_required: bool = False  #: returning or rejecting must say why
    verdict: Verdict | None = None  #: the 综合评定等级 this decision records on the form

    @property
    def clears_verdict(self) -> bool:
        """A submission starts a new round: the form is 未评定 until the next decision."""
        return self.action is Action.SUBMIT

    @property
    def changes_status(self) -> bool:
        return self.source is not self.target


_FILER = frozenset({Role.FILER})
_DEPARTMENT = frozenset({Role.DEPARTMENT_REVIEWER})
_FINANCE = frozenset({Role.FINANCE_REVIEWER})

#: The whole workflow. Anything not listed here is not allowed.
TABLE: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Action.EDIT, Status.DRAFT, _FILER),
    Transition(Status.RETURNED, Action.EDIT, Status.RETURNED, _FILER),
    Transition(Status.DRAFT, Action.SUBMIT, Status.SUBMITTED, _FILER),
    Transition(Status.RETURNED, Action.SUBMIT, Status.SUBMITTED, _FILER),
    Transition(Status.SUBMITTED, Action.WITHDRAW, Status.DRAFT, _FILER),
    Transition(Status.DRAFT, Action.DISCARD, Status.DISCARDED, _FILER),
    Transition(Status.SUBMITTED, Action.ACCEPT, Status.DEPARTMENT_REVIEW, _DEPARTMENT),
    Transition(Status.DEPARTMENT_REVIEW, Action.FORWARD, Status.FINANCE_REVIEW, _DEPARTMENT),
    Transition(
        Status.DEPARTMENT_REVIEW, Action.RETURN, Status.RETURNED, _DEPARTMENT, comment_required=True
    ),
    Transition(
        Status.FINANCE_REVIEW, Action.APPROVE, Status.APPROVED, _FINANCE, verdict=Verdict.APPROVED
    ),
    Transition(
        Status.FINANCE_REVIEW,
        Action.RETURN,
        Status.RETURNED,
        _FINANCE,
        comment_required=True,
        verdict=Verdict.REVISE,
    ),
    Transition(
        Status.FINANCE_REVIEW,
        Action.REJECT,
        Status.REJECTED,
        _FINANCE,
        comment_required=True,
        verdict=Verdict.REJECTED,
    ),
)

_INDEX: dict[tuple[Status, Action], Transition] = {(t.source, t.action): t for t in TABLE}


class TransitionDenied(Exception):
    """The action is not allowed; the message is Chinese and says why."""


def find(status: Status, action: Action) -> Transition | None:
    """The table row for ``action`` in ``status``, whoever performs it."""
    return _INDEX.get((status, action))


def can(role: Role, status: Status, action: Action) -> bool:
    """Whether ``role`` may perform ``action`` on a declaration in ``status``."""
    row = find(status, action)
    return row is not None and role in row.roles


def apply(role: Role, status: Status, action: Action, comment: str = "") -> Transition:
    """The transition ``role`` performs, or :class:`TransitionDenied` with the reason.

    >>> apply(Role.FILER, Status.APPROVED, Action.EDIT)
    Traceback (most recent call last):
    ...
    jixiao.workflow.TransitionDenied: 状态为“通过”的申报表不能执行“保存”
    >>> apply(Role.FINANCE_REVIEWER, Status.FINANCE_REVIEW, Action.RETURN)
    Traceback (most recent call last):
    ...
    jixiao.workflow.TransitionDenied: “退回修改”须填写意见
    """
    row = find(status, action)
    if row is None:
        raise TransitionDenied(f"状态为“{status}”的申报表不能执行“{action}”")
    if role not in row.roles:
        allowed = "、".join(sorted(r.value for r in row.roles))
        raise TransitionDenied(f"“{action}”只能由{allowed}执行，当前角色为{role}")
    if row.comment_required and not comment.strip():
        raise TransitionDenied(f"“{action}”须填写意见")
    return row


def actions(role: Role, status: Status) -> tuple[Action, ...]:
    """The actions ``role`` may perform in ``status``, in table order.

    >>> [str(a) for a in actions(Role.DEPARTMENT_REVIEWER, Status.DEPARTMENT_REVIEW)]
    ['转送财政审核', '退回修改']
    """
    return tuple(t.action for t in TABLE if t.source is status and role in t.roles)


class Activity(StrEnum):
    """What a user does on a declaration without moving it (so no transition row)."""

    #: 审核意见 on a finding: only in the reviewer's own step (a 主管部门 has received a
    #: submitted form before it 受理s it)
    OPINION = "记录审核意见"
    CONTINUE = "据此创建下年度"  #: next year's draft of a 延续性项目: only from an approved form
    #: 归档 by the 管理员 instead of deleting: only a form whose workflow has ended; it is
    #: kept with all its history and leaves the working list
    ARCHIVE = "归档"


@dataclass(frozen=True, slots=True)
class Permit:
    """One row of :data:`ACTIVITIES`: ``activity`` is allowed in ``status`` for ``roles``."""

    activity: Activity
    status: Status
    roles: frozenset[Role]


#: Everything not listed here is refused.
ACTIVITIES: tuple[Permit, ...] = (
    Permit(Activity.OPINION, Status.SUBMITTED, _DEPARTMENT),
    Permit(Activity.OPINION, Status.DEPARTMENT_REVIEW, _DEPARTMENT),
    Permit(Activity.OPINION, Status.FINANCE_REVIEW, _FINANCE),
    Permit(Activity.CONTINUE, Status.APPROVED, _FILER),
    *(Permit(Activity.ARCHIVE, s, frozenset({Role.ADMIN})) for s in sorted(_FINAL)),
)


def may(role: Role, status: Status, activity: Activity) -> bool:
    """Whether ``role`` may perform ``activity`` on a declaration in ``status``.

    >>> may(Role.DEPARTMENT_REVIEWER, Status.DEPARTMENT_REVIEW, Activity.OPINION)
    True
    >>> may(Role.DEPARTMENT_REVIEWER, Status.FINANCE_REVIEW, Activity.OPINION)
    False
    """
    return any(
        p.activity is activity and p.status is status and role in p.roles for p in ACTIVITIES
    )


def check(role: Role, status: Status, activity: Activity) -> None:
    """:class:`TransitionDenied` with the reason unless :func:`may` allows ``activity``.

    >>> check(Role.FILER, Status.DRAFT, Activity.CONTINUE)
    Traceback (most recent call last):
    ...
    jixiao.workflow.TransitionDenied: 只有状态为“通过”的申报表才能据此创建下年度（当前为“草稿”）
    """
    if may(role, status, activity):
        return
    rows = [p for p in ACTIVITIES if p.activity is activity]
    if not any(role in p.roles for p in rows):
        raise TransitionDenied(f"{role}不能{activity}")
    allowed = "".join(f"“{p.status}”" for p in rows if role in p.roles)
    raise TransitionDenied(f"只有状态为{allowed}的申报表才能{activity}（当前为“{status}”）")


def route(role: Role, status: Status, action: Action) -> tuple[Action, ...] | None:
    """The shortest run of ``role``'s own status changes from ``status`` that ends with
    ``action``, or None. A reviewer's one-step 受理并转送 and the bulk actions use it; each
    step is then applied (and recorded) separately through :func:`apply`.

    >>> [str(a) for a in route(Role.DEPARTMENT_REVIEWER, Status.SUBMITTED, Action.FORWARD)]
    ['受理', '转送财政审核']
    >>> [str(a) for a in route(Role.DEPARTMENT_REVIEWER, Status.DEPARTMENT_REVIEW, Action.FORWARD)]
    ['转送财政审核']
    >>> route(Role.FINANCE_REVIEWER, Status.SUBMITTED, Action.APPROVE) is None
    True
    """
    paths: dict[Status, tuple[Action, ...]] = {status: ()}
    frontier = [status]
    while frontier:
        source = frontier.pop(0)
        for step in TABLE:
            if step.source is not source or role not in step.roles or not step.changes_status:
                continue
            path = (*paths[source], step.action)
            if step.action is action:
                return path
            if step.target not in paths:
                paths[step.target] = path
                frontier.append(step.target)
    return None


def status_changes() -> Iterator[Transition]:
    """The rows that move a declaration to another status (for docs and diagrams)."""
    return (t for t in TABLE if t.changes_status)


__all__ = [
    "ACTIVITIES",
    "TABLE",
    "Action",
    "Activity",
    "Permit",
    "Role",
    "Status",
    "Transition",
    "TransitionDenied",
    "actions",
    "apply",
    "can",
    "check",
    "find",
    "may",
    "status_changes",
]
