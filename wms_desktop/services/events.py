"""The outbox (``outbox_events``): every event other systems receive — stock movements,
document state changes, alerts — written in the transaction that caused it, and its read
side: which committed events still have to go out, as the JSON they are published as,
numbering and marking them sent. One API for every kind: the MQTT relay (``event_relay.py``)
reads ``pending`` / ``next_batch`` / ``mark_published``; the webhook router
(``services/webhooks.py``) is a second consumer with a mark of its own, ``unrouted`` /
``mark_routed`` — a broker that is away must not hold back webhooks, nor the reverse.

Written: stock events by the posting, one per ledger row (``services/posting.py``; on
PostgreSQL its server-side function), their JSON built from the ledger when published;
document events by the document steps (``services/documents.py``) through :func:`record`, their
JSON stored. A broker outage loses nothing and a rolled-back operation publishes nothing.
Delivery is at least once: an event can go out twice (a relay that stopped between publishing
and marking), so consumers dedupe by ``event_id`` (or by ``sequence``).

Order: outbox ids are handed out when an operation writes its rows, but operations commit in
their own order, so a lower id can become visible after a higher one has gone out. Within one
``ordering_key`` (a balance, a document) that cannot happen — its row lock orders the writers —
so its events go out in order. Across keys the relay's ``sequence`` is the order: it numbers
events as it takes them for publishing, one relay at a time, so the numbers only grow and an
event numbered later was published later — a consumer's sound resume point (docs/mqtt.md).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, case, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from ..db.engine import Database, now
from ..db.schema import locations, outbox_events, products, skus, warehouses
from ..db.schema import stock_movements as mov
from ..domain.codes import iso_z
from ..domain.errors import WmsError

RELAY_LOCK = 0x574D53_4556  # "WMS" "EV": one relay at a time per database, so events keep their order

_EVENTS = (
    select(outbox_events.c.event_id, outbox_events.c.sequence, outbox_events.c.event_type,
           outbox_events.c.payload, warehouses.c.warehouse_code, mov.c.movement_id, products.c.product_code,
           skus.c.sku_code, locations.c.location_code, mov.c.batch_number, mov.c.quantity_change,
           mov.c.quantity_after, mov.c.operator_id, mov.c.is_urgent, mov.c.document_ref, mov.c.request_id,
           mov.c.operated_at)
    .select_from(outbox_events)
    .join(warehouses, warehouses.c.warehouse_id == outbox_events.c.warehouse_id)
    .outerjoin(mov, mov.c.movement_id == outbox_events.c.movement_id)
    .outerjoin(skus, skus.c.sku_id == mov.c.sku_id)
    .outerjoin(products, products.c.product_id == skus.c.product_id)
    .outerjoin(locations, locations.c.location_id == mov.c.location_id)
)
# what goes out next: events numbered by a relay that stopped before publishing them, then the rest
_UNPUBLISHED = (_EVENTS.where(outbox_events.c.published_at.is_(None))
                .order_by(outbox_events.c.sequence.asc().nulls_last(), outbox_events.c.outbox_id))


def record(conn: Connection, event_type: str, warehouse_id: int, ordering_key: str, payload: Mapping[str, Any],
           document_id: int | None = None) -> str:
    """Write one event that is not a stock movement (a document's, an alert) inside the
    caller's transaction; ``payload`` is its JSON beside ``event_id``, ``sequence``,
    ``event_type`` and ``warehouse_code``. Returns its ``event_id``."""
    event_id = str(uuid.uuid4())
    conn.execute(insert(outbox_events).values(
        event_id=event_id, event_type=event_type, warehouse_id=warehouse_id, ordering_key=ordering_key,
        document_id=document_id, payload=json.dumps(payload, ensure_ascii=False), created_at=now(conn)))
    return event_id


def record_stock(conn: Connection, movements: list[tuple[int, str, int, int, int, str]]) -> None:
    """The stock events of freshly written ledger rows: (movement_id, operation, warehouse_id,
    sku_id, location_id, batch_number) each (SQLite's posting; PostgreSQL's writes its own)."""
    conn.execute(insert(outbox_events).values(created_at=now(conn)), [
        {"event_id": str(uuid.uuid4()), "event_type": f"stock.{operation}", "warehouse_id": warehouse_id,
         "ordering_key": balance_key(sku_id, location_id, batch), "movement_id": movement_id}
        for movement_id, operation, warehouse_id, sku_id, location_id, batch in movements])


def balance_key(sku_id: int, location_id: int, batch_number: str) -> str:
    return f"balance:{sku_id}:{location_id}:{batch_number}"


def document_key(document_id: int) -> str:
    return f"document:{document_id}"


def pending(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """Unpublished events in the order they will go out (read only: unnumbered ones stay so)."""
    return db.run(lambda conn: [_event(row._mapping) for row in conn.execute(_UNPUBLISHED.limit(limit))], write=False)


def next_batch(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """The next events to publish, each numbered: the relay's side of ``pending``."""

    def work(conn: Connection) -> list[dict]:
        rows = [dict(row._mapping) for row in conn.execute(_UNPUBLISHED.limit(limit))]
        unnumbered = [row for row in rows if row["sequence"] is None]
        if unnumbered:
            last = conn.scalar(select(func.max(outbox_events.c.sequence))) or 0
            for number, row in enumerate(unnumbered, last + 1):
                row["sequence"] = number
            numbers = {row["event_id"]: row["sequence"] for row in unnumbered}
            conn.execute(update(outbox_events).where(outbox_events.c.event_id.in_(numbers))
                         .values(sequence=case(numbers, value=outbox_events.c.event_id)))
        return [_event(row) for row in rows]

    return db.run(work)


def numbered_after(db: Database, sequence: int, limit: int = 1000) -> list[dict[str, Any]]:
    """Events numbered after ``sequence``, in order: what a consumer that has processed up to
    ``sequence`` has not seen yet (or is about to)."""
    return db.run(lambda conn: [_event(row._mapping) for row in conn.execute(
        _EVENTS.where(outbox_events.c.sequence > sequence).order_by(outbox_events.c.sequence).limit(limit))],
        write=False)


def unrouted(conn: Connection, limit: int) -> list[tuple[Any, dict[str, Any]]]:
    """Committed events the webhook router has not taken yet, in outbox order — within one
    ``ordering_key`` that is the order they were written in (its row lock orders the writers) —
    each as (its row: outbox_id, warehouse_id, ordering_key, written_at; its JSON)."""
    rows = conn.execute(_EVENTS.add_columns(outbox_events.c.outbox_id, outbox_events.c.warehouse_id,
                                            outbox_events.c.ordering_key,
                                            outbox_events.c.created_at.label("written_at"))
                        .where(outbox_events.c.routed_at.is_(None)).order_by(outbox_events.c.outbox_id).limit(limit))
    return [(row, _event(row._mapping)) for row in rows]


def mark_routed(conn: Connection, outbox_ids: list[int]) -> None:
    conn.execute(update(outbox_events).where(outbox_events.c.outbox_id.in_(outbox_ids)).values(routed_at=now(conn)))


def mark_published(db: Database, event_ids: list[str]) -> None:
    if event_ids:
        db.run(lambda conn: conn.execute(update(outbox_events).where(outbox_events.c.event_id.in_(event_ids))
                                         .values(published_at=now(conn))))


class RelayLease:
    """On PostgreSQL, a session advisory lock held on its own connection: of all the
    workstations running a relay, one publishes at a time (``key``: one lock per kind of
    relay). SQLite has one workstation."""

    def __init__(self, db: Database, key: int = RELAY_LOCK) -> None:
        self._db = db
        self._key = key
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
            self._holding = bool(self._conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}))
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
                conn.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except (DBAPIError, WmsError):
            pass  # the session is gone already, and the lock with it
        finally:
            conn.close()


def _event(row: Mapping[Any, Any]) -> dict[str, Any]:  # a RowMapping, or a row copied to number it
    head = {"event_id": row["event_id"], "sequence": row["sequence"], "event_type": row["event_type"]}
    if row["movement_id"] is None:  # stored when it was written
        return {**head, "warehouse_code": row["warehouse_code"], **json.loads(row["payload"])}
    return {
        **head,
        **{name: row[name] for name in ("movement_id", "warehouse_code", "product_code", "sku_code",
                                        "location_code")},
        "batch_number": row["batch_number"] or None,
        **{name: row[name] for name in ("quantity_change", "quantity_after", "operator_id", "is_urgent",
                                        "document_ref", "request_id")},
        "operated_at": iso_z(row["operated_at"]),
    }
