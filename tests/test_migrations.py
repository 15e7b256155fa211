"""Migrations: empty → head on both backends, no drift from the metadata, and the app refuses
a schema it does not support."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from tests.conftest import PG_URL
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import check_schema, current_revision, head_revision, upgrade
from wms_desktop.db.schema import metadata
from wms_desktop.domain.errors import WmsError

# per run: two suites on one server (CI beside a developer) must not drop each other's database
SCRATCH = f"wms_migration_check_{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["postgresql", "sqlite"])
def empty_db(request, tmp_path):
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield db
        db.dispose()
        return
    admin = Database(PG_URL)
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {SCRATCH}"))
    db = Database(Database(PG_URL).url.set(database=SCRATCH))
    yield db
    db.dispose()
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)"))
    admin.dispose()


def schema_state(db: Database) -> str:
    with pytest.raises(WmsError) as caught:
        check_schema(db)
    assert caught.value.error_code == "SCHEMA_MISMATCH"
    return caught.value.details["state"]


def test_empty_to_head_without_drift(empty_db):
    assert schema_state(empty_db) == "empty"
    upgrade(empty_db)
    assert current_revision(empty_db) == head_revision()
    check_schema(empty_db)
    with empty_db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []


def test_older_and_newer_schemas_are_refused(empty_db):
    upgrade(empty_db, "0001")
    assert schema_state(empty_db) == "older"
    upgrade(empty_db)
    with empty_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    assert schema_state(empty_db) == "newer"
    with empty_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    assert schema_state(empty_db) == "empty"
