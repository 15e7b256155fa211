"""Idempotency: a repeated ``request_id`` (double click, re-sent scan, retry after a timeout
or after a lost answer) returns the first call's result and posts nothing.

The request row is claimed first, inside the operation's own transaction: a concurrent
duplicate waits on it, then sees the committed first result. A failed operation rolls its
claim back, so the same request_id may be tried again. Request ids belong to the calling
workstation's warehouse: the same id from another warehouse is another request. On PostgreSQL
the claim and the result go through the functions wms_claim / wms_remember (the workstation
role may not write operation_requests itself), which stock postings also call server-side.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.dialects import sqlite

from ..db.schema import operation_requests as req
from ..domain.errors import invalid


def fingerprint(operation: str, payload: dict[str, Any]) -> str:
    body = {k: v for k, v in payload.items() if k != "request_id"}
    text = json.dumps([operation, body], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def claim(conn: Connection, warehouse_id: int, operation: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Claim ``payload['request_id']`` in this warehouse for this call, or return the result it
    already has."""
    request_id = payload["request_id"]
    hashed = fingerprint(operation, payload)
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_claim(:w, :r, :o, :h)"),
                            {"w": warehouse_id, "r": request_id, "o": operation, "h": hashed}).scalar()
    claimed = conn.execute(
        sqlite.insert(req)
        .values(warehouse_id=warehouse_id, request_id=request_id, operation=operation, payload_hash=hashed)
        .on_conflict_do_nothing()
        .returning(req.c.request_id)
    ).first()
    if claimed:
        return None
    first = conn.execute(select(req.c.payload_hash, req.c.result)
                         .where(req.c.warehouse_id == warehouse_id, req.c.request_id == request_id)).one()
    if first.payload_hash != hashed:
        raise invalid("request_id", "was already used for a different operation or input", request_id=request_id)
    return json.loads(first.result)


def remember(conn: Connection, warehouse_id: int, request_id: str, result: dict[str, Any]) -> None:
    stored = json.dumps(result, ensure_ascii=False)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT wms_remember(:w, :r, CAST(:v AS json))"),
                     {"w": warehouse_id, "r": request_id, "v": stored})
        return
    conn.execute(update(req).where(req.c.warehouse_id == warehouse_id, req.c.request_id == request_id)
                 .values(result=stored))
