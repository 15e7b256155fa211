"""Posting: the only code that changes stock.

Every stock operation (inbound, outbound, transfer, adjust, count, batch adjust) is a list of
lines against balance keys (sku, location, batch). ``post`` applies them inside the caller's
transaction:

1. lock every balance the lines touch, in one sorted key order, so two workstations posting
   the same keys queue behind each other instead of deadlocking; a balance that a line may
   increase is created first (INSERT … ON CONFLICT DO NOTHING, which waits for a concurrent
   creator rather than duplicating it);
2. compute each line's new quantity from the locked value, refusing to go below what is locked
   (available = stock − locked);
3. write the balances and one ledger row per change.

Nothing is read and then written without the row lock held, so there are no lost updates.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..db.engine import now
from ..db.schema import stock_balances as bal
from ..db.schema import stock_movements
from ..domain.errors import WmsError
from .lookup import Location, Sku


@dataclass(frozen=True)
class Header:
    """What every ledger row of one operation shares."""

    operator_id: str
    request_id: str
    is_urgent: bool = False
    notes: str | None = None
    document_ref: str | None = None

    @classmethod
    def of(cls, payload: dict) -> "Header":
        """From a parsed payload; without a request_id the rows still share a fresh one."""
        return cls(operator_id=payload["operator_id"], request_id=payload["request_id"] or uuid.uuid4().hex,
                   is_urgent=payload["is_urgent"], notes=payload["notes"], document_ref=payload["document_ref"])


@dataclass(frozen=True)
class Line:
    sku: Sku
    location: Location
    batch_number: str  # '' when the stock has no batch
    operation: str
    change: int | None = None  # a signed quantity to add …
    target: int | None = None  # … or the counted quantity to set

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.sku.sku_id, self.location.location_id, self.batch_number)

    @property
    def may_grow(self) -> bool:
        return self.target is not None or (self.change or 0) > 0


@dataclass(frozen=True)
class Posted:
    line: Line
    previous_quantity: int
    quantity_change: int
    current_quantity: int
    operated_at: datetime | None  # None when a count found nothing to change


@dataclass
class _Balance:
    balance_id: int | None
    stock: int
    locked: int
    dirty: bool = False


def post(conn: Connection, lines: list[Line], header: Header) -> list[Posted]:
    growing = {line.key for line in lines if line.may_grow}
    balances = {key: _lock(conn, key, key in growing) for key in sorted({line.key for line in lines})}
    outcomes: list[tuple[Line, int, int]] = []
    for line in lines:
        balance = balances[line.key]
        previous = balance.stock
        change = line.change if line.target is None else line.target - previous
        if previous + change < balance.locked:
            raise _insufficient(line, balance, change)
        balance.stock += change
        balance.dirty |= change != 0
        outcomes.append((line, previous, change))

    stamp = now(conn)
    changed = [(k, b) for k, b in balances.items() if b.dirty]
    if changed:
        conn.execute(
            update(bal).where(bal.c.balance_id == bindparam("b_id")).values(
                stock_quantity=bindparam("b_stock"), updated_at=stamp),
            [{"b_id": b.balance_id, "b_stock": b.stock} for _, b in changed],
        )
    rows = [
        {
            "sku_id": line.sku.sku_id,
            "location_id": line.location.location_id,
            "batch_number": line.batch_number,
            "operation": line.operation,
            "quantity_change": change,
            "quantity_after": previous + change,
            "operator_id": header.operator_id,
            "is_urgent": header.is_urgent,
            "notes": header.notes,
            "document_ref": header.document_ref,
            "request_id": header.request_id,
        }
        for line, previous, change in outcomes
        if change != 0
    ]
    stamps = iter(())
    if rows:
        written = conn.execute(
            insert(stock_movements).values(operated_at=stamp).returning(
                stock_movements.c.operated_at, sort_by_parameter_order=True),
            rows,
        )
        stamps = iter(written.scalars().all())
    return [
        Posted(line, previous, change, previous + change, next(stamps) if change else None)
        for line, previous, change in outcomes
    ]


def _lock(conn: Connection, key: tuple[int, int, str], create: bool) -> _Balance:
    sku_id, location_id, batch_number = key
    if create:
        dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(
            dialect_insert(bal)
            .values(sku_id=sku_id, location_id=location_id, batch_number=batch_number)
            .on_conflict_do_nothing()
        )
    row = conn.execute(
        select(bal.c.balance_id, bal.c.stock_quantity, bal.c.locked_quantity)
        .where(bal.c.sku_id == sku_id, bal.c.location_id == location_id, bal.c.batch_number == batch_number)
        .with_for_update()
    ).first()
    return _Balance(*row) if row else _Balance(None, 0, 0)


def _insufficient(line: Line, balance: _Balance, change: int) -> WmsError:
    details = {
        "sku_code": line.sku.sku_code,
        "location_code": line.location.location_code,
        "batch_number": line.batch_number or None,
        "available_quantity": balance.stock - balance.locked,
    }
    if line.target is None:
        details["requested_quantity"] = -change
    else:
        details.update(counted_quantity=line.target, locked_quantity=balance.locked)
    return WmsError("INSUFFICIENT_STOCK", details=details)
