"""Idempotency: a repeated ``request_id`` (double click, re-sent scan, retry after a timeout
or after a lost answer) returns the first call's result and posts nothing.

The request row is claimed first, inside the operation's own transaction: a concurrent
duplicate waits on it, then sees the committed first result. A failed operation rolls its
claim back, so the same request_id may be tried again. Request ids belong to the calling
workstation's warehouse: the same id from another warehouse is another request.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..db.schema import operation_requests as req
from ..domain.errors import invalid


def _fingerprint(operation: str, payload: dict[str, Any]) -> str:
    body = {k: v for k, v in payload.items() if k != "request_id"}
    text = json.dumps([operation, body], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def claim(conn: Connection, warehouse_id: int, operation: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Claim ``payload['request_id']`` in this warehouse for this call, or return the result it
    already has."""
    request_id = payload["request_id"]
    fingerprint = _fingerprint(operation, payload)
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    claimed = conn.execute(
        dialect_insert(req)
        .values(warehouse_id=warehouse_id, request_id=request_id, operation=operation, payload_hash=fingerprint)
        .on_conflict_do_nothing()
        .returning(req.c.request_id)
    ).first()
    if claimed:
        return None
    first = conn.execute(select(req.c.payload_hash, req.c.result)
                         .where(req.c.warehouse_id == warehouse_id, req.c.request_id == request_id)).one()
    if first.payload_hash != fingerprint:
        raise invalid("request_id", "was already used for a different operation or input", request_id=request_id)
    return json.loads(first.result)


def remember(conn: Connection, warehouse_id: int, request_id: str, result: dict[str, Any]) -> None:
    conn.execute(update(req).where(req.c.warehouse_id == warehouse_id, req.c.request_id == request_id)
                 .values(result=json.dumps(result, ensure_ascii=False)))
