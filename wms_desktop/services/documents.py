"""The steps every document type shares, each inside the caller's unit of work
(docs/documents.md):

- :func:`create` — a new header in the caller's warehouse, its number unique in the warehouse
  (DOCUMENT_NUMBER_EXISTS), in its lifecycle's initial state;
- :func:`find` — the header (a ``DocumentRef``) by id or number, locked (``SELECT … FOR UPDATE``) unless only read:
  a document of another warehouse or type is DOCUMENT_NOT_FOUND, like one that does not exist;
- :func:`act` — an action of the lifecycle on a locked header: the transition is checked in
  ``domain.documents`` (INVALID_STATE_TRANSITION with the action's code), the version compared
  with the one the caller read (DOCUMENT_VERSION_CONFLICT), then state, version and
  ``updated_at`` are written, the event goes to the outbox and the audit record is made — all
  in the same transaction;
- :func:`header` and :func:`ordered_ids` / :func:`rows` for results and the lazy lists.

The header row is the document's lock: everything that changes a document (a receipt, an
allocation, a count entry) locks it first, so work against one document queues instead of
racing, on PostgreSQL as on SQLite (which has one writer at a time anyway).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Select, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..contract.documents import DocumentHeader, DocumentRef
from ..db.engine import now
from ..db.schema import documents
from ..domain.codes import iso_z
from ..domain.documents import Lifecycle
from ..domain.errors import WmsError
from . import audit, events
from .unit import UnitOfWork

_HEADER = (documents.c.document_id, documents.c.document_type, documents.c.document_number, documents.c.state,
           documents.c.version)


def create(uow: UnitOfWork, lifecycle: Lifecycle, document_number: str, operator_id: str, *,
           is_urgent: bool = False, notes: str | None = None, state: str | None = None) -> DocumentRef:
    """A new document of ``lifecycle``'s type in its initial state (or ``state``, one of its
    states: a receipt started without an ASN begins receiving). Its number must be new in the
    warehouse, whatever the type."""
    state = state or lifecycle.initial
    if state not in lifecycle.states:
        raise ValueError(f"{lifecycle.document_type} has no state {state!r}")
    dialect_insert = postgresql.insert if uow.conn.dialect.name == "postgresql" else sqlite.insert
    stamp = now(uow.conn)
    created = uow.conn.execute(
        dialect_insert(documents)
        .values(warehouse_id=uow.warehouse_id, document_type=lifecycle.document_type, document_number=document_number,
                state=state, version=1, is_urgent=is_urgent, notes=notes, created_by=operator_id, created_at=stamp,
                updated_by=operator_id, updated_at=stamp)
        .on_conflict_do_nothing()
        .returning(documents.c.document_id, documents.c.created_at)).first()
    if created is None:
        raise WmsError("DOCUMENT_NUMBER_EXISTS", details={"document_type": lifecycle.document_type,
                                                          "document_number": document_number})
    document = DocumentRef(document_type=lifecycle.document_type, document_id=created.document_id,
                           document_number=document_number, state=state, version=1)
    _emit(uow, document, "create", None, operator_id, created.created_at)
    return document


def find(uow: UnitOfWork, lifecycle: Lifecycle, document_id: int | None = None,
         document_number: str | None = None, lock: bool = True, shared: bool = False) -> DocumentRef:
    """The document of this type in the caller's warehouse, by id or number; locked for the
    rest of the unit of work unless ``lock`` is False — ``shared``: against changes of the
    document only (``FOR SHARE``), so work rows of several workstations go in at once (count
    entries at different locations) while an action waits for them."""
    query = select(*_HEADER).where(documents.c.warehouse_id == uow.warehouse_id,
                                   documents.c.document_type == lifecycle.document_type)
    detail: dict[str, int | str | None]
    if document_id is not None:
        query, detail = query.where(documents.c.document_id == document_id), {"document_id": document_id}
    else:
        query, detail = query.where(documents.c.document_number == document_number), {
            "document_number": document_number}
    row = uow.conn.execute(query.with_for_update(read=shared) if lock else query).first()
    if row is None:
        raise WmsError("DOCUMENT_NOT_FOUND", details={"document_type": lifecycle.document_type, **detail})
    return DocumentRef(**row._mapping)


def act(uow: UnitOfWork, lifecycle: Lifecycle, document: DocumentRef, action: str, operator_id: str,
        expected_version: int | None = None, **header: Any) -> DocumentRef:
    """``action`` on a document :func:`find` locked: checked, then state (when the action moves
    it), version and the ``header`` columns given (``is_urgent``, ``notes``) written; the
    event and the audit record go with it. Returns the document as it now is."""
    state = check(lifecycle, document, action, expected_version)
    version, updated_at = uow.conn.execute(
        update(documents).where(documents.c.document_id == document.document_id)
        .values(state=state, version=documents.c.version + 1, updated_by=operator_id, updated_at=now(uow.conn),
                **header)
        .returning(documents.c.version, documents.c.updated_at)).one()
    after = msgspec.structs.replace(document, state=state, version=version)
    _emit(uow, after, action, document.state, operator_id, updated_at)
    return after


def check(lifecycle: Lifecycle, document: DocumentRef, action: str, expected_version: int | None = None) -> str:
    """The state ``action`` leads the document to; INVALID_STATE_TRANSITION (the action's code)
    or DOCUMENT_VERSION_CONFLICT when it may not."""
    state = lifecycle.check(action, document.state, document.document_number)
    if expected_version is not None and expected_version != document.version:
        raise WmsError("DOCUMENT_VERSION_CONFLICT", details={
            "document_type": document.document_type, "document_number": document.document_number,
            "expected_version": expected_version, "version": document.version})
    return state


def _emit(uow: UnitOfWork, document: DocumentRef, action: str, previous_state: str | None, operator_id: str,
          moment: datetime) -> None:
    """The outbox event of an action (``document.{type}.{action}``) and its audit record."""
    events.record(uow.conn, f"document.{document.document_type}.{action}", uow.warehouse_id,
                  events.document_key(document.document_id), {
                      "document_type": document.document_type, "document_id": document.document_id,
                      "document_number": document.document_number, "action": action,
                      "previous_state": previous_state, "state": document.state, "version": document.version,
                      "operator_id": operator_id,
                      "occurred_at": iso_z(moment)},
                  document_id=document.document_id)
    audit_state_change(uow, document, action, previous_state, operator_id)


def audit_state_change(uow: UnitOfWork, document: DocumentRef, action: str, previous_state: str | None,
                       operator_id: str) -> None:
    """The audit record of every document action, in the same transaction (``services/audit.py``)."""
    before = None if previous_state is None else {"state": previous_state, "version": document.version - 1}
    after = {"state": document.state, "version": document.version}
    audit.record(uow, audit.Change(f"document:{document.document_id}", "document", document.document_number, action,
                                   before, after), operator_id)


def header(uow: UnitOfWork, lifecycle: Lifecycle, document: DocumentRef, row: Any = None) -> DocumentHeader:
    """The shared header of a found document, with the actions its state allows; ``row``: its
    :func:`header_columns`, when the caller read them with its own (one round trip less)."""
    if row is None:
        row = uow.conn.execute(select(*header_columns()).where(documents.c.document_id == document.document_id)).one()
    return DocumentHeader(
        **msgspec.structs.asdict(document),
        is_urgent=row.is_urgent, notes=row.notes, created_by=row.created_by, created_at=iso_z(row.created_at),
        updated_by=row.updated_by, updated_at=iso_z(row.updated_at), actions=lifecycle.available(document.state))


def header_columns() -> tuple:
    return (documents.c.is_urgent, documents.c.notes, documents.c.created_by, documents.c.created_at,
            documents.c.updated_by, documents.c.updated_at)


# ---- the lazy lists (GUIDE §3: ordered ids, then rows by id) ------------------------------------


def ids_query(uow: UnitOfWork, lifecycle: Lifecycle, states: list[str] | None = None) -> Select:
    """``SELECT document_id`` of this type in the caller's warehouse (of ``states``, when
    given): a type adds its joins, search and sort keys, then hands it to ``browse.ordered_ids``."""
    query = select(documents.c.document_id).where(documents.c.warehouse_id == uow.warehouse_id,
                                                  documents.c.document_type == lifecycle.document_type)
    return query.where(documents.c.state.in_(states)) if states else query


def row_columns() -> tuple:
    """The shared columns of a ``DocumentRow``, for a type's rows query."""
    return (*_HEADER, documents.c.is_urgent, documents.c.created_at, documents.c.updated_at)


def row_values(row: Any) -> dict[str, Any]:
    """A rows query's row as the shared fields of a ``DocumentRow`` (and the type's own)."""
    out = dict(row._mapping)
    out["created_at"], out["updated_at"] = iso_z(out["created_at"]), iso_z(out["updated_at"])
    return out
