"""The database itself refuses what would make stock wrong, whoever sends the SQL: a bug in a
service, a hand-written fix in psql, another tool on the shared database.

- ledger rows are never updated or deleted (PostgreSQL also refuses TRUNCATE);
- a balance is never negative, and 0 <= locked <= stock;
- one balance per (sku, location, batch), "no batch" included: it is stored as '' (NOT NULL),
  so it cannot slip past the unique key as a NULL would.

Every refusal leaves every table as it was.
"""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.engine import Database
from wms_desktop.services import Services

# each refusal: its SQLSTATE on PostgreSQL, and what names the guard in the error (either backend)
APPEND_ONLY = ("23001", ["stock_movements is append-only"])
LOCKED_WITHIN_STOCK = ("23514", ["ck_stock_balances_locked_within_stock"])
# stock < 0 breaks both checks (locked >= 0); PostgreSQL reports either one
NOT_NEGATIVE = ("23514", ["ck_stock_balances_stock_not_negative", "ck_stock_balances_locked_within_stock"])
ONE_BALANCE_PER_KEY = ("23505", ["uq_stock_balances_sku_id_location_id_batch_number",
                                 ("UNIQUE constraint failed: stock_balances.sku_id, stock_balances.location_id, "
                                  "stock_balances.batch_number")])
NOT_NULL = ("23502", ["NOT NULL constraint failed: stock_balances.batch_number", 'column "batch_number"'])


def stock_one(db: Database) -> Database:
    """One product with 5 units on a shelf: one balance, one ledger row."""
    services = Services(db, WAREHOUSE)
    services.locations.create({"location_code": "G1"})
    services.catalog.create_product({"product_code": "GUARD", "product_name": "Guarded", "operator_id": "u"})
    services.inventory.inbound({"product_code": "GUARD", "location_code": "G1", "stock_quantity": 5,
                                "operator_id": "u"})
    return db


@pytest.fixture
def stocked(db) -> Database:
    return stock_one(db)


def refused(db: Database, sql: str, expected: tuple[str, list[str]]) -> None:
    """``sql`` fails, naming the expected guard, and changes nothing."""
    sqlstate, names = expected
    before = snapshot(db)
    with pytest.raises(DBAPIError) as caught, db.engine.begin() as conn:
        conn.execute(text(sql))
    orig = caught.value.orig
    if not db.is_sqlite:
        assert orig.sqlstate == sqlstate, (orig.sqlstate, str(orig))
    assert any(name in str(orig) for name in names), str(orig)
    assert snapshot(db) == before
    assert_ledger_matches_balances(db)


KEY = "sku_id = (SELECT sku_id FROM skus WHERE sku_code = 'GUARD')"
PLACE = "(SELECT location_id FROM locations WHERE location_code = 'G1')"


# ---- the ledger is append-only ------------------------------------------------------------------

@pytest.mark.parametrize("sql", [
    "UPDATE stock_movements SET quantity_change = 500, quantity_after = 500",
    "UPDATE stock_movements SET notes = 'fixed by hand'",
    f"DELETE FROM stock_movements WHERE {KEY}",
    "DELETE FROM stock_movements",  # SQLite's truncate optimisation must not bypass the trigger
])
def test_ledger_rows_cannot_be_updated_or_deleted(stocked, sql):
    refused(stocked, sql, APPEND_ONLY)


def test_postgres_refuses_truncating_the_ledger(pg):
    """(SQLite has no TRUNCATE: its unconditional DELETE is refused above.)"""
    stock_one(pg)
    # CASCADE: also whatever references the ledger, so only the ledger's own guard is left to refuse
    refused(pg, "TRUNCATE stock_movements CASCADE", APPEND_ONLY)
    # a cascade from a table the ledger references reaches the ledger too: refused all the same
    refused(pg, "TRUNCATE skus, stock_balances, external_codes CASCADE", APPEND_ONLY)


# ---- balances -----------------------------------------------------------------------------------

def test_balance_cannot_go_negative(stocked):
    refused(stocked, f"UPDATE stock_balances SET stock_quantity = -1 WHERE {KEY}", NOT_NEGATIVE)
    refused(stocked, f"UPDATE stock_balances SET stock_quantity = stock_quantity - 6 WHERE {KEY}", NOT_NEGATIVE)
    refused(stocked, f"INSERT INTO stock_balances (sku_id, location_id, batch_number, stock_quantity) "
                     f"SELECT sku_id, {PLACE}, 'NEG', -3 FROM skus WHERE {KEY}", NOT_NEGATIVE)


def test_locked_quantity_stays_within_stock(stocked):
    refused(stocked, f"UPDATE stock_balances SET locked_quantity = 6 WHERE {KEY}", LOCKED_WITHIN_STOCK)
    refused(stocked, f"UPDATE stock_balances SET locked_quantity = -1 WHERE {KEY}", LOCKED_WITHIN_STOCK)
    # lowering stock below what is locked is the same violation seen from the other side
    with stocked.engine.begin() as conn:
        conn.execute(text(f"UPDATE stock_balances SET locked_quantity = 4 WHERE {KEY}"))
    refused(stocked, f"UPDATE stock_balances SET stock_quantity = 3 WHERE {KEY}", LOCKED_WITHIN_STOCK)


def test_one_balance_per_sku_location_and_no_batch(stocked):
    insert = "INSERT INTO stock_balances (sku_id, location_id{batch_column}) SELECT sku_id, {place}{batch_value} " \
             f"FROM skus WHERE {KEY}"
    # no batch_number given: the default '' collides with the existing no-batch balance
    refused(stocked, insert.format(batch_column="", place=PLACE, batch_value=""), ONE_BALANCE_PER_KEY)
    refused(stocked, insert.format(batch_column=", batch_number", place=PLACE, batch_value=", ''"), ONE_BALANCE_PER_KEY)
    # and "no batch" cannot be spelled NULL, which a unique key would not compare
    refused(stocked, insert.format(batch_column=", batch_number", place=PLACE, batch_value=", NULL"), NOT_NULL)
    # a real batch is a different balance
    with stocked.engine.begin() as conn:
        conn.execute(text(insert.format(batch_column=", batch_number", place=PLACE, batch_value=", 'LOT7'")))
    assert_ledger_matches_balances(stocked)
