"""Units of work: operations run on one they are given; a public entry point opens exactly one.

An operation is a function ``op(uow, command) -> result`` that reads and writes through
``uow.conn`` inside the caller's transaction, so operations compose: ``catalog.save_product``
runs a product update, SKU changes and barcode moves as one unit, all or nothing. The public
entry points (the methods of the service areas) open the transaction through their
:class:`Scope`:

- ``read(work)`` / ``write(work)``: one transaction (``Database.run``: a deadlock or
  serialization failure retries the whole unit, bounded; the database limits turn a long wait
  into LOCK_TIMEOUT, a lost link into DATABASE_UNAVAILABLE);
- ``once(operation, command, result_type, work)``: a write at most once per ``request_id`` in
  the workstation's warehouse (a repeat, also after a lost answer, returns the first result
  and posts nothing; ``services/requests.py``).

The outbox rows of stock events are written by the posting inside the same unit. A stock
operation on its own runs on PostgreSQL as one autocommit call of its server-side function
instead of ``once``: ``Inventory``'s entry points choose (``services/inventory.py``). Inside a
larger unit it always runs in that unit's transaction: autocommit only when the call is the
whole unit.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec
from sqlalchemy import Connection, select

from ..contract.base import Command, Mutation, Result
from ..contract.decode import to_json
from ..db.engine import Database, now
from . import requests
from .access import SYSTEM, Actor
from .lookup import Warehouse

T = TypeVar("T")
R = TypeVar("R", bound=Result)
M = TypeVar("M", bound=Mutation)


@dataclass(frozen=True)
class UnitOfWork:
    """One transaction of the workstation's warehouse, on behalf of ``actor`` (the audit
    trail's who)."""

    conn: Connection
    warehouse: Warehouse
    actor: Actor = SYSTEM

    @property
    def warehouse_id(self) -> int:
        return self.warehouse.id(self.conn)

    def now(self):
        return self.conn.scalar(select(now(self.conn)))


class Area:
    """A service area (inventory, catalog, …) bound to a scope: database, warehouse, actor."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    @property
    def actor(self) -> Actor:
        return self._scope.actor


class Scope:
    """What every service area shares: the database, the warehouse and who is calling."""

    def __init__(self, db: Database, warehouse: Warehouse, actor: Actor) -> None:
        self.db = db
        self.warehouse = warehouse
        self.actor = actor

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        return self.db.run(lambda conn: work(UnitOfWork(conn, self.warehouse, self.actor)), write=False)

    def write(self, work: Callable[[UnitOfWork], T]) -> T:
        return self.db.run(lambda conn: work(UnitOfWork(conn, self.warehouse, self.actor)))

    def once(self, operation: str, command: Command, result_type: type[R], work: Callable[[UnitOfWork], R]) -> R:
        """``write(work)``, at most once per ``command.request_id`` when it has one."""
        request_id = getattr(command, "request_id", None)
        if request_id is None:
            return self.write(work)
        payload = to_json(command)

        def unit(conn: Connection) -> R:
            warehouse_id = self.warehouse.id(conn)  # a request_id is the warehouse's own
            first = requests.claim(conn, warehouse_id, operation, payload)
            if first is not None:
                return msgspec.convert(first, result_type)
            result = work(UnitOfWork(conn, self.warehouse, self.actor))
            requests.remember(conn, warehouse_id, request_id, to_json(result))
            return result

        return self.db.run(unit)

    def signed(self, command: M, required: bool = True) -> M:
        """The command with its ``operator_id``: the signed-in user's (another name is
        refused), or, for the command line, the one it names (required unless ``required`` is
        False)."""
        operator = self.actor.operator(command.operator_id, required)
        return command if operator == command.operator_id else msgspec.structs.replace(command, operator_id=operator)
