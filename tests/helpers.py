"""Assertions about the whole database, shared by service, property and concurrency tests."""
from __future__ import annotations

from sqlalchemy import func, select

from wms_desktop.db.engine import Database
from wms_desktop.db.schema import metadata
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.db.schema import stock_movements as mov


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, for "a rejected operation writes nothing" checks."""
    with db.engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr) for t in metadata.sorted_tables}


def assert_ledger_matches_balances(db: Database, sku_ids: list[int] | None = None) -> None:
    """For every balance key the ledger sum equals the balance; nothing negative or over-locked
    (of these SKUs only, when given)."""
    balance_rows, ledger_rows = select(bal), (
        select(mov.c.sku_id, mov.c.location_id, mov.c.batch_number, func.sum(mov.c.quantity_change).label("total"))
        .group_by(mov.c.sku_id, mov.c.location_id, mov.c.batch_number))
    if sku_ids is not None:
        balance_rows, ledger_rows = balance_rows.where(bal.c.sku_id.in_(sku_ids)), ledger_rows.where(
            mov.c.sku_id.in_(sku_ids))
    with db.engine.connect() as conn:
        balances = {(r.sku_id, r.location_id, r.batch_number): (r.stock_quantity, r.locked_quantity)
                    for r in conn.execute(balance_rows)}
        ledger = {(r.sku_id, r.location_id, r.batch_number): r.total for r in conn.execute(ledger_rows)}
    for key, (stock, locked) in balances.items():
        assert stock >= 0 and 0 <= locked <= stock, (key, stock, locked)
        assert ledger.get(key, 0) == stock, (key, ledger.get(key, 0), stock)
    assert set(ledger) <= set(balances), set(ledger) - set(balances)
