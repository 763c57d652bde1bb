"""Append-only history at the database level: versions, transitions and audit rows.

A trigger on each table refuses every UPDATE and DELETE, whoever sends it (the web app,
the admin, ``manage.py dbshell``, another program), on PostgreSQL and on SQLite. Rows can
only be added. The triggers are created by migration 0003 and re-created after every
``migrate`` (SQLite drops a table's triggers whenever Django rebuilds the table).

What this does not stop: the owner of the database can drop a trigger or (PostgreSQL)
``TRUNCATE`` a table. Run the web app as a role that does not own the tables to close that
too (docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState

#: The tables of this app that only grow. Another app passes its own to the functions below
#: (``VendorSQL(tables)`` in its migration, ``reinstaller(tables)`` on its post_migrate).
TABLES = ("declarations_version", "declarations_transition", "declarations_auditentry")
Tables = tuple[str, ...]
MESSAGE = "审计与流转记录只能追加，不能修改或删除"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION jixiao_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%（表 %，操作 %）', '{MESSAGE}', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def _pg_install(table: str) -> str:
    return (
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};\n"
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION jixiao_append_only();"
    )


def _sqlite_install(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        for op in ("UPDATE", "DELETE")
    ]


def install_sql(vendor: str, tables: Tables = TABLES) -> list[str]:
    """The statements that create the triggers on ``vendor`` (idempotent)."""
    if vendor == "postgresql":
        return [_PG_FUNCTION, *(_pg_install(t) for t in tables)]
    if vendor == "sqlite":
        return [s for t in tables for s in _sqlite_install(t)]
    return []


def remove_sql(vendor: str, tables: Tables = TABLES) -> list[str]:
    """The statements that drop the triggers (reversing a migration; tests that empty tables).

    The shared PostgreSQL function stays: other apps' triggers may call it.
    """
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t};" for t in tables]
    if vendor == "sqlite":
        ops = ("update", "delete")
        return [f"DROP TRIGGER IF EXISTS {t}_no_{op};" for t in tables for op in ops]
    return []


def trigger_names(vendor: str, tables: Tables = TABLES) -> set[str]:
    """The names of the triggers :func:`install_sql` creates on ``vendor``."""
    if vendor == "postgresql":
        return {f"{t}_append_only" for t in tables}
    if vendor == "sqlite":
        return {f"{t}_no_{op}" for t in tables for op in ("update", "delete")}
    return set()


def installed_triggers(connection: BaseDatabaseWrapper, tables: Tables = TABLES) -> set[str]:
    """The append-only triggers present in the database now."""
    query = {
        "postgresql": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal",
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger'",
    }.get(connection.vendor)
    if query is None:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(query)
        return {name for (name,) in cursor.fetchall()} & trigger_names(connection.vendor, tables)


def install(connection: BaseDatabaseWrapper, tables: Tables = TABLES) -> None:
    """Create the triggers on ``connection`` if they are missing."""
    with connection.cursor() as cursor:
        for statement in install_sql(connection.vendor, tables):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper, tables: Tables = TABLES) -> None:
    """Drop the triggers (tests that must empty the tables; reversing the migration)."""
    with connection.cursor() as cursor:
        for statement in remove_sql(connection.vendor, tables):
            cursor.execute(statement)


class VendorSQL(migrations.RunSQL):
    """RunSQL whose statements depend on the database vendor (PostgreSQL, SQLite)."""

    def __init__(self, tables: Tables = TABLES) -> None:
        super().__init__(migrations.RunSQL.noop, migrations.RunSQL.noop)
        self.tables = tuple(tables)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for statement in install_sql(schema_editor.connection.vendor, self.tables):
            schema_editor.execute(statement, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for statement in remove_sql(schema_editor.connection.vendor, self.tables):
            schema_editor.execute(statement, params=None)

    def describe(self) -> str:
        return f"Append-only triggers on {', '.join(self.tables)}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"tables": self.tables})


def reinstaller(tables: Tables) -> Callable[..., None]:
    """A post_migrate receiver that re-creates the triggers on ``tables`` (SQLite loses a
    table's triggers whenever a migration rebuilds it)."""

    def receiver(sender: object, using: str = "default", **kwargs: Any) -> None:
        from django.db import connections

        connection = connections[using]
        if set(tables) <= set(connection.introspection.table_names()):
            install(connection, tables)

    return receiver


#: This app's receiver (connected in ``DeclarationsConfig.ready``).
reinstall_after_migrate = reinstaller(TABLES)
