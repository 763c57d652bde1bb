"""Changes of the 审核规则配置: audited, and the stored review summaries they make stale redone.

A 管理员 changes the configuration on the 管理 pages (:class:`PolicyProfile` 新建, 修改,
删除) or through the API (``PUT /api/review-config``). Either way :func:`changed` writes one
audit row saying what changed and how many stored summaries it made stale
(:func:`jixiao.web.declarations.hits.stale`), and queues a 审核摘要重算 job that recomputes
them (the list's 审核等级 filter, the 统计 page's rule hits and their exports read those
summaries). A change that leaves the rules in force as they were stales nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from jixiao.web.accounts.models import PolicyProfile, User
from jixiao.web.declarations import engine, hits
from jixiao.web.declarations.access import require_role
from jixiao.web.declarations.inputs import InputError
from jixiao.web.declarations.store import audit
from jixiao.workflow import Role

if TYPE_CHECKING:
    from jixiao.web.jobs.models import Job

EVENT = "修改审核规则配置"


@dataclass(frozen=True, slots=True)
class Active:
    """The configuration in force: its fingerprint and how a reader is told it."""

    fingerprint: str
    text: str


def active() -> Active:
    """The 审核规则配置 in force now."""
    profile, select, ignore = engine.active_profile()
    text = f"审核配置 {profile}（启用：{'、'.join(select) or '全部规则'}；"
    text += f"忽略：{'、'.join(ignore) or '无'}）"
    return Active(hits.fingerprint(profile, select, ignore), text)


def require_admin(user: User) -> None:
    """Only the 管理员 changes the 审核规则配置 (403 otherwise)."""
    if not user.is_superuser:
        require_role(user, Role.ADMIN)


def changed(user: User, before: Active, what: str) -> Job | None:
    """Audit a change made since ``before`` and queue the recompute of what it made stale."""
    from jixiao.web.jobs.start import resummarise_job

    after = active()
    stale = hits.stale().count()
    detail = f"{what}：{before.text} → {after.text}"
    job = resummarise_job(user) if stale else None
    if job is not None:
        detail += f"；{stale} 份申报表的审核摘要已过期，已创建审核摘要重算任务（任务 {job.pk}）"
    else:
        detail += "；生效的规则未变，已存的审核摘要仍然有效"
    audit(user, None, EVENT, detail)
    return job


@transaction.atomic
def make_default(
    user: User, name: str, select: str, ignore: str
) -> tuple[PolicyProfile, Job | None]:
    """Make ``name`` (with these select/ignore prefixes) the default configuration (管理员)."""
    require_admin(user)
    before = active()
    profile = PolicyProfile.objects.filter(name=name).first() or PolicyProfile(name=name)
    profile.select, profile.ignore, profile.is_default = select, ignore, True
    try:
        profile.full_clean()
    except ValidationError as exc:
        raise InputError("；".join(m for ms in exc.message_dict.values() for m in ms)) from None
    profile.save()
    PolicyProfile.objects.exclude(pk=profile.pk).filter(is_default=True).update(is_default=False)
    return profile, changed(user, before, f"设“{name}”为默认审核规则配置")
