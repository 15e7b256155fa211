"""Lots: a batch's expiry date, stored once per SKU and batch, and FEFO (first expired, first
out) for whoever takes stock away.

A receipt (of an ASN, or a GS1 label's (17)) names the expiry of the batch it brings:
:func:`record` stores it the first time, accepts the same date again, and refuses another one
(LOT_EXPIRY_CONFLICT) — a batch has one expiry. A batch received without an expiry gets one
from a later receipt that names it. Stock queries show the expiry and flag expired stock
(:func:`expired`); :func:`fefo_balances` lists a SKU's available stock soonest-expiring first.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..db.schema import locations, lots
from ..db.schema import stock_balances as bal
from ..domain.errors import WmsError, invalid
from ..domain.walking_order import walking_order_key
from .lookup import Sku

# location types whose stock no order may take: damaged goods, and what is already picked to a
# packing (shipping) location for the order it was picked for
NOT_TAKEN_FROM = ("damaged", "shipping")


def record(conn: Connection, sku: Sku, batch_number: str, expiry_date: date | None) -> date | None:
    """The batch's expiry after this receipt: ``expiry_date`` recorded if the batch had none,
    refused if it has another. ``batch_number`` '' (no batch) can hold no expiry."""
    if not batch_number:
        if expiry_date is not None:
            raise invalid("batch_number", "is required with an expiry date", expiry_date=expiry_date.isoformat())
        return None
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    inserted = conn.execute(dialect_insert(lots).values(sku_id=sku.sku_id, batch_number=batch_number,
                                                        expiry_date=expiry_date)
                            .on_conflict_do_nothing().returning(lots.c.sku_id)).first()
    if inserted is not None or expiry_date is None:
        return expiry_date if inserted is not None else stored_expiry(conn, sku.sku_id, batch_number)
    # known lot: fill a missing expiry, or check the one it has (the guarded update decides races)
    filled = conn.execute(update(lots).where(lots.c.sku_id == sku.sku_id, lots.c.batch_number == batch_number,
                                             lots.c.expiry_date.is_(None))
                          .values(expiry_date=expiry_date).returning(lots.c.sku_id)).first()
    if filled is not None:
        return expiry_date
    recorded = stored_expiry(conn, sku.sku_id, batch_number)
    if recorded != expiry_date:
        raise WmsError("LOT_EXPIRY_CONFLICT", details={
            "sku_code": sku.sku_code, "batch_number": batch_number, "expiry_date": expiry_date.isoformat(),
            "recorded_expiry_date": recorded.isoformat() if recorded else None})
    return expiry_date


def stored_expiry(conn: Connection, sku_id: int, batch_number: str) -> date | None:
    return conn.scalar(select(lots.c.expiry_date).where(lots.c.sku_id == sku_id, lots.c.batch_number == batch_number))


def expired(expiry_date: date | None, today: date | None = None) -> bool:
    """Past its expiry date (stock expiring today may still go out today)."""
    return expiry_date is not None and expiry_date < (today or date.today())


def lot_join():
    """The ON clause joining a balance (or ledger row) to its lot: ``outerjoin(lots, lot_join())``."""
    return and_(lots.c.sku_id == bal.c.sku_id, lots.c.batch_number == bal.c.batch_number)


def fefo_balances(conn: Connection, warehouse_id: int, sku_id: int, include_expired: bool = False,
                  today: date | None = None) -> list[dict[str, Any]]:
    """The SKU's balances with stock available (stock − locked) in the warehouse, never from a
    damaged or shipping (packing) location, in FEFO order: soonest expiry first, stock without
    an expiry last, then walking order and batch. Expired stock is left out unless
    ``include_expired``. Each: ``{balance_id, sku_id, location_id, location_code, batch_number,
    stock_quantity, locked_quantity, available_quantity, expiry_date, is_expired}``. For the
    outbound orders' allocation (lock the balances before taking from them)."""
    return fefo_by_sku(conn, warehouse_id, [sku_id], include_expired, today).get(sku_id, [])


def fefo_by_sku(conn: Connection, warehouse_id: int, sku_ids: list[int], include_expired: bool = False,
                today: date | None = None) -> dict[int, list[dict[str, Any]]]:
    """:func:`fefo_balances` of several SKUs in one query: sku_id -> its balances."""
    rows = conn.execute(
        select(bal.c.balance_id, bal.c.sku_id, bal.c.location_id, locations.c.location_code, bal.c.batch_number,
               bal.c.stock_quantity, bal.c.locked_quantity, lots.c.expiry_date)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .outerjoin(lots, lot_join())
        .where(bal.c.sku_id.in_(sku_ids), locations.c.warehouse_id == warehouse_id,
               locations.c.location_type.not_in(NOT_TAKEN_FROM), bal.c.stock_quantity > bal.c.locked_quantity)
    ).all()
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        balance = {**row._mapping, "available_quantity": row.stock_quantity - row.locked_quantity,
                   "is_expired": expired(row.expiry_date, today)}
        if include_expired or not balance["is_expired"]:
            found.setdefault(row.sku_id, []).append(balance)
    return {sku_id: sorted(balances, key=fefo_key) for sku_id, balances in found.items()}


def fefo_key(row: dict[str, Any]) -> tuple:
    expiry = row["expiry_date"]
    return (expiry is None, expiry or date.max, walking_order_key(row["location_code"]), row["batch_number"])
