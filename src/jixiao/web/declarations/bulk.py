"""Several workflow steps at once: 受理并转送 from the review page, bulk actions from the list.

Every step goes through the core's workflow table (:func:`jixiao.workflow.route` finds the
reviewer's own steps to the wanted action, :func:`jixiao.workflow.apply` checks each) and is
written by :func:`store.transition`, one transition row per step; a bulk action also writes
one audit row per form saying it was done in bulk. A form's steps are one transaction, so a
form is either moved all the way or not at all.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from jixiao.web.accounts.models import User
from jixiao.web.declarations import codec, engine, store
from jixiao.web.declarations.models import Declaration, Transition
from jixiao.workflow import Action, Role, TransitionDenied, route

#: The most forms one bulk action may take (a confirmation page must stay readable).
MAX_FORMS = 100


class Operation(StrEnum):
    """批量操作 offered on the list."""

    FORWARD = "转送财政审核"
    APPROVE = "通过"
    DOWNLOAD = "下载"


#: The role each status-changing operation belongs to, and the action it ends with.
_ACTIONS = {Operation.FORWARD: Action.FORWARD, Operation.APPROVE: Action.APPROVE}
_ROLES = {Operation.FORWARD: Role.DEPARTMENT_REVIEWER, Operation.APPROVE: Role.FINANCE_REVIEWER}


def allowed_operations(role: Role) -> list[Operation]:
    """The bulk operations ``role`` is offered (everyone may download what they see)."""
    return [op for op in Operation if _ROLES.get(op, role) is role]


@dataclass(frozen=True, slots=True)
class Planned:
    """One chosen form on the confirmation page: what would happen to it, or why not."""

    row: Declaration
    steps: tuple[Action, ...]
    blocking: int  #: the automatic review's errors, so a reviewer sees what they approve
    reason: str = ""

    @property
    def ready(self) -> bool:
        return not self.reason

    @property
    def steps_text(self) -> str:
        return " → ".join(self.steps)


def plan(user: User, row: Declaration, op: Operation) -> Planned:
    """What ``op`` would do to ``row`` for ``user``."""
    blocking = len(engine.stored(row.content).review.blocking)
    if op is Operation.DOWNLOAD:
        return Planned(row, (), blocking)
    steps = route(user.workflow_role, row.workflow_status, _ACTIONS[op])
    if steps is None:
        return Planned(row, (), blocking, f"状态为“{row.status}”，{user.role}不能{op}")
    return Planned(row, steps, blocking)


@transaction.atomic
def advance(
    user: User, row: Declaration, steps: tuple[Action, ...], comment: str = ""
) -> list[Transition]:
    """Perform ``steps`` on ``row`` in order, all or none; each through the workflow table."""
    done = []
    for action in steps:
        done.append(store.transition(user, row, action, comment))
        row.refresh_from_db()
    return done


def perform(user: User, planned: list[Planned], op: Operation) -> tuple[int, list[str]]:
    """Carry out a confirmed status-changing bulk action: the number of forms moved, and why
    each other form was not (its status changed meanwhile, or it was never eligible)."""
    moved, refused = 0, []
    for item in planned:
        if not item.ready:
            refused.append(f"{item.row.project_name}：{item.reason}")
            continue
        try:
            with transaction.atomic():
                advance(user, item.row, item.steps, f"批量{op}")
                store.audit(user, item.row, "批量操作", f"{op}（{item.steps_text}）")
        except TransitionDenied as exc:
            refused.append(f"{item.row.project_name}：{exc}")
        else:
            moved += 1
    return moved, refused


def archive(user: User, rows: list[Declaration], fmt: str) -> bytes:
    """A ZIP with every form in ``fmt``, one file each; every download audited."""
    out = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for row in rows:
            stem = f"{row.year or ''}{row.project_name}"[:80] or "申报表"
            name, n = f"{stem}.{fmt}", 1
            while name in names:
                n += 1
                name = f"{stem}-{n}.{fmt}"
            names.add(name)
            archive_file.writestr(name, engine.render(codec.from_text(row.content), fmt))
            store.audit(user, row, "下载", f"批量下载 {fmt}")
    return out.getvalue()
