"""Organisations (财政局 → 主管部门 → 实施单位), users with one role each, and settings."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from jixiao.review.profiles import ProfileError, get_profile
from jixiao.review.registry import REGISTRY
from jixiao.workflow import Role as WorkflowRole

#: The four roles of domain §7, as Django choices with the workflow's labels.
# The functional API with a list of pairs; django-stubs only types its str forms.
Role = models.TextChoices(
    "Role",
    [(r.name, (r.value, r.value)) for r in WorkflowRole],  # type: ignore[call-overload]
)


class OrgKind(models.TextChoices):
    FINANCE = "财政局", "财政局"
    DEPARTMENT = "主管部门", "主管部门"
    UNIT = "实施单位", "实施单位"


class Organisation(models.Model):
    """A node of the tree: 财政局 at the root, 主管部门 under it, 实施单位 under those."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField("名称", max_length=200, unique=True)
    code = models.CharField("代码", max_length=50, blank=True)
    kind = models.CharField("类型", max_length=10, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person with one role in one organisation."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=WorkflowRole.FILER)
    #: Set when an administrator issued the password; cleared when the user sets their own.
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    @property
    def workflow_role(self) -> WorkflowRole:
        return WorkflowRole(self.role)

    def __str__(self) -> str:
        return f"{self.get_full_name() or self.username}（{self.role}）"


class BudgetYear(models.Model):
    """预算年度 open for declaring."""

    year = models.PositiveIntegerField("年度", unique=True)
    is_open = models.BooleanField("开放填报", default=True)

    class Meta:
        verbose_name = "预算年度"
        verbose_name_plural = "预算年度"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年度"


class PolicyProfile(models.Model):
    """审核规则配置: which review profile applies, with select/ignore code prefixes."""

    name = models.CharField("配置名称", max_length=100, unique=True)
    is_default = models.BooleanField("默认", default=False)
    select = models.CharField("启用规则（代码前缀，逗号分隔）", max_length=500, blank=True)
    ignore = models.CharField("忽略规则（代码前缀，逗号分隔）", max_length=500, blank=True)

    class Meta:
        verbose_name = "审核规则配置"
        verbose_name_plural = "审核规则配置"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A review profile the core knows (classic, 2021, yinchuan …); prefixes of real rules."""
        errors: dict[str, str] = {}
        try:
            get_profile(self.name)
        except ProfileError as exc:
            errors["name"] = str(exc)
        codes = [entry.code for entry in REGISTRY.chosen()]
        for name in ("select", "ignore"):
            unknown = [p for p in split_prefixes(getattr(self, name)) if not _matches(p, codes)]
            if unknown:
                errors[name] = f"没有以“{'、'.join(unknown)}”开头的规则代码（如 V201、C1）"
        if errors:
            raise ValidationError(errors)


def split_prefixes(text: str) -> tuple[str, ...]:
    """Rule code prefixes from a comma-separated field (either comma), without blanks."""
    return tuple(p.strip() for p in text.replace("，", ",").split(",") if p.strip())


def _matches(prefix: str, codes: list[str]) -> bool:
    return any(code.startswith(prefix) for code in codes)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    id = models.UUIDField("标识", primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE)
    name = models.CharField("用途", max_length=100)
    digest = models.CharField("摘要", max_length=64, unique=True, editable=False)
    created = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def new_key(self) -> str:
        """Give this token a fresh secret key; returns the key (it is not stored)."""
        key = secrets.token_urlsafe(32)
        self.digest = _hash(key)
        return key

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token and return it with its secret key (shown once)."""
        token = cls(user=user, name=name)
        key = token.new_key()
        token.save()
        return token, key

    @classmethod
    def user_for(cls, key: str) -> User | None:
        token = cls.objects.select_related("user").filter(digest=_hash(key)).first()
        return token.user if token and token.user.is_active else None

    def __str__(self) -> str:
        return f"{self.user.username}: {self.name}"


class LoginFailures(AccessAttempt):  # type: ignore[misc]  # axes is untyped
    """django-axes' count of failed logins of one 用户名 from one address, in Chinese."""

    class Meta:
        proxy = True
        verbose_name = "登录失败计数"
        verbose_name_plural = "登录失败计数"

    def __str__(self) -> str:
        return f"{self.username} 从 {self.ip_address} 登录失败 {self.failures_since_start} 次"


class LoginRecord(AccessLog):  # type: ignore[misc]  # axes is untyped
    """django-axes' record of a successful login, in Chinese."""

    class Meta:
        proxy = True
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"

    def __str__(self) -> str:
        at = timezone.localtime(self.attempt_time)
        return f"{self.username} 于 {at:%Y-%m-%d %H:%M} 从 {self.ip_address} 登录"


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: ``user`` is a signed-in :class:`User`.

    For type checking only; at run time it is the ordinary :class:`HttpRequest`.
    """

    user: User
