"""The monitoring workflow table: every allowed step, and refusals with reasons."""

from __future__ import annotations

import pytest

from jixiao.monitoring.workflow import (
    TABLE,
    FollowUp,
    ReportAction,
    ReportStatus,
    decide,
    report_actions,
)
from jixiao.workflow import Role, TransitionDenied

F, D, C = Role.FILER, Role.DEPARTMENT_REVIEWER, Role.FINANCE_REVIEWER
S, A = ReportStatus, ReportAction


def test_it_walks_a_report_from_filling_to_a_follow_up() -> None:
    status = S.TO_FILL
    for role, action, comment, follow in (
        (F, A.SAVE, "", None),
        (F, A.SUBMIT, "", None),
        (D, A.FORWARD, "", None),
        (C, A.RETURN, "补充偏差原因", None),
        (F, A.SUBMIT, "", None),
        (D, A.FORWARD, "", None),
        (C, A.DECIDE, "目标偏高，调整", FollowUp.ADJUST),
    ):
        status = decide(role, status, action, comment, follow).target
    assert status is S.REVIEWED


@pytest.mark.parametrize(
    ("role", "status", "action", "comment", "follow", "reason"),
    [
        (D, S.TO_FILL, A.SUBMIT, "", None, "只能由填报人执行"),
        (F, S.SUBMITTED, A.SAVE, "", None, "不能执行“保存”"),
        (D, S.SUBMITTED, A.RETURN, " ", None, "须填写意见"),
        (
            C,
            S.FINANCE_REVIEW,
            A.DECIDE,
            "好",
            None,
            "须选择处理意见（继续执行、调整目标、暂停执行、收回资金）",
        ),
        (C, S.REVIEWED, A.RETURN, "再看", None, "已审核"),
        (C, S.SUBMITTED, A.FORWARD, "", None, "只能由主管部门审核人执行"),
    ],
)
def test_it_refuses_with_a_reason(
    role: Role,
    status: ReportStatus,
    action: ReportAction,
    comment: str,
    follow: FollowUp | None,
    reason: str,
) -> None:
    with pytest.raises(TransitionDenied, match=reason.replace("（", "\\（").replace("）", "\\）")):
        decide(role, status, action, comment, follow)


def test_reviewed_is_final_and_every_status_but_it_has_a_way_on() -> None:
    assert not any(t.source is S.REVIEWED for t in TABLE)
    for status in S:
        if status is not S.REVIEWED:
            assert any(report_actions(r, status) for r in Role), status
