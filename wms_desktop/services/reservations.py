"""Reservations: an order line's allocations and the balances' ``locked_quantity``, changed
together so that on every balance the allocations' reserved quantities add up to its locked
quantity (tests/services/test_orders_reservation.py checks it after a race).

- :func:`lock_balances` locks balances in the posting's sorted key order (sku, location, batch
  in code-point order) and reads their quantities: a release plans from what it holds locked,
  so two releases of the same last units queue instead of both taking them;
- :func:`allocate` plans where order lines' units can be reserved (FEFO, then walking order)
  from what is available under those locks;
- :func:`reserve` applies signed changes of the reserved quantity, in the same order, guarded:
  a reservation only from available stock (stock − locked; INSUFFICIENT_STOCK_TO_RESERVE
  15003), a release only of what the allocation holds (INSUFFICIENT_RESERVED_STOCK 15004). A
  pick releases its quantity as ``picked`` (consumed) rather than given back.

On PostgreSQL both are server-side functions (migration issue14: the workstation role cannot
write balances or allocations); on SQLite the same statements run here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import sqlite

from ..db.schema import documents, locations, order_allocations, order_lines, skus
from ..db.schema import stock_balances as bal
from ..domain.errors import WmsError, invalid
from .lots import fefo_by_sku
from .unit import UnitOfWork


@dataclass(frozen=True)
class Reservation:
    line_id: int
    balance_id: int
    change: int  # signed: more reserved, or released
    picked: int = 0  # of a release, how much a pick consumed


def lock_balances(conn: Connection, balance_ids: list[int]) -> dict[int, tuple[int, int]]:
    """balance_id -> (stock_quantity, locked_quantity), the balances locked until commit."""
    if not balance_ids:
        return {}
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql("SELECT * FROM wms_lock_balances(%s::int8[])", (balance_ids,)).all()
    else:  # one writer at a time: reading is holding
        rows = conn.execute(select(bal.c.balance_id, bal.c.stock_quantity, bal.c.locked_quantity)
                            .where(bal.c.balance_id.in_(balance_ids))).all()
    return {row[0]: (row[1], row[2]) for row in rows}


def reserve(conn: Connection, document_id: int, changes: list[Reservation]) -> None:
    if not changes:
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT wms_reserve(%s, %s::int8[], %s::int8[], %s::int8[], %s::int8[])", (
            document_id, [c.line_id for c in changes], [c.balance_id for c in changes],
            [c.change for c in changes], [c.picked for c in changes]))
        return
    rows = conn.execute(
        select(bal.c.balance_id, bal.c.sku_id, bal.c.location_id, bal.c.batch_number, skus.c.sku_code,
               locations.c.location_code, order_lines.c.line_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .join(order_lines, order_lines.c.sku_id == bal.c.sku_id)
        .join(documents, documents.c.document_id == order_lines.c.document_id)
        .where(bal.c.balance_id.in_({c.balance_id for c in changes}),
               order_lines.c.line_id.in_({c.line_id for c in changes}), order_lines.c.document_id == document_id,
               documents.c.warehouse_id == locations.c.warehouse_id)).all()
    found = {(row.line_id, row.balance_id): row for row in rows}
    if any((c.line_id, c.balance_id) not in found for c in changes):
        raise invalid("allocations", "do not belong to the document")

    def key(c: Reservation) -> tuple:
        row = found[(c.line_id, c.balance_id)]
        return (row.sku_id, row.location_id, row.batch_number.encode(), c.line_id)

    for c in sorted(changes, key=key):
        _apply(conn, document_id, c, found[(c.line_id, c.balance_id)])


def _apply(conn: Connection, document_id: int, c: Reservation, row) -> None:
    where = (order_allocations.c.line_id == c.line_id, order_allocations.c.balance_id == c.balance_id)
    place = {"sku_code": row.sku_code, "location_code": row.location_code, "batch_number": row.batch_number or None}
    if c.change > 0:
        done = conn.execute(update(bal).where(bal.c.balance_id == c.balance_id,
                                              bal.c.stock_quantity - bal.c.locked_quantity >= c.change)
                            .values(locked_quantity=bal.c.locked_quantity + c.change)
                            .returning(bal.c.locked_quantity)).first()
        if done is None:
            available = conn.scalar(select(bal.c.stock_quantity - bal.c.locked_quantity)
                                    .where(bal.c.balance_id == c.balance_id))
            raise WmsError("INSUFFICIENT_STOCK_TO_RESERVE", details={
                **place, "requested_quantity": c.change, "available_quantity": available})
        statement = sqlite.insert(order_allocations).values(document_id=document_id, line_id=c.line_id,
                                                            balance_id=c.balance_id, reserved_quantity=c.change)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[order_allocations.c.line_id, order_allocations.c.balance_id],
            set_={"reserved_quantity": order_allocations.c.reserved_quantity + c.change}))
    elif c.change < 0:
        done = conn.execute(update(order_allocations).where(*where, order_allocations.c.reserved_quantity >= -c.change)
                            .values(reserved_quantity=order_allocations.c.reserved_quantity + c.change,
                                    picked_quantity=order_allocations.c.picked_quantity + c.picked)
                            .returning(order_allocations.c.reserved_quantity)).first()
        if done is None:
            reserved = conn.scalar(select(order_allocations.c.reserved_quantity).where(*where))
            raise WmsError("INSUFFICIENT_RESERVED_STOCK", details={
                **place, "requested_quantity": -c.change, "reserved_quantity": reserved or 0})
        conn.execute(update(bal).where(bal.c.balance_id == c.balance_id)
                     .values(locked_quantity=bal.c.locked_quantity + c.change))


def allocate(uow: UnitOfWork, lines: Sequence[Any], avoid_location_id: int | None = None,
             ) -> tuple[list[Reservation], list[tuple[Any, int]]]:
    """Where each line's ``wanted`` units can be reserved (``line_id``, ``sku_id``,
    ``batch_number``, ``wanted``; never at ``avoid_location_id``): the candidate balances of every
    line in one query, locked in the posting's sorted key order, then taken FEFO / walking order
    from what is available under the locks. Returns the reservations and the (line, units
    missing) that could not be filled."""
    conn = uow.conn
    candidates = fefo_by_sku(conn, uow.warehouse_id, sorted({line.sku_id for line in lines}))
    held = lock_balances(conn, [b["balance_id"] for rows in candidates.values() for b in rows
                                if b["location_id"] != avoid_location_id])
    left = {balance_id: stock - locked for balance_id, (stock, locked) in held.items()}
    plan: list[Reservation] = []
    short: list[tuple[Any, int]] = []
    # lines naming a batch first: a line of any batch must not take the only stock of a named one
    for line in sorted(lines, key=lambda line: (line.batch_number == "", line.line_id)):
        need = line.wanted
        for balance in candidates.get(line.sku_id, []):
            if need == 0:
                break
            if line.batch_number and balance["batch_number"] != line.batch_number:
                continue
            take = min(need, left.get(balance["balance_id"], 0))
            if take > 0:
                left[balance["balance_id"]] -= take
                need -= take
                plan.append(Reservation(line.line_id, balance["balance_id"], take))
        if need:
            short.append((line, need))
    return plan, short
