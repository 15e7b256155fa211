"""Outbound orders (docs/documents.md, domain/orders.py): create, edit, release, cancel, read.

A release (on PostgreSQL one call of ``wms_release_order``, the same steps) locks the order,
lists each line's candidate balances (FEFO for lots with an expiry,
then walking order: ``lots.fefo_by_sku``), locks them all in the posting's sorted key order
(``reservations.lock_balances``), allocates every line from what is available under those
locks and writes allocations and ``locked_quantity`` in the same transaction
(``reservations.reserve``). A line it cannot fill follows the warehouse's short-stock policy:
the release is refused (INSUFFICIENT_STOCK_TO_RESERVE 15003, nothing changes) or the line
keeps the shortfall as its backorder quantity. Cancelling gives every unpicked reservation
back. Each step moves the document through ``documents.act`` (version, outbox event, audit).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select, update

from ..contract.decode import Payload, check, decode
from ..contract.documents import DocumentRef
from ..contract.orders import (
    CancelOrder,
    CreateOrder,
    GetOrder,
    Order,
    OrderIds,
    OrderItem,
    OrderRow,
    PackCarton,
    Packed,
    Picked,
    PickOrder,
    ReleaseOrder,
    SetShortStockPolicy,
    ShipOrder,
    ShortPick,
    ShortStockPolicySet,
    UpdateOrder,
)
from ..contract.stock import IdList, PickPlan
from ..db.schema import order_allocations, order_lines, orders, skus, warehouses
from ..domain.documents import check_lines
from ..domain.errors import WmsError, invalid
from ..domain.orders import BACKORDER, ORDER, RESERVE_SHORT
from ..domain.permissions import MOVE_STOCK, PLAN_DOCUMENTS
from . import audit, documents, lookup
from .access import READ, requires
from .fulfilment import pack, pick, ship, short_pick
from .order_views import detail, ids, pick_plan, rows
from .reservations import Reservation, allocate, reserve
from .unit import Area, UnitOfWork

HEADER_FIELDS = ("customer_name", "recipient_name", "address", "carrier", "expected_ship_date")
RELEASE = ("SELECT wms_release_order(%s::int8, %s::int8, %s::text, %s::text[], %s::int8, %s::text, %s::date,"
           " %s::text, %s::text)")


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

    @requires(MOVE_STOCK)
    def create_and_release(self, command: CreateOrder | Payload) -> Order:
        """An order typed in at the pick station, created and released in one unit of work: the
        clerk who may ship those units freely may also ship them as an order."""
        cmd = self._scope.signed(decode(CreateOrder, command))

        def work(uow: UnitOfWork) -> Order:
            made = create(uow, cmd)
            return release(uow, ReleaseOrder(document_id=made.document_id, operator_id=cmd.operator_id))

        return self._scope.once("create_and_release_order", cmd, Order, work)

    @requires(READ)
    def pick_plan(self, command: GetOrder | Payload) -> PickPlan:
        """What is left to pick of the order, in walking order."""
        cmd = decode(GetOrder, command)
        return self._scope.read(lambda uow: pick_plan(uow, documents.find(
            uow, ORDER, cmd.document_id, cmd.order_number, lock=False)))

    @requires(MOVE_STOCK)
    def pick(self, command: PickOrder | Payload) -> Picked:
        """Confirm a pick: reserved units from a bin to this station's packing location."""
        cmd = self._scope.signed(decode(PickOrder, command))
        return self._scope.once("pick_order", cmd, Picked, lambda uow: pick(uow, cmd))

    @requires(MOVE_STOCK)
    def short_pick(self, command: ShortPick | Payload) -> Order:
        """A bin short of what was reserved there: reserved elsewhere, or backordered."""
        cmd = self._scope.signed(decode(ShortPick, command))
        return self._scope.once("short_pick", cmd, Order, lambda uow: short_pick(uow, cmd))

    @requires(MOVE_STOCK)
    def pack(self, command: PackCarton | Payload) -> Packed:
        cmd = self._scope.signed(decode(PackCarton, command))
        return self._scope.once("pack_order", cmd, Packed, lambda uow: pack(uow, cmd))

    @requires(MOVE_STOCK)
    def ship(self, command: ShipOrder | Payload) -> Order:
        cmd = self._scope.signed(decode(ShipOrder, command))
        return self._scope.once("ship_order", cmd, Order, lambda uow: ship(uow, cmd))

    @requires(READ)
    def get(self, command: GetOrder | Payload) -> Order:
        cmd = decode(GetOrder, command)
        return self._scope.read(lambda uow: detail(uow, documents.find(
            uow, ORDER, cmd.document_id, cmd.order_number, lock=False), with_history=True))

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
            was = uow.conn.execute(select(warehouses.c.short_stock_policy)
                                   .where(warehouses.c.warehouse_id == uow.warehouse_id)).scalar_one()
            uow.conn.execute(update(warehouses).where(warehouses.c.warehouse_id == uow.warehouse_id)
                             .values(short_stock_policy=cmd.short_stock_policy))
            audit.record(uow, audit.Change(f"warehouse:{uow.warehouse_id}", "warehouse", uow.warehouse.code, "update",
                                           {"short_stock_policy": was}, {"short_stock_policy": cmd.short_stock_policy}))
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
    if uow.conn.dialect.name == "postgresql":
        document, balance_ids = _release_on_server(uow, cmd)
    else:
        document, balance_ids = _release(uow, cmd)
    return detail(uow, document, balance_ids)


def _release(uow: UnitOfWork, cmd: ReleaseOrder) -> tuple[DocumentRef, set[int]]:
    """SQLite's release, step by step (PostgreSQL's: wms_release_order, the same steps)."""
    assert cmd.operator_id is not None
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("release", document.state, document.document_number)
    lines = conn.execute(select(order_lines.c.line_id, order_lines.c.line_number, order_lines.c.sku_id,
                                order_lines.c.batch_number, order_lines.c.quantity.label("wanted"), skus.c.sku_code)
                         .join(skus, skus.c.sku_id == order_lines.c.sku_id)
                         .where(order_lines.c.document_id == document.document_id)
                         .order_by(order_lines.c.line_number)).all()
    plan, short = allocate(uow, lines)
    policy = conn.scalar(select(warehouses.c.short_stock_policy).where(
        warehouses.c.warehouse_id == uow.warehouse_id)) if short else None
    if short and (policy != BACKORDER or not plan):
        raise WmsError("INSUFFICIENT_STOCK_TO_RESERVE", details={
            "document_number": document.document_number, "short_stock_policy": policy,
            "lines": [{"line_number": line.line_number, "sku_code": line.sku_code,
                       "batch_number": line.batch_number or None, "requested_quantity": line.wanted,
                       "available_quantity": line.wanted - missing} for line, missing in short]}, code=RESERVE_SHORT)
    for line, missing in short:
        conn.execute(update(order_lines).where(order_lines.c.line_id == line.line_id)
                     .values(backorder_quantity=missing))
    reserve(conn, document.document_id, plan)
    document = documents.act(uow, ORDER, document, "release", cmd.operator_id, cmd.expected_version)
    return document, {r.balance_id for r in plan}


def _release_on_server(uow: UnitOfWork, cmd: ReleaseOrder) -> tuple[DocumentRef, set[int]]:
    """One call of wms_release_order (migration issue14_release_function). A release the
    order's state or version does not allow is refused here, by the lifecycle."""
    found = uow.conn.exec_driver_sql(RELEASE, (
        uow.warehouse_id, cmd.document_id, cmd.order_number, sorted(ORDER.action("release").sources),
        cmd.expected_version, cmd.operator_id, date.today(), audit.actor_of(uow, cmd.operator_id),
        audit.WORKSTATION)).scalar_one()
    document = DocumentRef(document_type=ORDER.document_type, document_id=found["document_id"],
                           document_number=found["document_number"], state=found["state"], version=found["version"])
    if not found["released"]:
        documents.check(ORDER, document, "release", cmd.expected_version)
        raise AssertionError(f"wms_release_order refused a release the lifecycle allows: {found}")
    return document, set(found["balance_ids"])


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
