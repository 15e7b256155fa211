"""Customer returns (domain/returns.py): opened against a shipped order, received item by item,
closed. A receipt locks the return, then its order (so two returns of one order queue there and
never take back more than was shipped together), checks the quantity against what the order
shipped of that SKU and batch less what came back before (RETURN_QUANTITY_EXCEEDED 15011), and
posts the restocked or damaged units through ``inventory.inbound`` with the return's number as
``document_ref`` — all in one unit of work, at most once per ``request_id``.
"""
from __future__ import annotations

from collections import Counter

import msgspec
from sqlalchemy import func, insert, select

from ..contract.base import Changes
from ..contract.decode import Payload, decode
from ..contract.documents import DocumentRef
from ..contract.returns import (
    CloseReturn,
    GetReturn,
    OpenReturn,
    ReceiveReturn,
    Returnable,
    ReturnDetail,
    ReturnLineView,
)
from ..contract.stock import Inbound
from ..db.schema import carton_contents, locations, order_allocations, order_cartons, order_picks, return_lines, skus
from ..db.schema import documents as docs
from ..db.schema import returns as returns_table
from ..db.schema import stock_balances as bal
from ..domain.codes import iso_z
from ..domain.errors import WmsError, invalid
from ..domain.orders import ORDER
from ..domain.permissions import MOVE_STOCK
from ..domain.returns import DAMAGED, RETURN, SCRAP
from ..domain.walking_order import walking_order_key
from . import documents, inventory, lookup
from .access import READ, requires
from .unit import Area, UnitOfWork

Key = tuple[str, str]  # (sku_code, batch_number or '')


class Returns(Area):
    @requires(MOVE_STOCK)
    def open(self, command: OpenReturn | Payload) -> ReturnDetail:
        cmd = self._scope.signed(decode(OpenReturn, command))
        return self._scope.once("open_return", cmd, ReturnDetail, lambda uow: open_return(uow, cmd))

    @requires(MOVE_STOCK)
    def receive(self, command: ReceiveReturn | Payload) -> ReturnDetail:
        cmd = self._scope.signed(decode(ReceiveReturn, command))
        return self._scope.once("receive_return", cmd, ReturnDetail, lambda uow: receive(uow, cmd))

    @requires(MOVE_STOCK)
    def close(self, command: CloseReturn | Payload) -> ReturnDetail:
        cmd = self._scope.signed(decode(CloseReturn, command))

        def work(uow: UnitOfWork) -> ReturnDetail:
            assert cmd.operator_id is not None
            found = documents.find(uow, RETURN, cmd.document_id, cmd.return_number)
            return detail(uow, documents.act(uow, RETURN, found, "close", cmd.operator_id, cmd.expected_version))

        return self._scope.once("close_return", cmd, ReturnDetail, work)

    @requires(READ)
    def get(self, command: GetReturn | Payload) -> ReturnDetail:
        cmd = decode(GetReturn, command)
        return self._scope.read(lambda uow: detail(uow, documents.find(
            uow, RETURN, cmd.document_id, cmd.return_number, lock=False)))


def open_return(uow: UnitOfWork, cmd: OpenReturn) -> ReturnDetail:
    assert cmd.operator_id is not None  # Scope.signed
    order = documents.find(uow, ORDER, document_number=cmd.order_number)
    _check_shipped(order)
    number = cmd.return_number or f"RT-{order.document_number}-{_returns_of(uow, order.document_id) + 1}"
    made = documents.create(uow, RETURN, number, cmd.operator_id, notes=cmd.notes)
    uow.conn.execute(insert(returns_table).values(document_id=made.document_id, order_document_id=order.document_id))
    return detail(uow, made)


def receive(uow: UnitOfWork, cmd: ReceiveReturn) -> ReturnDetail:
    assert cmd.operator_id is not None
    conn = uow.conn
    found = documents.find(uow, RETURN, cmd.document_id, cmd.return_number)
    RETURN.check("receive", found.state, found.document_number)
    order = documents.find(uow, ORDER, document_id=_order_of(uow, found.document_id))
    sku = lookup.sku(conn, cmd.sku_code)
    key = (sku.sku_code, cmd.batch_number or "")
    shipped, returned = _shipped(uow, order.document_id), _returned(uow, order.document_id)
    if returned[key] + cmd.stock_quantity > shipped[key]:
        raise WmsError("RETURN_QUANTITY_EXCEEDED", details={
            "order_number": order.document_number, "sku_code": sku.sku_code, "batch_number": cmd.batch_number,
            "requested_quantity": cmd.stock_quantity, "returnable_quantity": shipped[key] - returned[key]})
    place = None if cmd.disposition == SCRAP else _destination(uow, cmd)
    changes = Changes()
    if place is not None:
        moved = inventory.inbound(uow, Inbound(
            product_code=sku.product_code, sku_code=sku.sku_code, location_code=place.location_code,
            stock_quantity=cmd.stock_quantity, batch_number=cmd.batch_number, operator_id=cmd.operator_id,
            document_ref=found.document_number, notes=cmd.notes))
        changes = moved.changes
    conn.execute(insert(return_lines).values(
        document_id=found.document_id, sku_id=sku.sku_id, batch_number=cmd.batch_number or "",
        quantity=cmd.stock_quantity, disposition=cmd.disposition,
        location_id=place.location_id if place is not None else None, reason_code=cmd.reason_code,
        operator_id=cmd.operator_id))
    found = documents.act(uow, RETURN, found, "receive", cmd.operator_id, cmd.expected_version)
    return detail(uow, found, Changes.of_balances(changes.balances, [found.change()]))


def _check_shipped(order: DocumentRef) -> None:
    if order.state != "shipped":
        raise WmsError("INVALID_STATE_TRANSITION", f"order {order.document_number} is not shipped: nothing to return",
                       {"document_type": "order", "document_number": order.document_number, "state": order.state,
                        "action": "return"})


def _destination(uow: UnitOfWork, cmd: ReceiveReturn) -> lookup.Location:
    """The location named, or the warehouse's first returns (restock) or damaged location in
    walking order; restocked units never go to a damaged location, damaged ones only there."""
    wanted = "damaged" if cmd.disposition == DAMAGED else "returns"
    if cmd.location_code is not None:
        place = lookup.location(uow.conn, uow.warehouse_id, location_code=cmd.location_code)
        if (place.location_type == "damaged") != (cmd.disposition == DAMAGED):
            raise invalid("location_code", f"is not a place for {cmd.disposition} returns",
                          location_code=place.location_code, location_type=place.location_type)
        return place
    codes = uow.conn.scalars(select(locations.c.location_code).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.location_type == wanted, locations.c.is_active)).all()
    if not codes:
        raise invalid("location_code", f"is required: the warehouse has no {wanted} location")
    return lookup.location(uow.conn, uow.warehouse_id, location_code=min(codes, key=walking_order_key))


def _order_of(uow: UnitOfWork, return_id: int) -> int:
    return uow.conn.execute(select(returns_table.c.order_document_id)
                            .where(returns_table.c.document_id == return_id)).scalar_one()


def _returns_of(uow: UnitOfWork, order_id: int) -> int:
    return uow.conn.execute(select(func.count()).select_from(returns_table)
                            .where(returns_table.c.order_document_id == order_id)).scalar_one()


def _shipped(uow: UnitOfWork, order_id: int) -> Counter[Key]:
    """What the order's cartons shipped, per SKU and batch."""
    shipped: Counter[Key] = Counter()
    for row in uow.conn.execute(
            select(skus.c.sku_code, bal.c.batch_number, carton_contents.c.quantity)
            .join(order_cartons, order_cartons.c.carton_id == carton_contents.c.carton_id)
            .join(order_picks, order_picks.c.pick_id == carton_contents.c.pick_id)
            .join(order_allocations, order_allocations.c.allocation_id == order_picks.c.allocation_id)
            .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
            .join(skus, skus.c.sku_id == bal.c.sku_id)
            .where(order_cartons.c.document_id == order_id)):
        shipped[(row.sku_code, row.batch_number)] += row.quantity
    return shipped


def _returned(uow: UnitOfWork, order_id: int) -> Counter[Key]:
    """What came back on every return of the order, per SKU and batch."""
    returned: Counter[Key] = Counter()
    for row in uow.conn.execute(
            select(skus.c.sku_code, return_lines.c.batch_number, return_lines.c.quantity)
            .join(skus, skus.c.sku_id == return_lines.c.sku_id)
            .join(returns_table, returns_table.c.document_id == return_lines.c.document_id)
            .where(returns_table.c.order_document_id == order_id)):
        returned[(row.sku_code, row.batch_number)] += row.quantity
    return returned


def detail(uow: UnitOfWork, found: DocumentRef, changes: Changes | None = None) -> ReturnDetail:
    conn = uow.conn
    order_id = _order_of(uow, found.document_id)
    order_number = conn.execute(select(docs.c.document_number).where(docs.c.document_id == order_id)).scalar_one()
    lines = [ReturnLineView(line_id=r.line_id, sku_code=r.sku_code, batch_number=r.batch_number or None,
                            stock_quantity=r.quantity, disposition=r.disposition, location_code=r.location_code,
                            reason_code=r.reason_code, operator_id=r.operator_id, received_at=iso_z(r.received_at))
             for r in conn.execute(
                 select(return_lines.c.line_id, skus.c.sku_code, return_lines.c.batch_number, return_lines.c.quantity,
                        return_lines.c.disposition, locations.c.location_code, return_lines.c.reason_code,
                        return_lines.c.operator_id, return_lines.c.received_at)
                 .join(skus, skus.c.sku_id == return_lines.c.sku_id)
                 .outerjoin(locations, locations.c.location_id == return_lines.c.location_id)
                 .where(return_lines.c.document_id == found.document_id).order_by(return_lines.c.line_id))]
    shipped, returned = _shipped(uow, order_id), _returned(uow, order_id)
    header = documents.header(uow, RETURN, found)
    return ReturnDetail(
        **msgspec.structs.asdict(header), order_number=order_number, lines=lines,
        returnable=[Returnable(sku_code=sku, batch_number=batch or None, shipped_quantity=quantity,
                               returned_quantity=returned[(sku, batch)])
                    for (sku, batch), quantity in sorted(shipped.items())],
        changes=changes or Changes(documents=[found.change()]))
