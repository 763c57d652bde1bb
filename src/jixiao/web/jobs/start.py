"""Starting jobs, with the checks every interface shares (pages and API): roles, limits."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.shortcuts import get_object_or_404

from jixiao.web.accounts.models import User
from jixiao.web.declarations import engine
from jixiao.web.declarations.access import filer_organisation, require_role, visible
from jixiao.web.declarations.inputs import InputError
from jixiao.web.jobs import store
from jixiao.web.jobs.archive import Limits, check_zip, is_zip
from jixiao.web.jobs.models import Job, JobKind
from jixiao.web.jobs.runners import BUNDLES, EXPORTS
from jixiao.web.limits import TooLarge
from jixiao.workflow import Role


def get_job(user: User, pk: uuid.UUID) -> Job:
    """The user's own job (已中断 if its worker died), or 404: another's is not revealed."""
    store.recover(Job.objects.filter(pk=pk, owner=user))
    return get_object_or_404(Job, pk=pk, owner=user)


def own_jobs(user: User, limit: int) -> list[Job]:
    """The user's newest jobs, those whose worker died marked 已中断 first."""
    store.recover(Job.objects.filter(owner=user))
    return list(Job.objects.filter(owner=user).prefetch_related("files")[:limit])


def _count(name: str, data: bytes, limits: Limits) -> int:
    if is_zip(data) and name.lower().endswith(".zip"):
        return check_zip(data, limits)
    if len(data) > limits.file_bytes:
        raise TooLarge(f"文件“{name}”超过 {limits.file_bytes // (1024 * 1024)} MB 的上限")
    return 1


def import_job(user: User, uploads: list[tuple[str, bytes]]) -> Job:
    """批量导入 of a ZIP (or several files) into the user's organisation (填报人 only)."""
    org = filer_organisation(user)
    if not uploads:
        raise InputError("请选择要导入的 ZIP 压缩包或文件")
    limits = Limits.from_settings()
    size = sum(len(data) for _, data in uploads)
    if size > settings.JIXIAO_MAX_JOB_UPLOAD_BYTES:
        mb = settings.JIXIAO_MAX_JOB_UPLOAD_BYTES // (1024 * 1024)
        raise TooLarge(f"上传内容超过 {mb} MB 的上限，请拆分后分批导入")
    total = sum(_count(name, data, limits) for name, data in uploads)
    if total > limits.files:
        raise TooLarge(f"共 {total} 个文件，一次最多 {limits.files} 个，请拆分后分批导入")
    title = uploads[0][0] if len(uploads) == 1 else f"{uploads[0][0]} 等 {len(uploads)} 个文件"
    return store.create(user, JobKind.IMPORT, title, {}, uploads, org, total)


def _year(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value))
    except ValueError:
        raise InputError("预算年度须为四位数字") from None
    if not settings.JIXIAO_YEAR_MIN <= year <= settings.JIXIAO_YEAR_MAX:
        raise InputError("预算年度超出允许范围")
    return year


def _ids(user: User, ids: list[uuid.UUID] | None) -> list[str]:
    """The ticked forms, each one the user may see (or 400 saying how many are not)."""
    wanted = set(ids or [])
    if len(wanted) > settings.JIXIAO_MAX_JOB_FORMS:
        raise TooLarge(f"一次最多处理 {settings.JIXIAO_MAX_JOB_FORMS} 份申报表，请分批")
    seen = (
        set(visible(user).filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    )
    if missing := len(wanted - seen):
        raise InputError(f"所选申报表中有 {missing} 份不存在或您无权查看")
    return sorted(str(i) for i in wanted)


def export_job(user: User, to: str, year: object = None, ids: list[uuid.UUID] | None = None) -> Job:
    """数据导出 of the forms the user may see (any signed-in role), or of those ticked."""
    if to not in EXPORTS:
        raise InputError(f"未知的导出格式：{to[:30]}")
    params: dict[str, object] = {"to": to, "year": _year(year), "ids": _ids(user, ids)}
    scope = f"{params['year']}年度" if params["year"] else "全部"
    scope = f"所选 {len(params['ids'])} 份" if params["ids"] else scope  # type: ignore[arg-type]
    title = f"{scope}{EXPORTS[to][0]}"
    return store.create(user, JobKind.EXPORT, title, params, organisation=user.organisation)


def bundle_job(
    user: User, fmt: str, year: object = None, ids: list[uuid.UUID] | None = None
) -> Job:
    """批量打包 of the forms the user may see: one PDF, or a ZIP of one file per form."""
    if fmt not in BUNDLES and fmt not in engine.FORMATS:
        raise InputError(f"未知的打包格式：{fmt[:30]}")
    params: dict[str, object] = {
        "format": "pdf" if fmt == "pdf" else "zip",
        "fmt": fmt if fmt in engine.FORMATS else "pdf",
        "year": _year(year),
        "ids": _ids(user, ids),
    }
    title = f"申报表{'汇编' if fmt == 'pdf' else fmt.upper() + '打包'}"
    return store.create(user, JobKind.BUNDLE, title, params, organisation=user.organisation)


def learn_job(user: User) -> Job:
    """指标库学习 from every approved form (管理员 only)."""
    if not user.is_superuser:
        require_role(user, Role.ADMIN)
    return store.create(user, JobKind.LEARN, "从通过的申报表重建指标库")


def resummarise_job(user: User) -> Job:
    """审核摘要重算: the stored review summaries made stale by a 审核规则配置 change (管理员)."""
    if not user.is_superuser:
        require_role(user, Role.ADMIN)
    return store.create(user, JobKind.RESUMMARISE, "按当前审核规则配置重算审核摘要")
