"""Outbound orders (docs/documents.md, domain/orders.py): create, edit, release, cancel, read.

A release locks the order, lists each line's candidate balances (FEFO for lots with an expiry,
then walking order: ``lots.fefo_balances``), locks them all in the posting's sorted key order
(``reservations.lock_balances``), allocates every line from what is available under those
locks and writes allocations and ``locked_quantity`` in the same transaction
(``reservations.reserve``). A line it cannot fill follows the warehouse's short-stock policy:
the release is refused (INSUFFICIENT_STOCK_TO_RESERVE 15003, nothing changes) or the line
keeps the shortfall as its backorder quantity. Cancelling gives every unpicked reservation
back. Each step moves the document through ``documents.act`` (version, outbox event, audit).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import msgspec
from sqlalchemy import delete, func, insert, select, update

from ..contract.base import BalanceChange, Changes
from ..contract.decode import Payload, check, decode
from ..contract.documents import DocumentRef
from ..contract.orders import (
    AllocationView,
    CancelOrder,
    CreateOrder,
    GetOrder,
    Order,
    OrderIds,
    OrderItem,
    OrderLineView,
    OrderRow,
    ReleaseOrder,
    SetShortStockPolicy,
    ShortStockPolicySet,
    UpdateOrder,
)
from ..contract.stock import IdList
from ..db.schema import documents as docs
from ..db.schema import locations, lots, order_allocations, order_lines, orders, products, skus, warehouses
from ..db.schema import stock_balances as bal
from ..domain.documents import check_lines
from ..domain.errors import WmsError, invalid
from ..domain.orders import BACKORDER, ORDER, RESERVE_SHORT
from ..domain.permissions import PLAN_DOCUMENTS
from ..domain.walking_order import walking_order_key
from . import browse, documents, lookup
from .access import READ, requires
from .lots import fefo_balances
from .reservations import Reservation, lock_balances, reserve
from .unit import Area, UnitOfWork

HEADER_FIELDS = ("customer_name", "recipient_name", "address", "carrier", "expected_ship_date")


class Orders(Area):
    @requires(PLAN_DOCUMENTS)
    def create(self, command: CreateOrder | Payload) -> Order:
        cmd = self._scope.signed(decode(CreateOrder, command))
        return self._scope.once("create_order", cmd, Order, lambda uow: create(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def update(self, command: UpdateOrder | Payload) -> Order:
        cmd = self._scope.signed(decode(UpdateOrder, command))
        return self._scope.once("update_order", cmd, Order, lambda uow: update_order(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def release(self, command: ReleaseOrder | Payload) -> Order:
        cmd = self._scope.signed(decode(ReleaseOrder, command))
        return self._scope.once("release_order", cmd, Order, lambda uow: release(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def cancel(self, command: CancelOrder | Payload) -> Order:
        cmd = self._scope.signed(decode(CancelOrder, command))
        return self._scope.once("cancel_order", cmd, Order, lambda uow: cancel(uow, cmd))

    @requires(READ)
    def get(self, command: GetOrder | Payload) -> Order:
        cmd = decode(GetOrder, command)
        return self._scope.read(lambda uow: detail(uow, documents.find(
            uow, ORDER, cmd.document_id, cmd.order_number, lock=False)))

    @requires(READ)
    def ids(self, command: OrderIds | Payload | None = None) -> list[int]:
        cmd = decode(OrderIds, command if command is not None else {})
        return self._scope.read(lambda uow: ids(uow, cmd))

    @requires(READ)
    def rows(self, ids: list[int]) -> list[OrderRow]:
        wanted = check(IdList, "ids", ids)
        return self._scope.read(lambda uow: rows(uow, wanted))

    @requires(PLAN_DOCUMENTS)
    def set_short_stock_policy(self, command: SetShortStockPolicy | Payload) -> ShortStockPolicySet:
        cmd = decode(SetShortStockPolicy, command)

        def work(uow: UnitOfWork) -> ShortStockPolicySet:
            uow.conn.execute(update(warehouses).where(warehouses.c.warehouse_id == uow.warehouse_id)
                             .values(short_stock_policy=cmd.short_stock_policy))
            return ShortStockPolicySet(warehouse_code=uow.warehouse.code, short_stock_policy=cmd.short_stock_policy)

        return self._scope.write(work)


# ---- operations on a unit of work -----------------------------------------------------------


def create(uow: UnitOfWork, cmd: CreateOrder) -> Order:
    _check_header(cmd.customer_name)
    assert cmd.operator_id is not None  # Scope.signed
    document = documents.create(uow, ORDER, cmd.order_number, cmd.operator_id, is_urgent=cmd.is_urgent,
                                notes=cmd.notes)
    uow.conn.execute(insert(orders).values(document_id=document.document_id,
                                           **{name: getattr(cmd, name) for name in HEADER_FIELDS}))
    _write_lines(uow, document, cmd.lines)
    return detail(uow, document)


def update_order(uow: UnitOfWork, cmd: UpdateOrder) -> Order:
    assert cmd.operator_id is not None
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    if cmd.lines is not None:
        ORDER.check("edit_lines", document.state, document.document_number)
    header = {name: getattr(cmd, name) for name in HEADER_FIELDS if getattr(cmd, name) is not None}
    if "customer_name" in header:
        _check_header(header["customer_name"])
    kept = {"notes": cmd.notes} if cmd.notes is not None else {}
    document = documents.act(uow, ORDER, document, "edit", cmd.operator_id, cmd.expected_version,
                             is_urgent=cmd.is_urgent, **kept)
    if header:
        uow.conn.execute(update(orders).where(orders.c.document_id == document.document_id).values(**header))
    if cmd.lines is not None:
        uow.conn.execute(delete(order_lines).where(order_lines.c.document_id == document.document_id))
        _write_lines(uow, document, cmd.lines)
    return detail(uow, document)


def release(uow: UnitOfWork, cmd: ReleaseOrder) -> Order:
    assert cmd.operator_id is not None
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("release", document.state, document.document_number)
    lines = conn.execute(select(order_lines.c.line_id, order_lines.c.line_number, order_lines.c.sku_id,
                                order_lines.c.batch_number, order_lines.c.quantity, skus.c.sku_code)
                         .join(skus, skus.c.sku_id == order_lines.c.sku_id)
                         .where(order_lines.c.document_id == document.document_id)
                         .order_by(order_lines.c.line_number)).all()
    candidates = {}
    for sku_id in {line.sku_id for line in lines}:
        candidates[sku_id] = fefo_balances(conn, uow.warehouse_id, sku_id)
    held = lock_balances(conn, [b["balance_id"] for rows in candidates.values() for b in rows])
    left = {balance_id: stock - locked for balance_id, (stock, locked) in held.items()}
    plan: list[Reservation] = []
    short = []
    # lines naming a batch first: a line of any batch must not take the only stock of a named one
    for line in sorted(lines, key=lambda line: (line.batch_number == "", line.line_number)):
        need = line.quantity
        for balance in candidates[line.sku_id]:
            if need == 0:
                break
            if line.batch_number and balance["batch_number"] != line.batch_number:
                continue
            take = min(need, left.get(balance["balance_id"], 0))
            if take > 0:
                left[balance["balance_id"]] -= take
                need -= take
                plan.append(Reservation(line.line_id, balance["balance_id"], take))
        if need:
            short.append({"line_number": line.line_number, "line_id": line.line_id, "sku_code": line.sku_code,
                          "batch_number": line.batch_number or None, "requested_quantity": line.quantity,
                          "available_quantity": line.quantity - need})
    policy = conn.scalar(select(warehouses.c.short_stock_policy).where(warehouses.c.warehouse_id == uow.warehouse_id))
    if short and (policy != BACKORDER or not plan):
        raise WmsError("INSUFFICIENT_STOCK_TO_RESERVE", details={
            "document_number": document.document_number, "short_stock_policy": policy,
            "lines": [{k: v for k, v in s.items() if k != "line_id"} for s in short]}, code=RESERVE_SHORT)
    for s in short:
        conn.execute(update(order_lines).where(order_lines.c.line_id == s["line_id"])
                     .values(backorder_quantity=s["requested_quantity"] - s["available_quantity"]))
    reserve(conn, document.document_id, plan)
    document = documents.act(uow, ORDER, document, "release", cmd.operator_id, cmd.expected_version)
    return detail(uow, document, {r.balance_id for r in plan})


def cancel(uow: UnitOfWork, cmd: CancelOrder) -> Order:
    assert cmd.operator_id is not None
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("cancel", document.state, document.document_number)
    held = uow.conn.execute(select(order_allocations.c.line_id, order_allocations.c.balance_id,
                                   order_allocations.c.reserved_quantity)
                            .where(order_allocations.c.document_id == document.document_id,
                                   order_allocations.c.reserved_quantity > 0)).all()
    reserve(uow.conn, document.document_id, [Reservation(a.line_id, a.balance_id, -a.reserved_quantity) for a in held])
    document = documents.act(uow, ORDER, document, "cancel", cmd.operator_id, cmd.expected_version)
    return detail(uow, document, {a.balance_id for a in held})


def _check_header(customer_name: str) -> None:
    if not customer_name.strip():
        raise invalid("customer_name", "must not be empty")


def _write_lines(uow: UnitOfWork, document: DocumentRef, items: list[OrderItem]) -> None:
    check_lines("order", document.document_number, [(i.sku_code, i.batch_number or "") for i in items],
                lambda key: {"sku_code": key[0], "batch_number": key[1] or None})
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            sku = lookup.sku(uow.conn, item.sku_code)
        except WmsError as error:
            error.details["line_index"] = number - 1
            raise
        rows.append({"document_id": document.document_id, "line_number": number, "sku_id": sku.sku_id,
                     "batch_number": item.batch_number or "", "quantity": item.stock_quantity})
    uow.conn.execute(insert(order_lines), rows)


# ---- reading --------------------------------------------------------------------------------


def detail(uow: UnitOfWork, document: DocumentRef, balance_ids: set[int] | None = None) -> Order:
    """The order with lines and allocations; ``balance_ids``: the balances whose reservation
    changed, for the result's ``changes``."""
    conn = uow.conn
    head = conn.execute(select(orders).where(orders.c.document_id == document.document_id)).one()
    allocated = conn.execute(
        select(order_allocations.c.allocation_id, order_allocations.c.line_id, skus.c.sku_code,
               locations.c.location_code, bal.c.batch_number, lots.c.expiry_date,
               order_allocations.c.reserved_quantity, order_allocations.c.picked_quantity)
        .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .outerjoin(lots, (lots.c.sku_id == bal.c.sku_id) & (lots.c.batch_number == bal.c.batch_number))
        .where(order_allocations.c.document_id == document.document_id)).all()
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    allocations = []
    # as a release takes them: by line, soonest expiry first, then walking order
    for a in sorted(allocated, key=lambda a: (a.line_id, a.expiry_date is None, a.expiry_date or date.max,
                                              walking_order_key(a.location_code), a.batch_number)):
        totals[a.line_id][0] += a.reserved_quantity
        totals[a.line_id][1] += a.picked_quantity
        allocations.append(AllocationView(
            allocation_id=a.allocation_id, line_id=a.line_id, sku_code=a.sku_code, location_code=a.location_code,
            batch_number=a.batch_number or None, expiry_date=a.expiry_date.isoformat() if a.expiry_date else None,
            reserved_quantity=a.reserved_quantity, picked_quantity=a.picked_quantity))
    lines = [
        OrderLineView(line_id=r.line_id, line_number=r.line_number, sku_code=r.sku_code, product_code=r.product_code,
                      product_name=r.product_name, batch_number=r.batch_number or None, stock_quantity=r.quantity,
                      reserved_quantity=totals[r.line_id][0], picked_quantity=totals[r.line_id][1],
                      backorder_quantity=r.backorder_quantity)
        for r in conn.execute(
            select(order_lines.c.line_id, order_lines.c.line_number, skus.c.sku_code, products.c.product_code,
                   products.c.product_name, order_lines.c.batch_number, order_lines.c.quantity,
                   order_lines.c.backorder_quantity)
            .join(skus, skus.c.sku_id == order_lines.c.sku_id)
            .join(products, products.c.product_id == skus.c.product_id)
            .where(order_lines.c.document_id == document.document_id).order_by(order_lines.c.line_number))]
    header = documents.header(uow, ORDER, document)
    return Order(**msgspec.structs.asdict(header), customer_name=head.customer_name,
                 recipient_name=head.recipient_name, address=head.address, carrier=head.carrier,
                 expected_ship_date=head.expected_ship_date.isoformat() if head.expected_ship_date else None,
                 lines=lines, allocations=allocations,
                 changes=Changes.of_balances(balance_changes(uow, balance_ids or set()), [document.change()]))


def balance_changes(uow: UnitOfWork, balance_ids: set[int]) -> list[BalanceChange]:
    """Balances whose reservation changed (their stock did not): for the screens to refresh."""
    if not balance_ids:
        return []
    return [BalanceChange(product_id=r.product_id, product_code=r.product_code, sku_code=r.sku_code,
                          location_code=r.location_code, batch_number=r.batch_number or None,
                          previous_quantity=r.stock_quantity, current_quantity=r.stock_quantity)
            for r in uow.conn.execute(
                select(skus.c.product_id, products.c.product_code, skus.c.sku_code, locations.c.location_code,
                       bal.c.batch_number, bal.c.stock_quantity)
                .join(skus, skus.c.sku_id == bal.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
                .join(locations, locations.c.location_id == bal.c.location_id)
                .where(bal.c.balance_id.in_(balance_ids)).order_by(bal.c.balance_id))]


def ids(uow: UnitOfWork, cmd: OrderIds) -> list[int]:
    query = documents.ids_query(uow, ORDER, list(cmd.states) if cmd.states else None).join(
        orders, orders.c.document_id == docs.c.document_id)
    if cmd.search:
        query = query.where(docs.c.document_number.like(lookup.escape_like(cmd.search) + "%", escape="\\"))
    if cmd.customer_name:
        query = query.where(orders.c.customer_name.like(lookup.escape_like(cmd.customer_name) + "%", escape="\\"))
    if cmd.urgent_only:
        query = query.where(docs.c.is_urgent)
    sort = {"document_number": docs.c.document_number, "customer_name": orders.c.customer_name,
            "expected_ship_date": orders.c.expected_ship_date, "state": docs.c.state,
            "updated_at": docs.c.updated_at}[cmd.sort_by]
    return browse.ordered_ids(uow.conn, query, [sort, docs.c.document_id], cmd)


def rows(uow: UnitOfWork, wanted: list[int]) -> list[OrderRow]:
    if not wanted:
        return []
    totals = (select(order_lines.c.document_id, func.count().label("line_count"),
                     func.sum(order_lines.c.quantity).label("total_quantity"))
              .where(order_lines.c.document_id.in_(wanted)).group_by(order_lines.c.document_id).subquery())
    found: dict[int, Any] = {}
    for r in uow.conn.execute(
            select(*documents.row_columns(), orders.c.customer_name, orders.c.expected_ship_date,
                   totals.c.line_count, totals.c.total_quantity)
            .join(orders, orders.c.document_id == docs.c.document_id)
            .outerjoin(totals, totals.c.document_id == docs.c.document_id)
            .where(docs.c.document_id.in_(wanted), docs.c.warehouse_id == uow.warehouse_id,
                   docs.c.document_type == ORDER.document_type)):
        values = documents.row_values(r)
        values.update(expected_ship_date=r.expected_ship_date.isoformat() if r.expected_ship_date else None,
                      line_count=r.line_count or 0, total_quantity=int(r.total_quantity or 0))
        found[r.document_id] = OrderRow(**values)
    return [found[i] for i in wanted if i in found]
