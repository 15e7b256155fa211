"""Stock rebuilt from the ledger: the balances as they stood at a past moment, and a check that
today's balances are what their ledger rows add up to.

Each ledger row carries ``quantity_after``, its balance after it, so a balance at a moment is the
``quantity_after`` of its newest row up to then — one index range per SKU (the ledger is indexed
by SKU and time), no summing from the beginning. A page of the warehouse stops when it is
full; its totals are today's balances less the ledger rows since (``_totals``). A moment is named to
the millisecond (ISO 8601 with ``Z``), and includes all of it. The check compares three numbers per balance
key: the balance, the sum of its rows' changes, and its newest row's ``quantity_after``.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, func, literal, select, tuple_
from sqlalchemy.sql import Select

from ..contract.rules import make_balance_cursor, parse_balance_cursor, parse_instant
from ..contract.stock import AsOfLine, AsOfPage, BalanceDrift, DriftReport, StockAsOf
from ..db.schema import locations, products, skus
from ..db.schema import stock_balances as bal
from ..db.schema import stock_movements as mov
from ..domain.codes import iso_z
from .history import stamp_of
from .unit import UnitOfWork

_KEY = (mov.c.sku_id, mov.c.location_id, mov.c.batch_number)


def _newest(uow: UnitOfWork, *conditions) -> Select:
    """Per balance key of this warehouse, its newest ledger row meeting ``conditions``."""
    ranked = (select(*_KEY, mov.c.quantity_after, func.row_number().over(
        partition_by=_KEY, order_by=(mov.c.operated_at.desc(), mov.c.movement_id.desc())).label("newest"))
        .where(*_in_warehouse(uow, mov), *conditions).subquery())
    return select(ranked).where(ranked.c.newest == 1)


def _in_warehouse(uow: UnitOfWork, table) -> list:
    return [table.c.location_id.in_(select(locations.c.location_id).where(locations.c.warehouse_id == uow.warehouse_id))]


def _narrowed(uow: UnitOfWork, p: StockAsOf, table) -> list:
    """The conditions of ``p``'s SKU, product and location on a table of balance keys (the ledger, the balances)."""
    out = []
    if p.sku_code is not None:
        out.append(table.c.sku_id.in_(select(skus.c.sku_id).where(skus.c.sku_code == p.sku_code)))
    if p.product_code is not None:
        out.append(table.c.sku_id.in_(select(skus.c.sku_id).join(products).where(
            products.c.product_code == p.product_code)))
    if p.location_code is not None:
        out.append(table.c.location_id.in_(select(locations.c.location_id).where(
            locations.c.warehouse_id == uow.warehouse_id, locations.c.location_code == p.location_code)))
    return out


def as_of(uow: UnitOfWork, p: StockAsOf) -> AsOfPage:
    moment = parse_instant(p.at)
    # a moment is named to the millisecond: everything posted within that millisecond is in
    end = stamp_of(uow.conn, moment.replace(microsecond=moment.microsecond // 1000 * 1000) + timedelta(milliseconds=1))
    conditions = [mov.c.operated_at < end, *_narrowed(uow, p, mov)]
    if p.after is not None:  # the balance keys after the previous page's last (the ledger's SKU index narrows it)
        sku_id, location_id, batch = parse_balance_cursor(p.after)
        conditions += [mov.c.sku_id >= sku_id, tuple_(*_KEY) > tuple_(literal(sku_id), literal(location_id),
                                                                        literal(batch))]
    newest = _newest(uow, *conditions).subquery()
    held = (select(newest).where(newest.c.quantity_after != 0)
            # the key order the window already sorted in: no second sort, and a page stops early
            .order_by(newest.c.sku_id, newest.c.location_id, newest.c.batch_number))
    page = (held.limit(p.limit + 1) if p.limit is not None else held).subquery()
    rows = uow.conn.execute(
        select(page.c.sku_id, page.c.location_id, page.c.batch_number, page.c.quantity_after,
               products.c.product_code, skus.c.sku_code, locations.c.location_code)
        .join(skus, skus.c.sku_id == page.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
        .join(locations, locations.c.location_id == page.c.location_id)
        .order_by(page.c.sku_id, page.c.location_id, page.c.batch_number)).all()
    more = p.limit is not None and len(rows) > p.limit
    rows = rows[:p.limit] if more else rows
    items = [AsOfLine(product_code=r.product_code, sku_code=r.sku_code, location_code=r.location_code,
                      batch_number=r.batch_number or None, stock_quantity=r.quantity_after) for r in rows]
    lines, total = (None, None) if p.after is not None else _totals(uow, p, end) if more else \
        (len(items), sum(i.stock_quantity for i in items))
    return AsOfPage(at=iso_z(moment) or p.at, items=items, total_quantity=total, lines=lines,
                    next_after=make_balance_cursor(rows[-1].sku_id, rows[-1].location_id, rows[-1].batch_number)
                    if more else None)


def _totals(uow: UnitOfWork, p: StockAsOf, end) -> tuple[int, int]:
    """(lines, units) of every line of ``p`` at ``end``, without ranking the whole ledger: each
    balance now, less its ledger rows since (the ledger and the balances are written together,
    which ``stock verify`` checks) — one pass over the balances and the ledger's newest part."""
    since = (select(*_KEY, func.sum(mov.c.quantity_change).label("change"))
             .where(mov.c.operated_at >= end, *_in_warehouse(uow, mov), *_narrowed(uow, p, mov))
             .group_by(*_KEY).subquery())
    then = bal.c.stock_quantity - func.coalesce(since.c.change, 0)
    lines, units = uow.conn.execute(
        select(func.count().filter(then != 0), func.coalesce(func.sum(then), 0))
        .select_from(bal.outerjoin(since, and_(since.c.sku_id == bal.c.sku_id, since.c.location_id == bal.c.location_id,
                                               since.c.batch_number == bal.c.batch_number)))
        .where(*_in_warehouse(uow, bal), *_narrowed(uow, p, bal))).one()
    return lines, int(units)


def drift(uow: UnitOfWork) -> DriftReport:
    conn = uow.conn
    sums = (select(*_KEY, func.sum(mov.c.quantity_change).label("total"))
            .join(locations, locations.c.location_id == mov.c.location_id)
            .where(locations.c.warehouse_id == uow.warehouse_id).group_by(*_KEY).subquery())
    newest = _newest(uow).subquery()
    here = (select(bal.c.sku_id, bal.c.location_id, bal.c.batch_number, bal.c.stock_quantity)
            .join(locations, locations.c.location_id == bal.c.location_id)
            .where(locations.c.warehouse_id == uow.warehouse_id).subquery())
    keys = select(here.c.sku_id, here.c.location_id, here.c.batch_number).union(
        select(sums.c.sku_id, sums.c.location_id, sums.c.batch_number)).subquery()

    def on(other):
        return and_(other.c.sku_id == keys.c.sku_id, other.c.location_id == keys.c.location_id,
                    other.c.batch_number == keys.c.batch_number)

    balance, total = func.coalesce(here.c.stock_quantity, 0), func.coalesce(sums.c.total, 0)
    after = newest.c.quantity_after
    rows = conn.execute(
        select(skus.c.sku_code, locations.c.location_code, keys.c.batch_number, balance.label("balance_quantity"),
               total.label("ledger_quantity"), after.label("last_quantity_after"))
        .select_from(keys).outerjoin(here, on(here)).outerjoin(sums, on(sums)).outerjoin(newest, on(newest))
        .join(skus, skus.c.sku_id == keys.c.sku_id).join(locations, locations.c.location_id == keys.c.location_id)
        .where((balance != total) | (func.coalesce(after, literal(0)) != balance))
        .order_by(locations.c.location_code, skus.c.sku_code, keys.c.batch_number)).all()
    count = conn.scalar(select(func.count()).select_from(here)) or 0
    return DriftReport(balances=count, drifts=[BalanceDrift(**{**r._mapping, "batch_number": r.batch_number or None})
                                               for r in rows])
