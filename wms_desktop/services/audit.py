"""The audit trail: every change of the catalogue, locations, warehouses, users and document
states, recorded in the transaction that makes it — who (the signed-in user, or the operator
the command line names), when, on which workstation (the computer's name), and the fields
that changed, before and after.

Tamper-evident: ``audit_log`` is append-only in the database (triggers refuse UPDATE and
DELETE; the workstation role may only insert), and each row's ``row_hash`` is the SHA-256 of
its content and ``previous_hash``, the hash of the row before it. Rows are numbered and
chained under the lock of ``audit_head``'s one row, so concurrent writers append one after the
other (audited changes are rare next to postings). Changing or removing a row later — which
takes the database owner switching the triggers off — breaks the chain at that row, and
:func:`verify` (``wms-desktop audit verify``) names the first row where it breaks.
"""
from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..contract.audit import AuditEntry, AuditPage, AuditTrail, AuditVerified
from ..contract.decode import Payload, decode
from ..db.engine import Database, now
from ..db.schema import audit_head, audit_log
from ..domain.codes import iso_z
from .access import READ, requires
from .unit import Area, UnitOfWork

GENESIS = "0" * 64  # the previous_hash of the first row
WORKSTATION = socket.gethostname()
VERIFY_BLOCK = 1000
_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One audited change: whose trail (``subject``, e.g. ``product:17``), the record's type and
    code, the action, and the record before and after (None: created / deleted)."""

    subject: str
    entity_type: str
    entity_code: str | None
    action: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


def record(uow: UnitOfWork, change: Change, operator: str | None = None, in_warehouse: bool = True) -> None:
    """Append one change (nothing when before and after are the same)."""
    record_many(uow, [change], operator, in_warehouse)


def record_many(uow: UnitOfWork, changes: list[Change], operator: str | None = None,
                in_warehouse: bool = True) -> None:
    """Append changes in order, each with only the fields that differ. ``operator``: who, when
    no user is signed in (the command line names the operator in its commands).
    ``in_warehouse`` False: a change of no warehouse's (users, made before any warehouse exists)."""
    append_changes(uow.conn, uow.warehouse_id if in_warehouse else None,
                   uow.actor.user_name or operator or "system", changes)


def append_changes(conn: Connection, warehouse_id: int | None, actor: str, changes: list[Change]) -> None:
    """:func:`record_many` outside a unit of work (creating a warehouse)."""
    rows = [found for change in changes if (found := row(change)) is not None]
    if rows:
        append(conn, warehouse_id, actor, rows)


def row(change: Change) -> dict[str, Any] | None:
    """The row of a change, for :func:`append`: only the fields that differ (None: nothing did)."""
    before, after = differences(change.before, change.after)
    if before == after:
        return None
    return {"subject": change.subject, "entity_type": change.entity_type, "entity_code": change.entity_code,
            "action": change.action, "before": _json(before), "after": _json(after)}


def append(conn: Connection, warehouse_id: int | None, actor: str, rows: list[dict[str, Any]]) -> None:
    """Chain and insert ``rows`` (subject, entity_type, entity_code, action, before, after as
    JSON text) after the last row, holding the head's lock until the caller commits."""
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(dialect_insert(audit_head).values(chain=1, last_audit_id=0, last_hash=GENESIS)
                 .on_conflict_do_nothing())
    head = conn.execute(select(audit_head.c.last_audit_id, audit_head.c.last_hash)
                        .where(audit_head.c.chain == 1).with_for_update()).one()
    moment = conn.scalar(select(now(conn)))
    audit_id, previous = head.last_audit_id, head.last_hash
    chained = []
    for row in rows:
        audit_id += 1
        full = {**row, "audit_id": audit_id, "recorded_at": moment, "warehouse_id": warehouse_id, "actor": actor,
                "workstation": WORKSTATION, "previous_hash": previous}
        previous = full["row_hash"] = row_hash(full)
        chained.append(full)
    conn.execute(insert(audit_log), chained)
    conn.execute(update(audit_head).where(audit_head.c.chain == 1).values(last_audit_id=audit_id,
                                                                           last_hash=previous))


def row_hash(row: Mapping[str, Any]) -> str:
    """SHA-256 over the row's content and the previous row's hash, as stored."""
    content = [row["audit_id"], iso_z(row["recorded_at"]), row["warehouse_id"], row["subject"], row["entity_type"],
               row["entity_code"], row["action"], row["actor"], row["workstation"], row["before"], row["after"],
               row["previous_hash"]]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def differences(before: Mapping[str, Any] | None,
                after: Mapping[str, Any] | None) -> tuple[dict | None, dict | None]:
    """The fields that differ (nested mappings, such as a product's SKUs, compared key by key);
    a created or deleted record is shown whole."""
    if before is None or after is None:
        return (None if before is None else dict(before)), (None if after is None else dict(after))
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for key in sorted(before.keys() | after.keys()):
        was, now_ = before.get(key, _MISSING), after.get(key, _MISSING)
        if was == now_:
            continue
        if isinstance(was, Mapping) and isinstance(now_, Mapping):
            was, now_ = differences(was, now_)
        if was is not _MISSING:
            old[key] = was
        if now_ is not _MISSING:
            new[key] = now_
    return old, new


def verify(db: Database) -> AuditVerified:
    """Walk the chain in order: each row's previous_hash must be the hash of the row before,
    its row_hash its own, and the head must name the last row."""
    checked, previous, expected_id = 0, GENESIS, 1
    for row in _rows(db):
        if row["audit_id"] != expected_id:
            return AuditVerified(checked=checked, intact=False, first_broken=expected_id, reason="missing")
        if row["previous_hash"] != previous:
            return AuditVerified(checked=checked, intact=False, first_broken=row["audit_id"], reason="link")
        if row_hash(row) != row["row_hash"]:
            return AuditVerified(checked=checked, intact=False, first_broken=row["audit_id"], reason="content")
        checked, previous, expected_id = checked + 1, row["row_hash"], expected_id + 1
    head = db.run(lambda conn: conn.execute(select(audit_head.c.last_audit_id, audit_head.c.last_hash)).first(),
                  write=False)
    last = (head.last_audit_id, head.last_hash) if head else (0, GENESIS)
    if last != (checked, previous):  # rows gone from the end, or the head rewritten
        return AuditVerified(checked=checked, intact=False, first_broken=checked + 1,
                             reason="missing" if last[0] > checked else "head")
    return AuditVerified(checked=checked, intact=True)


def _rows(db: Database) -> Iterator[dict[str, Any]]:
    """Every row in chain order, a block at a time (bounded memory, short reads)."""

    def block(after: int) -> list[dict[str, Any]]:
        return db.run(lambda conn: [dict(r._mapping) for r in conn.execute(
            select(audit_log).where(audit_log.c.audit_id > after).order_by(audit_log.c.audit_id)
            .limit(VERIFY_BLOCK))], write=False)

    rows = block(0)
    while rows:
        yield from rows
        rows = block(rows[-1]["audit_id"]) if len(rows) == VERIFY_BLOCK else []


def _json(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_z(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


class Audit(Area):
    @requires(READ)
    def trail(self, command: AuditTrail | Payload) -> AuditPage:
        """``{items: [{audit_id, recorded_at, entity_type, entity_code, action, actor,
        workstation, before, after}]}``, newest first."""
        p = decode(AuditTrail, command)

        def work(uow: UnitOfWork) -> AuditPage:
            query = select(audit_log.c.audit_id, audit_log.c.recorded_at, audit_log.c.entity_type,
                           audit_log.c.entity_code, audit_log.c.action, audit_log.c.actor, audit_log.c.workstation,
                           audit_log.c.before, audit_log.c.after).where(
                audit_log.c.subject == f"{p.subject_type}:{p.subject_id}")
            if p.before is not None:
                query = query.where(audit_log.c.audit_id < p.before)
            rows = uow.conn.execute(query.order_by(audit_log.c.audit_id.desc()).limit(p.limit))
            return AuditPage(items=[AuditEntry(**{**r._mapping, "recorded_at": iso_z(r.recorded_at)}) for r in rows])

        return self._scope.read(work)

    @requires(READ)
    def verify(self) -> AuditVerified:
        return verify(self._scope.db)
