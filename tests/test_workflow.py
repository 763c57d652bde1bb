"""The workflow table: who may do what in which status, tested without a browser."""

from __future__ import annotations

import doctest
import itertools

import pytest

import jixiao.workflow as workflow
from jixiao.model import Verdict
from jixiao.workflow import (
    Action,
    Activity,
    Role,
    Status,
    TransitionDenied,
    actions,
    apply,
    can,
    check,
    may,
)

F, D, C, A = Role.FILER, Role.DEPARTMENT_REVIEWER, Role.FINANCE_REVIEWER, Role.ADMIN

#: Every allowed (role, status, action) → target; everything else must be denied.
ALLOWED = {
    (F, Status.DRAFT, Action.EDIT): Status.DRAFT,
    (F, Status.RETURNED, Action.EDIT): Status.RETURNED,
    (F, Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (F, Status.RETURNED, Action.SUBMIT): Status.SUBMITTED,
    (F, Status.SUBMITTED, Action.WITHDRAW): Status.DRAFT,
    (F, Status.DRAFT, Action.DISCARD): Status.DISCARDED,
    (D, Status.SUBMITTED, Action.ACCEPT): Status.DEPARTMENT_REVIEW,
    (D, Status.DEPARTMENT_REVIEW, Action.FORWARD): Status.FINANCE_REVIEW,
    (D, Status.DEPARTMENT_REVIEW, Action.RETURN): Status.RETURNED,
    (C, Status.FINANCE_REVIEW, Action.APPROVE): Status.APPROVED,
    (C, Status.FINANCE_REVIEW, Action.RETURN): Status.RETURNED,
    (C, Status.FINANCE_REVIEW, Action.REJECT): Status.REJECTED,
}


def test_it_runs_the_module_doctests() -> None:
    result = doctest.testmod(workflow)
    assert result.attempted >= 4
    assert result.failed == 0


EVERY_CASE = list(itertools.product(Role, Status, Action))


@pytest.mark.parametrize(("role", "status", "action"), EVERY_CASE)
def test_it_allows_exactly_the_table(role: Role, status: Status, action: Action) -> None:
    expected = ALLOWED.get((role, status, action))
    assert can(role, status, action) is (expected is not None)
    if expected is None:
        with pytest.raises(TransitionDenied):
            apply(role, status, action, comment="意见")
    else:
        assert apply(role, status, action, comment="意见").target is expected


def test_it_walks_the_story_of_the_issue() -> None:
    path = [
        (F, Action.SUBMIT),
        (D, Action.ACCEPT),
        (D, Action.FORWARD),
        (C, Action.RETURN),
        (F, Action.EDIT),
        (F, Action.SUBMIT),
        (D, Action.ACCEPT),
        (D, Action.FORWARD),
        (C, Action.APPROVE),
    ]
    status = Status.DRAFT
    for role, action in path:
        status = apply(role, status, action, comment="请修改成本指标").target
    assert status is Status.APPROVED
    assert status.is_final


def test_it_lets_the_filer_withdraw_only_before_review() -> None:
    assert can(F, Status.SUBMITTED, Action.WITHDRAW)
    for status in (Status.DEPARTMENT_REVIEW, Status.FINANCE_REVIEW, Status.APPROVED):
        assert not can(F, status, Action.WITHDRAW)


def test_it_requires_a_comment_to_return_or_reject() -> None:
    for role, status, action in [
        (D, Status.DEPARTMENT_REVIEW, Action.RETURN),
        (C, Status.FINANCE_REVIEW, Action.RETURN),
        (C, Status.FINANCE_REVIEW, Action.REJECT),
    ]:
        with pytest.raises(TransitionDenied, match="须填写意见"):
            apply(role, status, action, comment="  ")
        assert apply(role, status, action, comment="成本指标与预算不符").comment_required


def test_it_records_the_verdict_only_for_finance_decisions() -> None:
    assert apply(C, Status.FINANCE_REVIEW, Action.APPROVE).verdict is Verdict.APPROVED
    assert apply(C, Status.FINANCE_REVIEW, Action.RETURN, "改").verdict is Verdict.REVISE
    assert apply(C, Status.FINANCE_REVIEW, Action.REJECT, "否").verdict is Verdict.REJECTED
    assert apply(D, Status.DEPARTMENT_REVIEW, Action.RETURN, "改").verdict is None


def test_it_names_the_allowed_role_when_denying() -> None:
    with pytest.raises(TransitionDenied, match="只能由财政审核人执行，当前角色为主管部门审核人"):
        apply(D, Status.FINANCE_REVIEW, Action.APPROVE)


def test_it_lists_actions_in_table_order() -> None:
    assert actions(C, Status.FINANCE_REVIEW) == (Action.APPROVE, Action.RETURN, Action.REJECT)
    assert actions(A, Status.DRAFT) == ()
    assert actions(F, Status.APPROVED) == ()


def test_it_allows_editing_only_in_editable_statuses() -> None:
    for status in Status:
        assert can(F, status, Action.EDIT) is status.is_editable


def test_it_leaves_final_statuses_without_exits() -> None:
    for status in Status:
        if status.is_final:
            assert all(not actions(role, status) for role in Role)
        else:
            assert any(actions(role, status) for role in Role)


def test_it_reaches_every_status_from_draft() -> None:
    reached = {Status.DRAFT}
    frontier = [Status.DRAFT]
    while frontier:
        status = frontier.pop()
        for row in workflow.TABLE:
            if row.source is status and row.target not in reached:
                reached.add(row.target)
                frontier.append(row.target)
    assert reached == set(Status)


def test_it_is_documented_row_by_row_in_docs_workflow_md() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "workflow.md").read_text("utf-8")
    for row in workflow.status_changes():
        roles = "、".join(sorted(r.value for r in row.roles))
        assert f"| {row.source} | {row.action} | {row.target} | {roles} |" in doc, row


#: Every allowed (role, status, activity); everything else must be refused.
ACTIVITY_ALLOWED = {
    (D, Status.SUBMITTED, Activity.OPINION),
    (D, Status.DEPARTMENT_REVIEW, Activity.OPINION),
    (C, Status.FINANCE_REVIEW, Activity.OPINION),
    (F, Status.APPROVED, Activity.CONTINUE),
    (A, Status.APPROVED, Activity.ARCHIVE),
    (A, Status.REJECTED, Activity.ARCHIVE),
    (A, Status.DISCARDED, Activity.ARCHIVE),
}


@pytest.mark.parametrize(
    ("role", "status", "activity"), list(itertools.product(Role, Status, Activity))
)
def test_it_allows_exactly_the_listed_activities(
    role: Role, status: Status, activity: Activity
) -> None:
    allowed = (role, status, activity) in ACTIVITY_ALLOWED
    assert may(role, status, activity) is allowed
    if allowed:
        check(role, status, activity)
    else:
        with pytest.raises(TransitionDenied):
            check(role, status, activity)


def test_it_says_in_chinese_which_step_an_opinion_belongs_to() -> None:
    with pytest.raises(TransitionDenied, match="只有状态为“已提交”“主管部门审核”的申报表才能"):
        check(D, Status.FINANCE_REVIEW, Activity.OPINION)
    with pytest.raises(TransitionDenied, match="填报人不能记录审核意见"):
        check(F, Status.DRAFT, Activity.OPINION)


def test_it_starts_a_new_round_without_a_verdict_at_each_submission() -> None:
    assert apply(F, Status.RETURNED, Action.SUBMIT).clears_verdict
    assert apply(F, Status.DRAFT, Action.SUBMIT).clears_verdict
    assert not apply(C, Status.FINANCE_REVIEW, Action.APPROVE).clears_verdict
