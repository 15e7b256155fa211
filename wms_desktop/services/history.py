"""The ledger, newest first, a page at a time (the history screen).

Pages are cut by keyset, never by OFFSET: other workstations post while the user scrolls, and
an offset would then repeat or skip rows. Rows are ordered by ``(operated_at, movement_id)``
descending; a page ends with ``next_cursor``, an opaque string that the next call passes as
``before`` and that means "rows strictly older than the last one shown"::

    WHERE (operated_at, movement_id) < (:operated_at, :movement_id)

So a row that was already older than the first page is listed exactly once, however many rows
are posted meanwhile. Rows posted after the first page was read come with ``after_movement_id``
(the newest row shown): the rows strictly newer than it in the same order, still newest first —
if they are more than ``limit``, ``next_cursor`` is set and the caller reloads from the top.
Each filter (SKU, product, location, operator) has an index ending in
``(operated_at, movement_id)`` (migration 0003), so a page costs a few index reads whatever
the size of the ledger.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, false, select, tuple_

from ..contract.decode import Payload, decode
from ..contract.rules import make_cursor, parse_cursor, parse_instant
from ..contract.stock import Movement, MovementPage, Movements
from ..db.schema import locations, products, skus
from ..db.schema import stock_balances as bal
from ..db.schema import stock_movements as mov
from ..domain.codes import iso_z
from ..domain.errors import invalid
from .access import READ, requires
from .unit import Area, UnitOfWork


class History(Area):
    @requires(READ)
    def movements(self, command: Movements | Payload | None = None) -> MovementPage:
        """Ledger rows of this warehouse's locations, newest first.

        Filters (all optional, combined with AND): ``balance_id`` (one balance: its rows'
        ``quantity_after`` run down to how it began), ``sku_code``, ``product_code``,
        ``location_code`` (exact codes; an unknown code simply matches nothing, and a code that
        was deleted and reused matches the history of both), ``operator_id``, ``operation``,
        ``operated_from`` (inclusive) and ``operated_to`` (exclusive), ISO 8601 with ``Z`` or an
        offset. ``before``: the ``next_cursor`` of the previous page; ``after_movement_id``:
        only rows newer than that one (posted since it was shown); ``limit``: 1 … 1000 (default 200).

        → ``{items: [{movement_id, operated_at, operation, product_code, product_name,
        sku_code, location_code, batch_number, quantity_change, quantity_after, operator_id,
        is_urgent, notes, document_ref, request_id}], next_cursor}``; ``next_cursor``
        is null on the last page. An unknown ``after_movement_id`` is refused
        (``INVALID_PARAMETERS``)."""
        p = decode(Movements, command or {})
        start, end = (None if v is None else parse_instant(v) for v in (p.operated_from, p.operated_to))
        if start is not None and end is not None and start >= end:
            raise invalid("operated_to", "must be later than operated_from")
        return self._scope.read(lambda uow: movement_page(uow, p))


def movement_page(uow: UnitOfWork, p: Movements) -> MovementPage:
    """One page of ``History.movements``, inside ``uow`` (the movements export walks them all)."""
    start, end = (None if v is None else parse_instant(v) for v in (p.operated_from, p.operated_to))
    conn, warehouse = uow.conn, uow.warehouse_id
    query = (
        select(mov.c.movement_id, mov.c.operated_at, mov.c.operation, products.c.product_code,
               products.c.product_name, skus.c.sku_code, locations.c.location_code, mov.c.batch_number,
               mov.c.quantity_change, mov.c.quantity_after, mov.c.operator_id, mov.c.is_urgent, mov.c.notes,
               mov.c.document_ref, mov.c.request_id)
        .select_from(mov)
        .join(locations, locations.c.location_id == mov.c.location_id)
        .join(skus, skus.c.sku_id == mov.c.sku_id)
        .join(products, products.c.product_id == skus.c.product_id)
        .where(locations.c.warehouse_id == warehouse)
    )
    # Codes become ids first, so the planner sees "sku_id = 17" and walks that SKU's
    # index in order instead of the whole ledger.
    if p.sku_code is not None:
        query = query.where(_column_in(mov.c.sku_id, conn.scalars(
            select(skus.c.sku_id).where(skus.c.sku_code == p.sku_code)).all()))
    if p.product_code is not None:
        query = query.where(_column_in(mov.c.sku_id, conn.scalars(
            select(skus.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
            .where(products.c.product_code == p.product_code)).all()))
    if p.location_code is not None:
        query = query.where(_column_in(mov.c.location_id, conn.scalars(
            select(locations.c.location_id).where(locations.c.warehouse_id == warehouse,
                                                  locations.c.location_code == p.location_code)).all()))
    if p.balance_id is not None:  # one balance of this warehouse (another's, or none, matches nothing)
        key = conn.execute(select(bal.c.sku_id, bal.c.location_id, bal.c.batch_number)
                           .join(locations, locations.c.location_id == bal.c.location_id)
                           .where(bal.c.balance_id == p.balance_id, locations.c.warehouse_id == warehouse)).first()
        query = query.where(mov.c.sku_id == key.sku_id, mov.c.location_id == key.location_id,
                            mov.c.batch_number == key.batch_number) if key else query.where(false())
    if p.operator_id is not None:
        query = query.where(mov.c.operator_id == p.operator_id)
    if p.operation is not None:
        query = query.where(mov.c.operation == p.operation)
    if start is not None:
        query = query.where(mov.c.operated_at >= stamp_of(conn, start))
    if end is not None:
        query = query.where(mov.c.operated_at < stamp_of(conn, end))
    if p.before is not None:
        moment, movement_id = parse_cursor(p.before)
        query = query.where(
            tuple_(mov.c.operated_at, mov.c.movement_id) < tuple_(stamp_of(conn, moment), movement_id))
    if p.after_movement_id is not None:
        newest = conn.execute(select(mov.c.operated_at, mov.c.movement_id)
                              .where(mov.c.movement_id == p.after_movement_id)).first()
        if newest is None:
            raise invalid("after_movement_id", "is not a movement")
        query = query.where(tuple_(mov.c.operated_at, mov.c.movement_id) > tuple_(*newest))
    rows = conn.execute(query.order_by(mov.c.operated_at.desc(), mov.c.movement_id.desc())
                        .limit(p.limit + 1)).all()
    more = len(rows) > p.limit
    rows = rows[:p.limit]
    return MovementPage(items=[_movement_out(r) for r in rows],
                        next_cursor=make_cursor(rows[-1].operated_at, rows[-1].movement_id) if more else None)


def _column_in(column: Any, ids: Sequence[int]) -> Any:
    return column == ids[0] if len(ids) == 1 else column.in_(ids)  # in_([]) matches nothing


def stamp_of(conn: Connection, moment: datetime) -> datetime:
    """SQLite keeps naive UTC text ('2024-06-15 12:00:00.123000') and compares it as text."""
    return moment.replace(tzinfo=None) if conn.dialect.name == "sqlite" else moment


def _movement_out(row) -> Movement:
    out = dict(row._mapping)
    out["operated_at"] = iso_z(out["operated_at"])
    out["batch_number"] = out["batch_number"] or None
    return Movement(**out)
