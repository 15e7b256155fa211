"""Shared fixtures: a real PostgreSQL (WMS_TEST_DATABASE_URL, default the local `test`
database) and an embedded SQLite file, both migrated to head with the app's own migrations.

The test runner (packaging/dev test) starts PostgreSQL and Mosquitto when they are down; a
test never skips for a missing service.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest
from sqlalchemy import insert, text

from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.privileges import Roles
from wms_desktop.db.schema import metadata, roles
from wms_desktop.domain.permissions import BUILT_IN
from wms_desktop.services import Services, create_warehouse

pytest_plugins = ["pytester"]  # tests/ui/test_ops.py runs a UI test to see it fail
PG_URL = os.environ.get("WMS_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
WAREHOUSE = "WH01"


# the built-in roles as the migration seeds them (tests/services/test_roles.py compares)
SEEDED_ROLES = [{"role_code": code, "role_name": name, "permissions": json.dumps(sorted(BUILT_IN[code]))}
                for code, name in (("clerk", "Clerk"), ("supervisor", "Supervisor"), ("admin", "Administrator"))]


def reset_postgres(db: Database) -> None:
    """Empty every table. Only a test may do this: the ledger's append-only triggers are
    switched off for this session (superuser) so TRUNCATE can get past them."""
    tables = ", ".join(t.name for t in metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        conn.execute(insert(roles), SEEDED_ROLES)


@pytest.fixture(scope="session")
def pg_db() -> Database:
    db = Database(PG_URL)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(db, roles=Roles.of(db))  # as `db upgrade` does: objects owned by the owner role, grants
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return str(path)


@pytest.fixture(params=["postgresql", "sqlite"])
def db(request, tmp_path) -> Database:
    """A migrated, empty database with warehouse WH01, on each backend in turn."""
    if request.param == "postgresql":
        database = request.getfixturevalue("pg_db")
        reset_postgres(database)
    else:
        path = tmp_path / "wms.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        database = Database(f"sqlite:///{path}")
    create_warehouse(database, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库 Main"})
    yield database
    if request.param == "sqlite":
        database.dispose()


@pytest.fixture
def pg(pg_db) -> Database:
    """PostgreSQL only: for anything that depends on row locks or PostgreSQL features."""
    reset_postgres(pg_db)
    create_warehouse(pg_db, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库 Main"})
    return pg_db


@pytest.fixture
def services(db) -> Services:
    return Services(db, WAREHOUSE)
