"""Migrations: empty → head on both backends, no drift from the metadata, and the app refuses
a schema it does not support."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from tests.conftest import PG_URL
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import alembic_config, check_schema, current_revision, head_revision, upgrade
from wms_desktop.db.schema import metadata
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits

# per run: two suites on one server (CI beside a developer) must not drop each other's database
SCRATCH = f"wms_migration_check_{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["postgresql", "sqlite"])
def empty_db(request, tmp_path):
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield db
        db.dispose()
        return
    admin = Database(PG_URL, DatabaseLimits().for_admin())  # CREATE/DROP DATABASE wait for a checkpoint
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


def test_request_ids_go_to_their_warehouse_when_upgraded_and_back(empty_db):
    """Migration issue11: a request whose ledger rows are in WH02 belongs to WH02; one that posted
    nothing (a catalogue call) answers in every warehouse, as it did before. Downgrading keeps
    one row per request_id again."""
    upgrade(empty_db, "0004")
    with empty_db.engine.begin() as conn:
        for sql in (
            "INSERT INTO warehouses (warehouse_code, warehouse_name) VALUES ('WH01', 'a'), ('WH02', 'b')",
            "INSERT INTO locations (warehouse_id, location_code) VALUES (2, 'E1')",
            "INSERT INTO products (product_code, product_name, has_sku) VALUES ('P1', 'p', false)",
            "INSERT INTO skus (product_id, sku_code) VALUES (1, 'P1')",
            "INSERT INTO stock_movements (sku_id, location_id, operation, quantity_change, quantity_after, "
            "operator_id, request_id, operated_at) VALUES (1, 1, 'inbound', 3, 3, 'u', 'r-stock', CURRENT_TIMESTAMP)",
            "INSERT INTO operation_requests (request_id, operation, payload_hash, result) "
            "VALUES ('r-stock', 'inbound', 'h1', '{}'), ('r-catalog', 'create_product', 'h2', '{}')",
        ):
            conn.execute(text(sql))
    upgrade(empty_db)
    placed = "SELECT request_id, warehouse_id FROM operation_requests ORDER BY request_id, warehouse_id"
    with empty_db.engine.connect() as conn:
        assert [tuple(row) for row in conn.execute(text(placed))] == [
            ("r-catalog", 1), ("r-catalog", 2), ("r-stock", 2)]
    config = alembic_config(empty_db)
    with empty_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    with empty_db.engine.connect() as conn:
        assert [tuple(row) for row in conn.execute(text("SELECT request_id FROM operation_requests "
                                                        "ORDER BY request_id"))] == [("r-catalog",), ("r-stock",)]


def test_existing_users_keep_working_in_every_warehouse_when_upgraded(empty_db):
    """Migration issue17b: nobody who could sign in before is locked out of a warehouse."""
    upgrade(empty_db, "issue14_returns")
    with empty_db.engine.begin() as conn:
        for sql in ("INSERT INTO warehouses (warehouse_code, warehouse_name) VALUES ('WH01', 'a'), ('WH02', 'b')",
                    "INSERT INTO users (user_name, display_name, password_hash, role) VALUES ('li', 'l', 'x', 'clerk')"):
            conn.execute(text(sql))
    upgrade(empty_db)
    with empty_db.engine.connect() as conn:
        assert conn.execute(text("SELECT user_id, warehouse_id FROM user_warehouses ORDER BY warehouse_id")).all() == [
            (1, 1), (1, 2)]


def test_audit_rows_of_the_one_chain_stay_valid_when_upgraded(empty_db):
    """Migration issue14_audit_chains: the rows chained one after the other before it are chain
    1, whole as they were; new rows chain after them (chain 1) or start their own."""
    from wms_desktop.services import Services
    from wms_desktop.services.audit import GENESIS, row_hash, verify

    upgrade(empty_db, "issue17c")
    previous, moment = GENESIS, datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    with empty_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO warehouses (warehouse_code, warehouse_name) VALUES ('WH01', 'a')"))
        for audit_id, subject in enumerate(("warehouse:1", "location:1", "location:1", "product:1"), start=1):
            row = {"audit_id": audit_id, "recorded_at": moment, "warehouse_id": 1, "subject": subject,
                   "entity_type": subject.split(":")[0], "entity_code": "A1", "action": "create", "actor": "li",
                   "workstation": "pc", "before": None, "after": '{"a":1}', "previous_hash": previous}
            row["row_hash"] = previous = row_hash(row)
            stored = moment.replace(tzinfo=None).isoformat(" ") if empty_db.is_sqlite else moment
            conn.execute(text("INSERT INTO audit_log (audit_id, recorded_at, warehouse_id, subject, entity_type,"
                              " entity_code, action, actor, workstation, before, after, previous_hash, row_hash)"
                              " VALUES (:audit_id, :recorded_at, :warehouse_id, :subject, :entity_type, :entity_code,"
                              " :action, :actor, :workstation, :before, :after, :previous_hash, :row_hash)"),
                         {**row, "recorded_at": stored})
        conn.execute(text("INSERT INTO audit_head VALUES (1, 4, :h)"), {"h": previous})
    upgrade(empty_db)
    assert verify(empty_db).checked == 4 and verify(empty_db).intact
    Services(empty_db, "WH01").locations.create({"location_code": "B1"})
    found = verify(empty_db)
    assert (found.intact, found.checked) == (True, 5)
