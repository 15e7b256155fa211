"""Assertions about the whole database, shared by service, property and concurrency tests; loopback
ports and polling for the tests that start servers."""
from __future__ import annotations

import socket
import time
from collections import Counter
from collections.abc import Callable

from sqlalchemy import func, select

from wms_desktop.db.engine import Database
from wms_desktop.db.schema import locations, metadata, skus
from wms_desktop.db.schema import product_stock_changes as changes
from wms_desktop.db.schema import product_stock_totals as totals
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.db.schema import stock_movements as mov

LOOPBACK = "127.0.0.1"


def wait_until(predicate: Callable[[], object], timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


def read_exactly(sock: socket.socket, count: int) -> bytes:
    """``count`` bytes from a blocking socket; OSError when the peer closes first."""
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, for "a rejected operation writes nothing" checks — but the
    failed sign-ins, which a refused sign-in records on purpose (services/throttle.py)."""
    with db.engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr) for t in metadata.sorted_tables
                if t.name != "sign_in_failures"}


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
    if not db.is_sqlite:
        assert_product_totals_match(db)


def assert_product_totals_match(db: Database) -> None:
    """PostgreSQL: the per-product totals (folded, plus changes not yet folded) equal the sum of
    the product's balances in each warehouse."""
    with db.engine.connect() as conn:
        summed = {(r.product_id, r.warehouse_id): r.total for r in conn.execute(
            select(skus.c.product_id, locations.c.warehouse_id, func.sum(bal.c.stock_quantity).label("total"))
            .join(skus, skus.c.sku_id == bal.c.sku_id).join(locations, locations.c.location_id == bal.c.location_id)
            .group_by(skus.c.product_id, locations.c.warehouse_id))}
        kept = Counter({(r.product_id, r.warehouse_id): r.total_quantity for r in conn.execute(select(totals))})
        for r in conn.execute(select(changes)):
            kept[(r.product_id, r.warehouse_id)] += r.quantity_change
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in summed.items() if v}
