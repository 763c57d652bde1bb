"""pytest-django setup and the standing personas of the web tests.

Runs on SQLite by default; set ``DATABASE_URL=postgres://…`` to run the same tests on
PostgreSQL. Personas: 填报人 of 实施单位 A, the 主管部门审核人 of A's department, the
财政审核人, an outsider (填报人 of unit B under another department), the 管理员, anonymous.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-"))
os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("JIXIAO_SECURE_COOKIES", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402

# Tests log in many times; a fast hasher keeps the suite quick (never in production).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
(settings.DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

from django.test import Client  # noqa: E402

from jixiao.data import SEED_NAME, seed_bytes  # noqa: E402
from jixiao.model import Declaration as Form  # noqa: E402
from jixiao.web.accounts.models import Organisation, OrgKind, User  # noqa: E402
from jixiao.web.declarations import engine, store  # noqa: E402
from jixiao.web.declarations.models import Declaration  # noqa: E402
from jixiao.workflow import Action, Role  # noqa: E402

PERSONAS = ("anonymous", "filer", "department", "finance", "outsider", "admin")

#: Actions that move a seed form from 草稿 to each later status.
PATHS = {
    "草稿": (),
    "已提交": ((Role.FILER, Action.SUBMIT),),
    "主管部门审核": ((Role.FILER, Action.SUBMIT), (Role.DEPARTMENT_REVIEWER, Action.ACCEPT)),
    "财政审核": (
        (Role.FILER, Action.SUBMIT),
        (Role.DEPARTMENT_REVIEWER, Action.ACCEPT),
        (Role.DEPARTMENT_REVIEWER, Action.FORWARD),
    ),
}
PATHS["通过"] = (*PATHS["财政审核"], (Role.FINANCE_REVIEWER, Action.APPROVE))


@functools.cache
def seed_forms() -> tuple[Form, ...]:
    """The seven seed forms, read once."""
    return engine.import_file(seed_bytes(), SEED_NAME).declarations


@pytest.fixture(scope="session")
def django_db_modify_db_settings() -> None:
    """SQLite tests use a file, so threads in the concurrency test share one database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = os.path.join(
            os.environ["JIXIAO_DATA_DIR"], "test.sqlite3"
        )


@dataclass
class World:
    """The organisations and people every web test can use."""

    finance_bureau: Organisation
    department: Organisation
    unit: Organisation
    other_department: Organisation
    other_unit: Organisation
    users: dict[str, User]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client

    def by_role(self, role: Role) -> User:
        return next(u for u in self.users.values() if u.role == role)

    def declaration(self, status: str = "草稿", index: int = 0) -> Declaration:
        """Seed form ``index`` filed by the 填报人 of unit A, moved to ``status``."""
        forms = seed_forms()
        row = store.create(self.users["filer"], self.unit, forms[index], "导入")
        for role, action in PATHS[status]:
            store.transition(self.by_role(role), row, action, comment="测试")
        return Declaration.objects.get(pk=row.pk)


def _org(name: str, kind: str, parent: Organisation | None) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, parent=parent)


def _user(name: str, role: Role, org: Organisation, **extra: Any) -> User:
    return User.objects.create_user(
        username=name, password="测试密码-123", role=role, organisation=org, **extra
    )


@pytest.fixture
def world(db: None) -> World:
    finance = _org("银川市财政局", OrgKind.FINANCE, None)
    department = _org("银川市人民政府办公室", OrgKind.DEPARTMENT, finance)
    unit = _org("银川市人民政府督查室", OrgKind.UNIT, department)
    other_department = _org("银川市教育局", OrgKind.DEPARTMENT, finance)
    other_unit = _org("银川市第一中学", OrgKind.UNIT, other_department)
    users = {
        "filer": _user("filer", Role.FILER, unit),
        "department": _user("department", Role.DEPARTMENT_REVIEWER, department),
        "finance": _user("finance", Role.FINANCE_REVIEWER, finance),
        "outsider": _user("outsider", Role.FILER, other_unit),
        "admin": _user("admin", Role.ADMIN, finance, is_staff=True, is_superuser=True),
    }
    return World(finance, department, unit, other_department, other_unit, users)


@pytest.fixture
def as_persona(world: World) -> Callable[[str], Client]:
    return world.client


def editor_post(row: Declaration, extra_rows: int = 0, **changes: str) -> dict[str, Any]:
    """The fields the editor page posts for ``row`` as stored, with ``changes`` applied.

    ``changes`` may name header fields, or ``value:<三级名称>`` to change an indicator value.
    The indicator table is the one ``rows`` field the page's script assembles;
    ``extra_rows`` appends that many numbered 数量指标 rows (大表指标1 …) to make a big form.
    """
    from jixiao.web.declarations import codec, editor
    from jixiao.web.declarations.rows import PostedRow, dump_rows

    form = codec.from_text(row.content)
    data: dict[str, Any] = {**editor.header_values(form), "revision": str(row.revision)}
    table = [
        PostedRow(r.key, group.level2.value, r.name, changes.pop(f"value:{r.name}", r.value))
        for group in editor.groups(form)
        for r in group.rows
    ]
    table += [PostedRow(f"n{i}", "数量指标", f"大表指标{i}", f"≥{i}人") for i in range(extra_rows)]
    data["rows"] = dump_rows(table)
    data.update(changes)
    return data


@pytest.fixture
def _history_triggers_back(django_db_blocker: Any) -> Any:
    """Re-creates the append-only triggers after a transactional test emptied the tables."""
    yield
    from django.db import connection

    from jixiao.web.declarations import appendonly

    with django_db_blocker.unblock():
        appendonly.install(connection)


@pytest.fixture
def emptied_history(_history_triggers_back: None, transactional_db: None) -> Any:
    """A transactional database for tests whose threads must see committed rows.

    pytest-django empties every table afterwards (SQLite: DELETE), which the append-only
    triggers refuse; they are dropped just for that and re-created straight after.
    Use this fixture instead of ``@pytest.mark.django_db(transaction=True)``.
    """
    yield
    from django.db import connection

    from jixiao.web.declarations import appendonly

    appendonly.remove(connection)
