"""Stock posting on PostgreSQL: each operation is one call of its server-side function
(migration issue12), which claims the request_id, looks up, locks, posts the ledger and outbox
rows and answers with the result — one round trip, in autocommit. The payload is parsed here
first, exactly as for SQLite; what the server answers or refuses is what
``services/posting.py`` gives on SQLite (tests/services/test_parity.py holds them equal).
"""
from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import Connection

from ..db.server_call import call, int8
from ..db.engine import Database
from ..domain.codes import UNASSIGNED_LOCATION
from .posting import Header
from .requests import fingerprint

_HEADER = "%s::text, %s::bool, %s::text, %s::text, %s::text, %s::text"  # operator … request_id, payload hash

BALANCE = ("SELECT wms_post_balance(%s::text, %s::text, %s::int8, %s::text, %s::text, %s::int8,"
           f" %s::text, %s::int8, %s::text, {_HEADER})")  # inbound, outbound, adjust, count
TRANSFER = ("SELECT wms_post_transfer(%s::text, %s::text, %s::int8, %s::text, %s::int8, %s::text, %s::int8,"
            f" %s::text, %s::int8, %s::text, {_HEADER})")
BATCH_ADJUST = f"SELECT wms_post_batch_adjust(%s::text, %s::text[], %s::text[], %s::int8[], %s::text[], {_HEADER})"


def _balance(operation: str, warehouse: str, p: dict) -> tuple[str, tuple]:
    """inbound, outbound (by id or code), adjust and count (by code)."""
    return BALANCE, (operation, warehouse, int8(p.get("product_id")), p["product_code"], p["sku_code"],
                     int8(p.get("location_id")), p["location_code"], int8(p["stock_quantity"]), p["batch_number"])


def _transfer(_operation: str, warehouse: str, p: dict) -> tuple[str, tuple]:
    return TRANSFER, (warehouse, p["sku_code"], int8(p["product_id"]), p["product_code"],
                      int8(p["from_location_id"]), p["from_location_code"], int8(p["to_location_id"]),
                      p["to_location_code"], int8(p["stock_quantity"]), p["batch_number"])


def _batch_adjust(_operation: str, warehouse: str, p: dict) -> tuple[str, tuple]:
    lines = p["adjustments"]
    return BATCH_ADJUST, (warehouse, [a["sku_code"] for a in lines], [a["location_code"] for a in lines],
                          [int8(a["stock_quantity"]) for a in lines], [a["batch_number"] for a in lines])


CALLS: dict[str, Callable[[str, str, dict], tuple[str, tuple]]] = {
    "inbound": _balance,
    "outbound": _balance,
    "transfer": _transfer,
    "adjust": _balance,
    "count": _balance,
    "batch_adjust": _batch_adjust,
}


def _header(operation: str, p: dict, header: Header) -> tuple:
    claim = fingerprint(operation, p) if p["request_id"] is not None else None
    return (header.operator_id, header.is_urgent, header.notes, header.document_ref, header.request_id, claim)


def post(db: Database, warehouse_code: str, operation: str, p: dict, header: Header) -> dict[str, Any]:
    """The whole operation, as its own unit of work (one round trip)."""
    sql, head = CALLS[operation](operation, warehouse_code, p)
    return call(db, sql, (*head, *_header(operation, p, header)))


def receive_unassigned(conn: Connection, warehouse_code: str, product_code: str, sku_code: str, quantity: int,
                       header: Header) -> None:
    """Inbound into 无货位 inside the caller's unit of work (a new SKU's opening stock); the
    caller's own request_id claim covers it."""
    conn.exec_driver_sql(BALANCE, ("inbound", warehouse_code, None, product_code, sku_code, None,
                                            UNASSIGNED_LOCATION, int8(quantity), None, header.operator_id,
                                            header.is_urgent, header.notes, header.document_ref, header.request_id,
                                            None))
