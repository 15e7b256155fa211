"""Big lazy tables: products and stock balances for the browser screens (GUIDE §3, Anki's
browser).

A table is filled in two steps. ``*_ids`` searches and sorts on the server and returns the
ordered ids of the matching rows; ``*_rows`` turns a block of ids (a few hundred, the rows
about to be shown) into flat rows. The table model keeps the id list and a cache of rows;
``data()`` only reads the cache.

At scale (200k SKUs, 1M balances) sorting every matching balance takes seconds, so the id
calls take a ``limit``: ask for the first block (e.g. ``limit: 2000``) to show rows at once,
then for the whole list (no ``limit``) on a background worker, and swap it in when it comes.
Both answers are the same order, so the first block is a prefix of the whole list unless stock
changed in between; a row whose id no longer matches (emptied, deleted) is simply left out of
``*_rows``. Ids are stable: the model may keep cached rows across a re-sort.
"""
from __future__ import annotations

import sys
from array import array
from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    LargeBinary,
    any_,
    bindparam,
    exists,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from ..contract.decode import Payload, check, decode
from ..contract.documents import DocumentIds
from ..contract.stock import BalanceIds, BalanceRow, IdList, ProductIds, ProductRow
from ..db.schema import external_codes, locations, lots, product_stock_totals, products, skus
from ..db.schema import stock_balances as bal
from ..domain.codes import iso_z
from . import lookup
from .access import READ, requires
from .lots import lot_join
from .stock import balance_out
from .unit import Area, UnitOfWork

# A search matching up to this many SKUs and locations looks their balances up by index; a
# broader one (a one- or two-character prefix) reads all balances once instead.
SEARCH_BY_INDEX_MAX = 20_000


class Browse(Area):
    # ---- products ---------------------------------------------------------------------------

    @requires(READ)
    def product_ids(self, command: ProductIds | Payload | None = None) -> list[int]:
        """Ids of live products matching ``search``, in the order of ``sort_by``
        (``product_code`` default, ``product_name``, ``updated_at``, ``total_quantity`` in this
        warehouse), ties broken by id; ``descending`` reverses the whole order. At most
        ``limit`` ids when given.

        ``search`` matches the start of a product or SKU code, an exact external code, or any
        part of the product name. Sorting by ``total_quantity`` reads the per-product totals
        the posting functions keep on PostgreSQL (folding in what was posted since the last
        sort); SQLite adds up the warehouse's balances."""
        p = decode(ProductIds, command or {})

        def work(uow: UnitOfWork) -> list[int]:
            conn = uow.conn
            query = select(products.c.product_id).where(~products.c.is_deleted)
            if p.search:
                query = query.where(products.c.product_id.in_(_products_matching(p.search)))
            keys: list[Any]
            if p.sort_by == "total_quantity" and conn.dialect.name == "postgresql":
                conn.execute(select(func.wms_fold_product_totals()))
                totals = (select(product_stock_totals.c.product_id, product_stock_totals.c.total_quantity.label("total"))
                          .where(product_stock_totals.c.warehouse_id == uow.warehouse_id).subquery())
                query = query.outerjoin(totals, totals.c.product_id == products.c.product_id)
                keys = [func.coalesce(totals.c.total, 0)]
            elif p.sort_by == "total_quantity":
                totals = (select(skus.c.product_id, func.sum(bal.c.stock_quantity).label("total"))
                          .join(bal, bal.c.sku_id == skus.c.sku_id)
                          .where(bal.c.location_id.in_(_locations(uow)))
                          .group_by(skus.c.product_id).subquery())
                query = query.outerjoin(totals, totals.c.product_id == products.c.product_id)
                keys = [func.coalesce(totals.c.total, 0)]
            else:
                keys = [products.c[p.sort_by]]
            return ordered_ids(conn, query, keys + [products.c.product_id], p)

        return self._scope.read(work)

    @requires(READ)
    def product_rows(self, ids: list[int]) -> list[ProductRow]:
        """Flat rows ``{product_id, product_code, product_name, unit, category_id, has_sku,
        sku_count, total_quantity, updated_at}`` in the order of ``ids`` (at most 1000);
        ids of deleted or unknown products are left out. ``total_quantity`` is this
        warehouse's stock."""
        wanted = check(IdList, "ids", ids)

        def work(uow: UnitOfWork) -> list[ProductRow]:
            conn = uow.conn
            if not wanted:
                return []
            rows = conn.execute(
                select(products.c.product_id, products.c.product_code, products.c.product_name, products.c.unit,
                       products.c.category_id, products.c.has_sku, products.c.updated_at)
                .where(products.c.product_id.in_(wanted), ~products.c.is_deleted)).all()
            found = [r.product_id for r in rows]
            counts: dict[int, int] = dict(conn.execute(
                select(skus.c.product_id, func.count()).where(skus.c.product_id.in_(found), ~skus.c.is_deleted)
                .group_by(skus.c.product_id)).all()) if found else {}
            totals = dict(conn.execute(
                select(skus.c.product_id, func.sum(bal.c.stock_quantity))
                .join(bal, bal.c.sku_id == skus.c.sku_id)
                .join(locations, locations.c.location_id == bal.c.location_id)
                .where(skus.c.product_id.in_(found), locations.c.warehouse_id == uow.warehouse_id)
                .group_by(skus.c.product_id)).all()) if found else {}
            by_id = {}
            for r in rows:
                out = dict(r._mapping)
                out.update(sku_count=counts.get(r.product_id, 0), total_quantity=int(totals.get(r.product_id) or 0),
                           updated_at=iso_z(r.updated_at))
                by_id[r.product_id] = ProductRow(**out)
            return [by_id[i] for i in wanted if i in by_id]

        return self._scope.read(work)

    # ---- stock balances ---------------------------------------------------------------------

    @requires(READ)
    def balance_ids(self, command: BalanceIds | Payload | None = None) -> list[int]:
        """Ids of this warehouse's balances matching every given filter (exact ``location_code``,
        ``product_code``, ``sku_code``, ``batch_number``) and ``search`` (the start of a
        location, product or SKU code, an exact external code, or any part of the product
        name). Empty balances are left out unless ``include_empty``.

        Ordered by ``sort_by``: ``location_code`` (default; then SKU code, batch),
        ``sku_code`` (then location code, batch), ``stock_quantity`` or ``updated_at``; ties
        broken by id; ``descending`` reverses the whole order. At most ``limit`` ids when
        given: the first block comes back in milliseconds, the whole list of 1M in seconds."""
        p = decode(BalanceIds, command or {})
        return self._scope.read(lambda uow: balance_ids(uow, p))

    @requires(READ)
    def balance_rows(self, ids: list[int]) -> list[BalanceRow]:
        """Flat rows ``{balance_id, location_code, product_code, product_name, sku_code,
        sku_color, sku_size, batch_number, stock_quantity, locked_quantity, available_quantity,
        updated_at}`` in the order of ``ids`` (at most 1000); ids of other warehouses or
        unknown ones are left out. An empty balance is still returned (quantity 0)."""
        wanted = check(IdList, "ids", ids)
        return self._scope.read(lambda uow: balance_rows(uow, wanted))


def balance_ids(uow: UnitOfWork, p: BalanceIds) -> list[int]:
    """The ids of ``Browse.balance_ids``, inside ``uow`` (the stock export walks them too)."""
    conn, warehouse = uow.conn, uow.warehouse_id
    query = select(bal.c.balance_id)
    need_location = p.sort_by in ("location_code", "sku_code") or p.location_code is not None
    need_sku = p.sort_by in ("location_code", "sku_code") or p.include_empty or \
        p.sku_code is not None or p.product_code is not None
    if need_location:  # joined anyway: the planner walks locations in code order
        query = query.join(locations, locations.c.location_id == bal.c.location_id) \
            .where(locations.c.warehouse_id == warehouse)
    else:
        query = query.where(bal.c.location_id.in_(_locations(uow)))
    if need_sku:  # balances of deleted SKUs are all empty; include_empty must not show them
        query = query.join(skus, skus.c.sku_id == bal.c.sku_id).where(~skus.c.is_deleted)
    if p.location_code is not None:
        query = query.where(locations.c.location_code == p.location_code)
    if p.sku_code is not None:
        query = query.where(skus.c.sku_code == p.sku_code)
    if p.product_code is not None:
        query = query.where(skus.c.product_id.in_(
            select(products.c.product_id).where(products.c.product_code == p.product_code,
                                                ~products.c.is_deleted)))
    if p.batch_number is not None:
        query = query.where(bal.c.batch_number == p.batch_number)
    if not p.include_empty:
        query = query.where(bal.c.stock_quantity > 0)
    if p.search:
        query = query.where(_balances_matching(conn, warehouse, p.search, p.limit))
    keys = {
        "location_code": [locations.c.location_code, skus.c.sku_code, bal.c.batch_number],
        "sku_code": [skus.c.sku_code, locations.c.location_code, bal.c.batch_number],
        "stock_quantity": [bal.c.stock_quantity],
        "updated_at": [bal.c.updated_at],
    }[p.sort_by]
    return ordered_ids(conn, query, keys + [bal.c.balance_id], p)


def balance_rows(uow: UnitOfWork, wanted: list[int]) -> list[BalanceRow]:
    """The rows of ``Browse.balance_rows``, inside ``uow``."""
    conn = uow.conn
    if not wanted:
        return []
    rows = conn.execute(
        select(bal.c.balance_id, locations.c.location_code, products.c.product_code, products.c.product_name,
               skus.c.sku_code, skus.c.sku_color, skus.c.sku_size, bal.c.batch_number, bal.c.stock_quantity,
               bal.c.locked_quantity, lots.c.expiry_date, bal.c.updated_at)
        .select_from(bal)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .join(products, products.c.product_id == skus.c.product_id)
        .outerjoin(lots, lot_join())
        .where(bal.c.balance_id.in_(wanted), locations.c.warehouse_id == uow.warehouse_id)).all()
    today = date.today()
    by_id = {r.balance_id: BalanceRow(**balance_out(r, today)) for r in rows}
    return [by_id[i] for i in wanted if i in by_id]


def _locations(uow: UnitOfWork):
    # "location_id IN (this warehouse's locations)" rather than a join: the planner can then
    # scan balances in an index order and check the hashed set, which is what makes the first
    # block of a sort fast.
    return select(locations.c.location_id).where(locations.c.warehouse_id == uow.warehouse_id)


def ordered_ids(conn: Connection, query, keys: list, p: ProductIds | BalanceIds | DocumentIds) -> list[int]:
    """The ids ``query`` selects, ordered by ``keys`` (the last one unique: a total order),
    ``p.descending`` reversing all of them; at most ``p.limit``."""
    order = [k.desc() for k in keys] if p.descending else keys
    if p.limit is None and conn.dialect.name == "postgresql":
        # The whole list as one bytea of 8-byte big-endian ids: the driver then builds one
        # object instead of a million row tuples, in one C call that holds the GIL for a
        # few ms instead of a quarter of a second (the GUI thread waits for the GIL).
        (id_column,) = query.selected_columns
        packed = conn.scalar(query.with_only_columns(func.string_agg(
            func.int8send(id_column), aggregate_order_by(literal(b"", LargeBinary), *order))))
        ids = array("q", packed or b"")
        if sys.byteorder == "little":
            ids.byteswap()
        return ids.tolist()
    query = query.order_by(*order)
    if p.limit is not None:
        query = query.limit(p.limit)
    return list(conn.scalars(query).all())  # fetched at once: a row at a time costs 3 µs each


def _prefix(search: str) -> str:
    return lookup.escape_like(search) + "%"


def _products_matching(search: str):
    """Product ids whose code starts with ``search``, whose name contains it, that have a SKU
    whose code starts with it, or a SKU with exactly that external code."""
    prefix = _prefix(search)
    return union(
        select(products.c.product_id).where(or_(products.c.product_code.like(prefix, escape="\\"),
                                                products.c.product_name.like("%" + prefix, escape="\\"))),
        select(skus.c.product_id).where(skus.c.sku_code.like(prefix, escape="\\"), ~skus.c.is_deleted),
        select(skus.c.product_id).join(external_codes, external_codes.c.sku_id == skus.c.sku_id)
        .where(external_codes.c.external_code == search),
    )


def skus_matching(search: str):
    """SKU ids whose code starts with ``search``, of a product matching as above, or with
    exactly that external code (an id may come twice: a LIMIT then stops early)."""
    prefix = _prefix(search)
    return union_all(
        select(skus.c.sku_id).where(skus.c.sku_code.like(prefix, escape="\\")),
        select(skus.c.sku_id).where(skus.c.product_id.in_(
            select(products.c.product_id).where(or_(products.c.product_code.like(prefix, escape="\\"),
                                                    products.c.product_name.like("%" + prefix, escape="\\"))))),
        select(external_codes.c.sku_id).where(external_codes.c.external_code == search),
    )


def _id_array(conn: Connection, ids) -> list[int]:
    """The ids ``ids`` selects, read as one array value: 20,000 rows took 18 ms of CPU (holding
    the GIL the window's thread waits for while the clerk types a search), one value 1.6 ms."""
    return conn.scalar(select(func.array_agg(ids.subquery().c[0]))) or []


def _balances_matching(conn: Connection, warehouse: int, search: str, limit: int | None):
    """The condition "the balance's SKU or location matches ``search``". On PostgreSQL the
    matching SKU and location ids are read first: a narrow search then walks the balance
    indexes for exactly those ids (milliseconds) instead of probing a million rows. A broad one
    (a one- or two-character prefix) with a ``limit`` checks each balance as the sort order
    walks them: so many match that the first block is found after a few thousand."""
    prefix = _prefix(search)
    place_ids = select(locations.c.location_id).where(
        locations.c.warehouse_id == warehouse, locations.c.location_code.like(prefix, escape="\\"))
    if conn.dialect.name == "postgresql":
        sku_ids = _id_array(conn, skus_matching(search).limit(SEARCH_BY_INDEX_MAX + 1))
        place_list = _id_array(conn, place_ids.limit(SEARCH_BY_INDEX_MAX + 1))
        if len(sku_ids) + len(place_list) <= SEARCH_BY_INDEX_MAX:
            return or_(bal.c.sku_id == any_(bindparam("search_sku_ids", sku_ids, type_=ARRAY(BigInteger))),
                       bal.c.location_id == any_(bindparam("search_location_ids", place_list, type_=ARRAY(BigInteger))))
        if limit is not None:  # aliases: the outer query may have joined these tables itself
            sku, product, place = skus.alias(), products.alias(), locations.alias()
            return or_(
                exists().where(sku.c.sku_id == bal.c.sku_id, product.c.product_id == sku.c.product_id,
                               or_(sku.c.sku_code.like(prefix, escape="\\"),
                                   product.c.product_code.like(prefix, escape="\\"),
                                   product.c.product_name.like("%" + prefix, escape="\\"))),
                exists().where(place.c.location_id == bal.c.location_id,
                               place.c.location_code.like(prefix, escape="\\")),
                bal.c.sku_id.in_(select(external_codes.c.sku_id).where(external_codes.c.external_code == search)))
    # One IN over a union, not an OR of two INs: PostgreSQL hashes the union (a semi-join),
    # where "a IN (400k ids) OR b IN (…)" became a sub-plan re-scanned for every balance.
    return bal.c.balance_id.in_(union(select(bal.c.balance_id).where(bal.c.sku_id.in_(skus_matching(search))),
                                      select(bal.c.balance_id).where(bal.c.location_id.in_(place_ids))))
