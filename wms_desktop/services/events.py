"""The stock-event outbox, read side: which committed movements still have to go out, as the
JSON events other systems receive, numbering and marking them sent.

Every ledger row gets an outbox row in its own transaction (services/posting.py), so a broker
outage loses nothing and a rolled-back posting publishes nothing. Delivery is at least once:
an event can go out twice (a relay that stopped between publishing and marking), so
consumers dedupe by ``event_id`` (or by ``sequence``).

Order: movement ids are handed out when a posting writes its ledger rows, but postings commit
in their own order, so a lower id can become visible after a higher one has gone out. Within
one balance that cannot happen (its row lock orders the postings), so events of one balance
go out in order. Across balances the relay's ``sequence`` is the order: it numbers events as
it takes them for publishing, one relay at a time, so the numbers only grow and an event
numbered later was published later — a consumer's sound resume point (docs/mqtt.md).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, case, func, select, text, update
from sqlalchemy.exc import DBAPIError

from ..db.engine import Database, now
from ..db.schema import locations, products, skus, stock_events, warehouses
from ..db.schema import stock_movements as mov
from ..domain.codes import iso_z
from ..domain.errors import WmsError

RELAY_LOCK = 0x574D53_4556  # "WMS" "EV": one relay at a time per database, so events keep their order

_EVENTS = (
    select(stock_events.c.event_id, stock_events.c.sequence, mov.c.movement_id, mov.c.operation,
           warehouses.c.warehouse_code, products.c.product_code, skus.c.sku_code, locations.c.location_code,
           mov.c.batch_number, mov.c.quantity_change, mov.c.quantity_after, mov.c.operator_id, mov.c.is_urgent,
           mov.c.document_ref, mov.c.request_id, mov.c.operated_at)
    .select_from(stock_events)
    .join(mov, mov.c.movement_id == stock_events.c.movement_id)
    .join(skus, skus.c.sku_id == mov.c.sku_id)
    .join(products, products.c.product_id == skus.c.product_id)
    .join(locations, locations.c.location_id == mov.c.location_id)
    .join(warehouses, warehouses.c.warehouse_id == locations.c.warehouse_id)
)
# what goes out next: events numbered by a relay that stopped before publishing them, then the rest
_UNPUBLISHED = (_EVENTS.where(stock_events.c.published_at.is_(None))
                .order_by(stock_events.c.sequence.asc().nulls_last(), stock_events.c.movement_id))


def pending(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """Unpublished events in the order they will go out (read only: unnumbered ones stay so)."""
    return db.run(lambda conn: [_event(row._mapping) for row in conn.execute(_UNPUBLISHED.limit(limit))], write=False)


def next_batch(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """The next events to publish, each numbered: the relay's side of ``pending``."""

    def work(conn: Connection) -> list[dict]:
        rows = [dict(row._mapping) for row in conn.execute(_UNPUBLISHED.limit(limit))]
        unnumbered = [row for row in rows if row["sequence"] is None]
        if unnumbered:
            last = conn.scalar(select(func.max(stock_events.c.sequence))) or 0
            for number, row in enumerate(unnumbered, last + 1):
                row["sequence"] = number
            numbers = {row["event_id"]: row["sequence"] for row in unnumbered}
            conn.execute(update(stock_events).where(stock_events.c.event_id.in_(numbers))
                         .values(sequence=case(numbers, value=stock_events.c.event_id)))
        return [_event(row) for row in rows]

    return db.run(work)


def numbered_after(db: Database, sequence: int, limit: int = 1000) -> list[dict[str, Any]]:
    """Events numbered after ``sequence``, in order: what a consumer that has processed up to
    ``sequence`` has not seen yet (or is about to)."""
    return db.run(lambda conn: [_event(row._mapping) for row in conn.execute(
        _EVENTS.where(stock_events.c.sequence > sequence).order_by(stock_events.c.sequence).limit(limit))],
        write=False)


def mark_published(db: Database, event_ids: list[str]) -> None:
    if event_ids:
        db.run(lambda conn: conn.execute(update(stock_events).where(stock_events.c.event_id.in_(event_ids))
                                         .values(published_at=now(conn))))


class RelayLease:
    """On PostgreSQL, a session advisory lock held on its own connection: of all the
    workstations running a relay, one publishes at a time. SQLite has one workstation."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # outside the pool: losing this connection must end the session and the lock with it
        self._engine = None if db.is_sqlite else db.unpooled_engine()
        # kept open while waiting too: asking again is one cheap query, not a new session per idle tick
        self._conn: Connection | None = None
        self._holding = False

    def held(self) -> bool:
        if self._db.is_sqlite:
            return True
        if self._holding:
            try:
                assert self._conn is not None  # held on it
                self._conn.exec_driver_sql("SELECT 1")
                return True
            except (DBAPIError, WmsError):  # the session is gone, and the lock with it
                self.release()
        try:
            if self._conn is None:
                assert self._engine is not None  # PostgreSQL
                self._conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._holding = bool(self._conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": RELAY_LOCK}))
        except (DBAPIError, WmsError):
            self.release()
            raise
        return self._holding

    def release(self) -> None:
        holding, self._holding = self._holding, False
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            if holding:
                # unlocked before this returns: closing alone ends the session only when the server
                # gets round to it, and another relay asking at once would still find the lock held
                conn.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": RELAY_LOCK})
        except (DBAPIError, WmsError):
            pass  # the session is gone already, and the lock with it
        finally:
            conn.close()


def _event(row: Mapping[Any, Any]) -> dict[str, Any]:  # a RowMapping, or a row copied to number it
    return {
        "event_id": row["event_id"],
        "sequence": row["sequence"],
        "event_type": f"stock.{row['operation']}",
        **{name: row[name] for name in ("movement_id", "warehouse_code", "product_code", "sku_code",
                                        "location_code")},
        "batch_number": row["batch_number"] or None,
        **{name: row[name] for name in ("quantity_change", "quantity_after", "operator_id", "is_urgent",
                                        "document_ref", "request_id")},
        "operated_at": iso_z(row["operated_at"]),
    }
