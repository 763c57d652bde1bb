"""Demo data: the organisations of the seed, one user per role, the seven seed forms."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from jixiao.data import SEED_NAME, seed_bytes
from jixiao.web.accounts.models import BudgetYear, Organisation, OrgKind, User
from jixiao.web.declarations import engine, store
from jixiao.web.declarations.models import Declaration
from jixiao.web.indicators import service as library
from jixiao.web.indicators.models import LibraryEntry
from jixiao.workflow import Role

FINANCE = "银川市财政局"
OFFICE = "银川市人民政府办公室"
#: A second department with one unit, so isolation can be seen in the demo.
OTHER_DEPARTMENT = "银川市教育局"
OTHER_UNIT = "银川市第一中学"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    name: str
    role: Role
    organisation: str


DEMO_USERS = (
    DemoUser("tianbao", "填报人（市政府办）", Role.FILER, OFFICE),
    DemoUser("bumen", "主管部门审核人（市政府办）", Role.DEPARTMENT_REVIEWER, OFFICE),
    DemoUser("caizheng", "财政审核人（市财政局）", Role.FINANCE_REVIEWER, FINANCE),
    DemoUser("guanli", "管理员（市财政局）", Role.ADMIN, FINANCE),
    DemoUser("yizhong", "填报人（市第一中学）", Role.FILER, OTHER_UNIT),
)


def _organisations() -> dict[str, Organisation]:
    def org(name: str, kind: str, parent: Organisation | None) -> Organisation:
        row, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "parent": parent}
        )
        return row

    finance = org(FINANCE, OrgKind.FINANCE, None)
    office = org(OFFICE, OrgKind.DEPARTMENT, finance)
    education = org(OTHER_DEPARTMENT, OrgKind.DEPARTMENT, finance)
    school = org(OTHER_UNIT, OrgKind.UNIT, education)
    return {o.name: o for o in (finance, office, education, school)}


def _user(spec: DemoUser, org: Organisation, reset_password: bool) -> str | None:
    """Create or update the demo user; a new password only when created or asked to reset."""
    user = User.objects.filter(username=spec.username).first()
    password = None
    if user is None or reset_password:
        password = secrets.token_urlsafe(9)
    user = user or User(username=spec.username)
    user.first_name, user.role, user.organisation = spec.name, spec.role, org
    user.is_staff = user.is_superuser = spec.role is Role.ADMIN
    if password:
        user.set_password(password)
    user.save()
    return password


@transaction.atomic
def create_demo(reset_passwords: bool = False) -> list[tuple[DemoUser, str]]:
    """Create the demo data once; returns the users whose password was just (re)issued.

    A data directory keeps its demo passwords across starts: they are issued when the users
    are created, and again only with ``reset_passwords``.
    """
    orgs = _organisations()
    BudgetYear.objects.get_or_create(year=2025)
    BudgetYear.objects.get_or_create(year=2026)
    issued = [(s, _user(s, orgs[s.organisation], reset_passwords)) for s in DEMO_USERS]
    accounts = [(spec, password) for spec, password in issued if password]
    filer = User.objects.get(username="tianbao")
    if not Declaration.objects.filter(organisation=orgs[OFFICE]).exists():
        result = engine.import_file(seed_bytes(), SEED_NAME)
        for form in result.declarations:
            store.create(filer, orgs[OFFICE], form, "导入")
    if not LibraryEntry.objects.exists():  # the demo's 指标库 starts from the seed forms
        forms = engine.import_file(seed_bytes(), SEED_NAME).declarations
        library.learn_from([(f"示例数据·{SEED_NAME}", form) for form in forms])
    return accounts
