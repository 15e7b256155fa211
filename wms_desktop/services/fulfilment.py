"""Work on the floor against a released order: pick, pack, ship (domain/orders.py).

- :func:`pick` — the units reserved for the order at a bin (its allocations there) go to the
  station's packing location: the reservation is consumed (``reservations.reserve`` with
  ``picked``) and the stock transferred through the posting path, in one unit of work, with
  the order number as the ledger's ``document_ref``. More than is reserved there is
  PICK_QUANTITY_EXCEEDED (15009). When nothing is reserved any more the order is picked.
- :func:`short_pick` — a bin short of what was reserved there: the reservation is given back and
  the units reserved at other bins (never that one), or backordered on their line.
- :func:`pack` — a carton of picked units (PACK_QUANTITY_EXCEEDED 15010 beyond what is picked
  and not packed), with the scale's weight checked against Σ unit weights + tare
  (CARTON_WEIGHT_MISMATCH unless accepted). When every picked unit is packed, the order is.
- :func:`ship` — tracking numbers on the cartons, then one outbound per balance of the packing
  location holding the cartons' contents, and the order is shipped.

Every step locks the order first and moves it through ``documents.act`` (version, outbox event).
"""
from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from sqlalchemy import func, insert, select, text, update

from ..contract.base import BalanceChange, Changes
from ..contract.documents import DocumentRef
from ..contract.orders import Order, PackCarton, Packed, Picked, PickOrder, ShipOrder, ShortPick
from ..contract.stock import Outbound, Transfer
from ..db.schema import (
    carton_contents,
    locations,
    order_allocations,
    order_cartons,
    order_lines,
    order_picks,
    orders,
    products,
    skus,
)
from ..db.schema import documents as docs
from ..db.schema import stock_balances as bal
from ..domain.documents import check_lines
from ..domain.errors import WmsError, invalid
from ..domain.orders import ORDER, TOTE_HELD, weight_tolerance
from . import documents, inventory, lookup
from .order_views import cartons, detail
from .reservations import Reservation, allocate, reserve
from .unit import UnitOfWork


def pick(uow: UnitOfWork, cmd: PickOrder) -> Picked:
    assert cmd.operator_id is not None  # Scope.signed
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("pick", document.state, document.document_number)
    if cmd.tote_code is not None:
        _check_tote(uow, document, cmd.tote_code)
    place, target = lookup.locations_of(conn, uow.warehouse_id, [(None, cmd.location_code, "location"),
                                                                (None, cmd.to_location_code, "to_location")])
    # every open reservation of the order in one read: this bin's, and what stays reserved after
    open_rows = conn.execute(
        select(order_allocations.c.allocation_id, order_allocations.c.line_id, order_allocations.c.balance_id,
               order_allocations.c.reserved_quantity, bal.c.batch_number, bal.c.location_id, skus.c.sku_code)
        .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .where(order_allocations.c.document_id == document.document_id, order_allocations.c.reserved_quantity > 0)
        .order_by(bal.c.batch_number, order_allocations.c.allocation_id)).all()
    held = [a for a in open_rows if a.sku_code == cmd.sku_code and a.location_id == place.location_id
            and cmd.batch_number in (None, a.batch_number)]
    sku_code = held[0].sku_code if held else lookup.sku(conn, cmd.sku_code).sku_code  # SKU_NOT_FOUND when unknown
    reserved = sum(a.reserved_quantity for a in held)
    if cmd.stock_quantity > reserved:
        raise WmsError("PICK_QUANTITY_EXCEEDED", details={
            "document_number": document.document_number, "sku_code": sku_code,
            "location_code": place.location_code, "batch_number": cmd.batch_number,
            "requested_quantity": cmd.stock_quantity, "reserved_quantity": reserved})
    taken, need = [], cmd.stock_quantity
    for allocation in held:
        take = min(need, allocation.reserved_quantity)
        if take:
            taken.append((allocation, take))
            need -= take
    reserve(conn, document.document_id, [Reservation(a.line_id, a.balance_id, -take, picked=take) for a, take in taken])
    balances: list[BalanceChange] = []
    moved = None
    for allocation, take in taken:
        moved = inventory.transfer(uow, Transfer(
            sku_code=sku_code, from_location_code=place.location_code, to_location_code=target.location_code,
            stock_quantity=take, batch_number=allocation.batch_number or None, operator_id=cmd.operator_id,
            document_ref=document.document_number, notes=cmd.notes))
        balances.extend(moved.changes.balances)
        conn.execute(insert(order_picks).values(document_id=document.document_id,
                                                allocation_id=allocation.allocation_id,
                                                to_location_id=target.location_id, quantity=take,
                                                operator_id=cmd.operator_id))
    assert moved is not None  # a Quantity is at least 1
    document = documents.act(uow, ORDER, document, "pick", cmd.operator_id, cmd.expected_version)
    remaining = sum(a.reserved_quantity for a in open_rows) - cmd.stock_quantity
    if remaining == 0:
        document = documents.act(uow, ORDER, document, "finish_picking", cmd.operator_id)
    batches = {allocation.batch_number for allocation, _ in taken}
    return Picked(document_id=document.document_id, order_number=document.document_number, state=document.state,
                  version=document.version, sku_code=sku_code, location_code=place.location_code,
                  to_location_code=target.location_code,
                  batch_number=(batches.pop() or None) if len(batches) == 1 else cmd.batch_number,
                  stock_quantity=cmd.stock_quantity, from_current_quantity=moved.from_current_quantity,
                  to_current_quantity=moved.to_current_quantity, remaining_quantity=remaining, tote_code=cmd.tote_code,
                  operator_id=cmd.operator_id, request_id=cmd.request_id,
                  changes=Changes.of_balances(balances, [document.change()]))


def _check_tote(uow: UnitOfWork, document: DocumentRef, tote_code: str) -> None:
    """A wave's tote: the order's own (WRONG_TOTE otherwise), or bound to it now unless another
    order being picked or waiting to be packed holds it (TOTE_IN_USE)."""
    conn = uow.conn
    bound = conn.scalar(select(orders.c.tote_code).where(orders.c.document_id == document.document_id))
    if bound == tote_code:
        return
    if bound is not None:
        raise WmsError("WRONG_TOTE", details={"document_number": document.document_number, "tote_code": tote_code,
                                              "expected_totes": [bound]})
    if conn.dialect.name == "postgresql":  # two stations binding one tote: one after the other
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                     {"key": f"tote:{uow.warehouse_id}:{tote_code}"})
    holder = conn.scalar(select(docs.c.document_number).join(orders, orders.c.document_id == docs.c.document_id)
                         .where(docs.c.warehouse_id == uow.warehouse_id, orders.c.tote_code == tote_code,
                                docs.c.state.in_(TOTE_HELD), docs.c.document_id != document.document_id))
    if holder is not None:
        raise WmsError("TOTE_IN_USE", details={"document_number": document.document_number, "tote_code": tote_code,
                                               "holder": holder})
    conn.execute(update(orders).where(orders.c.document_id == document.document_id).values(tote_code=tote_code))


def short_pick(uow: UnitOfWork, cmd: ShortPick) -> Order:
    assert cmd.operator_id is not None
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("pick", document.state, document.document_number)
    place = lookup.location(conn, uow.warehouse_id, location_code=cmd.location_code)
    sku = lookup.sku(conn, cmd.sku_code)
    query = (select(order_allocations.c.line_id, order_allocations.c.balance_id, order_allocations.c.reserved_quantity,
                    order_lines.c.sku_id, order_lines.c.batch_number)
             .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
             .join(order_lines, order_lines.c.line_id == order_allocations.c.line_id)
             .where(order_allocations.c.document_id == document.document_id, bal.c.sku_id == sku.sku_id,
                    bal.c.location_id == place.location_id, order_allocations.c.reserved_quantity > 0))
    if cmd.batch_number is not None:
        query = query.where(bal.c.batch_number == cmd.batch_number)
    held = conn.execute(query).all()
    if not held:
        raise WmsError("PICK_QUANTITY_EXCEEDED", details={
            "document_number": document.document_number, "sku_code": sku.sku_code,
            "location_code": place.location_code, "batch_number": cmd.batch_number, "reserved_quantity": 0})
    reserve(conn, document.document_id, [Reservation(a.line_id, a.balance_id, -a.reserved_quantity) for a in held])
    wanted: dict[int, int] = {}
    for a in held:
        wanted[a.line_id] = wanted.get(a.line_id, 0) + a.reserved_quantity
    lines = [SimpleNamespace(line_id=line_id, sku_id=sku.sku_id, wanted=quantity,
                             batch_number=next(a.batch_number for a in held if a.line_id == line_id))
             for line_id, quantity in wanted.items()]
    plan, short = allocate(uow, lines, avoid_location_id=place.location_id)
    reserve(conn, document.document_id, plan)
    for line, missing in short:
        conn.execute(update(order_lines).where(order_lines.c.line_id == line.line_id)
                     .values(backorder_quantity=order_lines.c.backorder_quantity + missing))
    document = documents.act(uow, ORDER, document, "pick", cmd.operator_id, cmd.expected_version)
    remaining = int(conn.execute(select(func.coalesce(func.sum(order_allocations.c.reserved_quantity), 0))
                                 .where(order_allocations.c.document_id == document.document_id)).scalar_one())
    picked = conn.scalar(select(order_picks.c.pick_id).where(order_picks.c.document_id == document.document_id)
                         .limit(1))
    if remaining == 0 and picked is not None:
        document = documents.act(uow, ORDER, document, "finish_picking", cmd.operator_id)
    return detail(uow, document, {a.balance_id for a in held} | {r.balance_id for r in plan})


def _unpacked(uow: UnitOfWork, document_id: int) -> list:
    """The order's picks with units not in a carton yet, oldest first."""
    packed = (select(carton_contents.c.pick_id, func.sum(carton_contents.c.quantity).label("packed"))
              .group_by(carton_contents.c.pick_id).subquery())
    rows = uow.conn.execute(
        select(order_picks.c.pick_id, skus.c.sku_code, skus.c.weight_grams, bal.c.batch_number,
               (order_picks.c.quantity - func.coalesce(packed.c.packed, 0)).label("left"))
        .join(order_allocations, order_allocations.c.allocation_id == order_picks.c.allocation_id)
        .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .outerjoin(packed, packed.c.pick_id == order_picks.c.pick_id)
        .where(order_picks.c.document_id == document_id).order_by(order_picks.c.pick_id)).all()
    return [row for row in rows if row.left > 0]


def pack(uow: UnitOfWork, cmd: PackCarton) -> Packed:
    assert cmd.operator_id is not None
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("pack", document.state, document.document_number)
    check_lines("carton", document.document_number, [(i.sku_code, i.batch_number) for i in cmd.items],
                lambda key: {"sku_code": key[0], "batch_number": key[1]})
    open_picks = _unpacked(uow, document.document_id)
    left = {row.pick_id: row.left for row in open_picks}
    contents: list[tuple[int, int]] = []  # (pick_id, quantity)
    expected: int | None = cmd.tare_grams
    for item in cmd.items:
        need = item.stock_quantity
        for row in open_picks:
            if row.sku_code == item.sku_code and (item.batch_number is None or row.batch_number == item.batch_number):
                take = min(need, left[row.pick_id])
                if take:
                    contents.append((row.pick_id, take))
                    left[row.pick_id] -= take
                    need -= take
                    expected = None if expected is None or row.weight_grams is None else (
                        expected + take * row.weight_grams)
        if need:
            raise WmsError("PACK_QUANTITY_EXCEEDED", details={
                "document_number": document.document_number, "sku_code": item.sku_code,
                "batch_number": item.batch_number, "requested_quantity": item.stock_quantity,
                "unpacked_quantity": item.stock_quantity - need})
    if (cmd.weight_grams is not None and expected is not None and not cmd.accept_weight_difference
            and abs(cmd.weight_grams - expected) > weight_tolerance(expected)):
        raise WmsError("CARTON_WEIGHT_MISMATCH", details={
            "document_number": document.document_number, "weight_grams": cmd.weight_grams,
            "expected_weight_grams": expected, "tolerance_grams": weight_tolerance(expected)})
    number = conn.execute(select(func.coalesce(func.max(order_cartons.c.carton_number), 0))
                          .where(order_cartons.c.document_id == document.document_id)).scalar_one() + 1
    carton_id = conn.execute(insert(order_cartons).values(
        document_id=document.document_id, carton_number=number, weight_grams=cmd.weight_grams,
        expected_weight_grams=expected, carrier=cmd.carrier, tracking_number=cmd.tracking_number,
        packed_by=cmd.operator_id).returning(order_cartons.c.carton_id)).scalar_one()
    conn.execute(insert(carton_contents), [{"carton_id": carton_id, "pick_id": pick_id, "quantity": quantity}
                                           for pick_id, quantity in contents])
    document = documents.act(uow, ORDER, document, "pack", cmd.operator_id, cmd.expected_version)
    unpacked = sum(left.values())
    if unpacked == 0:
        document = documents.act(uow, ORDER, document, "finish_packing", cmd.operator_id)
    (carton,) = cartons(uow, document.document_id, carton_id)
    return Packed(document_id=document.document_id, order_number=document.document_number, state=document.state,
                  version=document.version, carton=carton, unpacked_quantity=unpacked,
                  changes=Changes(documents=[document.change()]))


def ship(uow: UnitOfWork, cmd: ShipOrder) -> Order:
    assert cmd.operator_id is not None
    conn = uow.conn
    document = documents.find(uow, ORDER, cmd.document_id, cmd.order_number)
    ORDER.check("ship", document.state, document.document_number)
    for index, tracking in enumerate(cmd.cartons or []):
        found = conn.execute(update(order_cartons).where(order_cartons.c.document_id == document.document_id,
                                                         order_cartons.c.carton_number == tracking.carton_number)
                             .values(tracking_number=tracking.tracking_number,
                                     **({"carrier": tracking.carrier} if tracking.carrier else {}))
                             .returning(order_cartons.c.carton_id)).first()
        if found is None:
            raise invalid(f"cartons[{index}].carton_number", "is not a carton of the order",
                          carton_number=tracking.carton_number)
    leaving: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for row in conn.execute(
            select(products.c.product_code, skus.c.sku_code, locations.c.location_code, bal.c.batch_number,
                   carton_contents.c.quantity)
            .join(order_cartons, order_cartons.c.carton_id == carton_contents.c.carton_id)
            .join(order_picks, order_picks.c.pick_id == carton_contents.c.pick_id)
            .join(order_allocations, order_allocations.c.allocation_id == order_picks.c.allocation_id)
            .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
            .join(skus, skus.c.sku_id == bal.c.sku_id)
            .join(products, products.c.product_id == skus.c.product_id)
            .join(locations, locations.c.location_id == order_picks.c.to_location_id)
            .where(order_cartons.c.document_id == document.document_id)):
        leaving[(row.product_code, row.sku_code, row.location_code, row.batch_number)] += row.quantity
    balances: list[BalanceChange] = []
    for (product_code, sku_code, location_code, batch), quantity in sorted(leaving.items()):
        shipped = inventory.outbound(uow, Outbound(
            product_code=product_code, sku_code=sku_code, location_code=location_code, stock_quantity=quantity,
            batch_number=batch or None, operator_id=cmd.operator_id, document_ref=document.document_number,
            notes=cmd.notes))
        balances.extend(shipped.changes.balances)
    document = documents.act(uow, ORDER, document, "ship", cmd.operator_id, cmd.expected_version)
    return detail(uow, document, changes=Changes.of_balances(balances, [document.change()]))
