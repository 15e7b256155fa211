"""PostgreSQL's one-call postings keep the unit of work's guarantees: a deadlock is retried
whole (and the posting then lands once), and a pooled connection the server closed is replaced
before use instead of failing the next operation (no pre-ping round trip)."""
from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import text

from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.db.engine import Database
from wms_desktop.services import Services

WAIT = 30  # seconds: every wait below is bounded


def _shop(db: Database) -> Services:
    services = Services(db, WAREHOUSE)
    for code in ("S1", "S2"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "H1", "product_name": "热销", "operator_id": "u"})
    for code in ("S1", "S2"):
        services.inventory.inbound({"product_code": "H1", "location_code": code, "stock_quantity": 10,
                                    "operator_id": "u"})
    return services


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_a_deadlocked_posting_is_retried_and_lands_once(pg, caplog):
    services = _shop(pg)
    balance = "SELECT 1 FROM stock_balances b JOIN locations l USING (location_id) WHERE l.location_code = :c FOR UPDATE"
    outcome: dict = {}

    def transfer() -> None:  # locks S1's balance first (sorted key order), then waits for S2's
        try:
            outcome["result"] = services.inventory.transfer({"sku_code": "H1", "from_location_code": "S1",
                                                             "to_location_code": "S2", "stock_quantity": 1,
                                                             "operator_id": "u", "request_id": "dl-1"})
        except Exception as error:
            outcome["error"] = error

    def waiting_for_a_lock() -> bool:
        with pg.engine.connect() as conn:
            return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                         " AND query LIKE '%wms_post_transfer%'")))

    caplog.set_level(logging.INFO, logger="wms_desktop.db.engine")
    with pg.engine.connect() as other, other.begin():
        other.execute(text(balance), {"c": "S2"})
        poster = threading.Thread(target=transfer)
        poster.start()
        _until(waiting_for_a_lock, "the posting to wait for S2")
        other.execute(text(balance), {"c": "S1"})  # a cycle: PostgreSQL aborts the posting (it waited first)
        time.sleep(0.2)
    poster.join(WAIT)
    assert "error" not in outcome, outcome
    assert (outcome["result"].from_current_quantity, outcome["result"].to_current_quantity) == (9, 11)
    assert any("SQLSTATE 40P01" in r.getMessage() for r in caplog.records), "the deadlock was not retried"
    with pg.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM stock_movements WHERE request_id = 'dl-1'")) == 2
    assert_ledger_matches_balances(pg)


def test_a_connection_the_server_closed_is_replaced_before_use(pg):
    _shop(pg)
    db = Database(pg.url.update_query_dict({"application_name": "issue12-closed-by-server"}))
    services = Services(db, WAREHOUSE)
    try:
        services.inventory.outbound({"product_code": "H1", "location_code": "S1", "stock_quantity": 1,
                                     "operator_id": "u"})  # leaves one connection in the pool
        with pg.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as admin:  # fresh statistics
            def pooled_backends() -> int:
                return admin.scalar(text("SELECT count(*) FROM pg_stat_activity"
                                         " WHERE application_name = 'issue12-closed-by-server'"))
            assert pooled_backends() == 1
            admin.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                               " WHERE application_name = 'issue12-closed-by-server'"))
            _until(lambda: pooled_backends() == 0, "the server to close the pooled connection")
        result = services.inventory.outbound({"product_code": "H1", "location_code": "S1", "stock_quantity": 1,
                                              "operator_id": "u"})
        assert result.current_quantity == 8
        assert services.stock.by_location({"location_code": "S1"}).data[0].items[0].stock_quantity == 8
    finally:
        db.dispose()


def test_each_operation_is_one_prepared_statement_whatever_its_numbers(pg):
    """psycopg sends a Python int as int2, int4 or int8 by its size, and each combination would
    be another prepared statement: the posting calls send every integer as int8."""
    services = _shop(pg)
    db = Database(pg.url)  # its own pool: one connection, whose prepared statements we read
    mine = Services(db, WAREHOUSE)
    try:
        for quantity, batch in ((1, None), (40_000, "B1"), (3, "B1"), (70_000, None)):
            services.inventory.inbound({"product_code": "H1", "location_code": "S1", "stock_quantity": quantity,
                                        "operator_id": "u", **({"batch_number": batch} if batch else {})})
            mine.inventory.transfer({"sku_code": "H1", "from_location_code": "S1", "to_location_code": "S2",
                                     "stock_quantity": quantity, "operator_id": "u",
                                     **({"batch_number": batch} if batch else {})})
        location_id = mine.locations.get({"location_code": "S2"}).location_id
        for quantity in (1, 2**20, 2**29):
            mine.inventory.inbound({"product_code": "H1", "location_id": location_id, "stock_quantity": quantity,
                                    "operator_id": "u", "request_id": f"big-{quantity}"})
        pooled = db.engine.raw_connection()
        try:
            prepared = pooled.driver_connection.execute(
                "SELECT statement, parameter_types::text FROM pg_prepared_statements"
                " WHERE statement LIKE 'SELECT wms_post_%'").fetchall()
        finally:
            pooled.close()
        assert sorted(statement.split("(")[0] for statement, _ in prepared) == [
            "SELECT wms_post_balance", "SELECT wms_post_transfer"], prepared
        assert all("smallint" not in types and "integer" not in types for _, types in prepared), prepared
    finally:
        db.dispose()
