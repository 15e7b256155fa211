"""The audit trail: every change of the catalogue, locations, warehouses, users and document
states, recorded in the transaction that makes it — who (the signed-in user, or the operator
the command line names), when, on which workstation (the computer's name), and the fields
that changed, before and after.

Tamper-evident: ``audit_log`` is append-only in the database (triggers refuse UPDATE and
DELETE; on PostgreSQL the workstation role appends only through ``wms_audit_append``), and
each row's ``row_hash`` is the SHA-256 of its content and ``previous_hash``, the hash of the
row before it in its chain. A subject's rows (``document:9``) form one of CHAINS chains, chosen
by a stable hash of the subject (:func:`chain_of`); each chain is appended under the lock of
its ``audit_head`` row, so changes of different documents — every document action is audited —
rarely wait on each other, while one subject's rows stay in order. Changing or removing a row
later — which takes the database owner switching the triggers off — breaks its chain at that
row, and :func:`verify` (``wms-desktop audit verify``) names the first row where a chain breaks.
"""
from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, tuple_, update
from sqlalchemy.dialects import sqlite

from ..contract.audit import AuditEntry, AuditPage, AuditTrail, AuditVerified
from ..contract.decode import Payload, decode
from ..db.engine import Database, now
from ..db.schema import audit_head, audit_log
from ..domain.codes import iso_z
from .access import READ, requires
from .unit import Area, UnitOfWork

GENESIS = "0" * 64  # the previous_hash of a chain's first row
CHAINS = 64  # subjects spread over this many chains (a stored row keeps its chain whatever this becomes)
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
    append_changes(uow.conn, uow.warehouse_id if in_warehouse else None, actor_of(uow, operator), changes)


def actor_of(uow: UnitOfWork, operator: str | None = None) -> str:
    """Who a record names: the signed-in user, else the operator the command names."""
    return uow.actor.user_name or operator or "system"


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
    JSON text), each after the last row of its subject's chain, holding those chains' locks
    until the caller commits. PostgreSQL: one call of wms_audit_append (migration
    issue14_audit_chains), which hashes as :func:`row_hash` does."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT wms_audit_append(%s, %s, %s, %s::json)",
                             (warehouse_id, actor, WORKSTATION, json.dumps(rows, ensure_ascii=False)))
        return
    chains = sorted({chain_of(row["subject"]) for row in rows})
    conn.execute(sqlite.insert(audit_head).values([{"chain": c, "last_audit_id": 0, "last_hash": GENESIS}
                                                   for c in chains]).on_conflict_do_nothing())
    last = {head.chain: (head.last_audit_id, head.last_hash) for head in conn.execute(
        select(audit_head.c.chain, audit_head.c.last_audit_id, audit_head.c.last_hash)
        .where(audit_head.c.chain.in_(chains)))}
    moment = conn.scalar(select(now(conn)))
    audit_id: int = conn.execute(select(func.coalesce(func.max(audit_log.c.audit_id), 0))).scalar_one()  # one writer
    chained = []
    for change in rows:
        audit_id += 1
        chain = chain_of(change["subject"])
        full = {**change, "audit_id": audit_id, "chain": chain, "recorded_at": moment, "warehouse_id": warehouse_id,
                "actor": actor, "workstation": WORKSTATION, "previous_hash": last[chain][1]}
        full["row_hash"] = row_hash(full)
        last[chain] = (audit_id, full["row_hash"])
        chained.append(full)
    conn.execute(insert(audit_log), chained)
    for chain, (audit_id, last_hash) in last.items():
        conn.execute(update(audit_head).where(audit_head.c.chain == chain).values(last_audit_id=audit_id,
                                                                                 last_hash=last_hash))


def chain_of(subject: str) -> int:
    """The chain a subject's rows belong to, 1 … CHAINS (wms_audit_chain on PostgreSQL)."""
    return 1 + int(hashlib.sha256(subject.encode()).hexdigest()[:8], 16) % CHAINS


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
    """Walk every chain in order: each row's previous_hash must be the hash of the row before it
    in its chain, its row_hash its own, and the chain's head must name its last row. Reports
    the break with the lowest audit_id, and its chain; ``checked``: the rows found whole."""
    checked, breaks = 0, []
    ends: dict[int, tuple[int, str]] = {}  # chain -> (audit_id, row_hash) of its last row found whole
    broken: set[int] = set()  # the rest of a broken chain is not checked
    for row in _rows(db):
        chain = row["chain"]
        if chain in broken:
            continue
        last_id, previous = ends.get(chain, (0, GENESIS))
        reason = "link" if row["previous_hash"] != previous else "content" if row_hash(row) != row["row_hash"] else None
        if reason:
            broken.add(chain)
            breaks.append((row["audit_id"], chain, reason))
        else:
            checked, ends[chain] = checked + 1, (row["audit_id"], row["row_hash"])
    heads = dict(db.run(lambda conn: [(h.chain, (h.last_audit_id, h.last_hash)) for h in conn.execute(
        select(audit_head.c.chain, audit_head.c.last_audit_id, audit_head.c.last_hash))], write=False))
    for chain in (heads.keys() | ends.keys()) - broken:
        head, end = heads.get(chain, (0, GENESIS)), ends.get(chain, (0, GENESIS))
        if head != end:  # rows gone from the chain's end (the head names a later row), or the head rewritten
            breaks.append((head[0], chain, "missing") if head[0] > end[0] else (end[0], chain, "head"))
    if not breaks:
        return AuditVerified(checked=checked, intact=True)
    audit_id, chain, reason = min(breaks)
    return AuditVerified(checked=checked, intact=False, first_broken=audit_id, chain=chain, reason=reason)


def _rows(db: Database) -> Iterator[dict[str, Any]]:
    """Every row, chain by chain in chain order, a block at a time (bounded memory, short reads)."""

    def block(after: tuple[int, int]) -> list[dict[str, Any]]:
        return db.run(lambda conn: [dict(r._mapping) for r in conn.execute(
            select(audit_log).where(tuple_(audit_log.c.chain, audit_log.c.audit_id) > after)
            .order_by(audit_log.c.chain, audit_log.c.audit_id).limit(VERIFY_BLOCK))], write=False)

    rows = block((0, 0))
    while rows:
        yield from rows
        rows = block((rows[-1]["chain"], rows[-1]["audit_id"])) if len(rows) == VERIFY_BLOCK else []


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
