"""Posting on SQLite: the only code there that changes stock. On PostgreSQL the same steps run
server-side, one function call per operation (services/pg_posting.py, migration issue12), and
tests/services/test_parity.py holds the two to the same results.

Every stock operation (inbound, outbound, transfer, adjust, count, batch adjust) is a list of
lines against balance keys (sku, location, batch). ``post`` applies them inside the caller's
transaction, in one sorted key order so two workstations touching the same balances queue
behind each other instead of deadlocking. Each line is one atomic statement that locks the
balance row as it changes it:

- a decrease is a guarded ``UPDATE … SET q = q - n WHERE … AND q - locked >= n RETURNING q``:
  no row back means not enough available stock (stock − locked);
- an increase is an upsert (``INSERT … ON CONFLICT DO UPDATE SET q = q + n RETURNING q``),
  which creates a missing balance or waits for a concurrent creator instead of duplicating it;
- a count locks the balance (creating it if missing) and sets the counted quantity.

Quantities are never read into Python and written back without the row lock held, so there
are no lost updates. One ledger row per change follows, in the same transaction, and for
each an outbox event that the relay publishes after commit.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..contract.base import Mutation
from ..db.engine import now
from ..db.schema import stock_balances as bal
from ..db.schema import stock_movements
from ..domain.errors import WmsError
from .events import record_stock
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
    def of(cls, cmd: Mutation) -> Header:
        """From a signed command; without a request_id the rows still share a fresh one."""
        assert cmd.operator_id is not None  # Scope.signed
        return cls(operator_id=cmd.operator_id, request_id=cmd.request_id or uuid.uuid4().hex,
                   is_urgent=cmd.is_urgent, notes=cmd.notes, document_ref=cmd.document_ref)


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


def post(conn: Connection, lines: list[Line], header: Header) -> list[Posted]:
    applied: dict[int, tuple[int, int]] = {}
    # a stable sort: lines of one balance keep the caller's order
    for i in sorted(range(len(lines)), key=lambda i: lines[i].key):
        applied[i] = _apply(conn, lines[i])
    outcomes = [applied[i] for i in range(len(lines))]
    rows = [
        {
            "sku_id": line.sku.sku_id,
            "location_id": line.location.location_id,
            "batch_number": line.batch_number,
            "operation": line.operation,
            "quantity_change": change,
            "quantity_after": after,
            "operator_id": header.operator_id,
            "is_urgent": header.is_urgent,
            "notes": header.notes,
            "document_ref": header.document_ref,
            "request_id": header.request_id,
        }
        for line, (change, after) in zip(lines, outcomes)
        if change != 0
    ]
    stamps: Iterator[datetime] = iter(())
    if rows:
        written = conn.execute(
            insert(stock_movements).values(operated_at=now(conn)).returning(
                stock_movements.c.movement_id, stock_movements.c.operated_at, sort_by_parameter_order=True),
            rows,
        ).all()
        changed = [line for line, (change, _) in zip(lines, outcomes) if change != 0]
        record_stock(conn, [(movement_id, line.operation, line.location.warehouse_id, *line.key)
                            for (movement_id, _), line in zip(written, changed)])
        stamps = iter(stamp for _, stamp in written)
    return [
        Posted(line, after - change, change, after, next(stamps) if change else None)
        for line, (change, after) in zip(lines, outcomes)
    ]


def _apply(conn: Connection, line: Line) -> tuple[int, int]:
    """Change one balance; return (quantity change, quantity after)."""
    if line.target is not None:
        balance_id, stock, locked = conn.execute(_upsert(conn, line, 0).returning(
            bal.c.balance_id, bal.c.stock_quantity, bal.c.locked_quantity)).one()
        if line.target < locked:
            raise _insufficient(conn, line, -(line.target - stock))
        if line.target != stock:
            conn.execute(update(bal).where(bal.c.balance_id == balance_id)
                         .values(stock_quantity=line.target, updated_at=now(conn)))
        return line.target - stock, line.target
    change = line.change
    assert change is not None  # a line has a change or a target
    if change > 0:
        return change, conn.execute(_upsert(conn, line, change).returning(bal.c.stock_quantity)).scalar_one()
    taken = -change
    after = conn.execute(
        update(bal)
        .where(*_key(line), bal.c.stock_quantity - bal.c.locked_quantity >= taken)
        .values(stock_quantity=bal.c.stock_quantity - taken, updated_at=now(conn))
        .returning(bal.c.stock_quantity)
    ).scalar()
    if after is None:
        raise _insufficient(conn, line, taken)
    return change, after


def _key(line: Line):
    sku_id, location_id, batch_number = line.key
    return bal.c.sku_id == sku_id, bal.c.location_id == location_id, bal.c.batch_number == batch_number


def _upsert(conn: Connection, line: Line, added: int):
    """Add ``added`` to the balance, creating it if missing; locks the row either way."""
    sku_id, location_id, batch_number = line.key
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(bal).values(sku_id=sku_id, location_id=location_id, batch_number=batch_number,
                                           stock_quantity=added, updated_at=now(conn))
    return statement.on_conflict_do_update(
        index_elements=[bal.c.sku_id, bal.c.location_id, bal.c.batch_number],
        set_={"stock_quantity": bal.c.stock_quantity + statement.excluded.stock_quantity,
              "updated_at": statement.excluded.updated_at},
    )


def _insufficient(conn: Connection, line: Line, requested: int) -> WmsError:
    row = conn.execute(select(bal.c.stock_quantity, bal.c.locked_quantity).where(*_key(line))).first()
    stock, locked = row if row else (0, 0)
    details = {
        "sku_code": line.sku.sku_code,
        "location_code": line.location.location_code,
        "batch_number": line.batch_number or None,
        "available_quantity": stock - locked,
    }
    if line.target is None:
        details["requested_quantity"] = requested
    else:
        details.update(counted_quantity=line.target, locked_quantity=locked)
    return WmsError("INSUFFICIENT_STOCK", details=details)
