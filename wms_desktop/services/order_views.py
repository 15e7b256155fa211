"""Reading outbound orders: the detail of one (lines, allocations, picks, cartons) and the lazy
list's ids and rows (docs/documents.md §6)."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import msgspec
from sqlalchemy import func, or_, select

from ..contract.base import BalanceChange, Changes
from ..contract.documents import DocumentRef
from ..contract.orders import (
    AllocationView,
    CartonItem,
    CartonView,
    HistoryEntry,
    Order,
    OrderIds,
    OrderLineView,
    OrderRow,
    PickView,
)
from ..contract.stock import PickPlan
from ..db.schema import (
    carton_contents,
    locations,
    lots,
    order_allocations,
    order_cartons,
    order_lines,
    order_picks,
    orders,
    outbox_events,
    products,
    skus,
)
from ..db.schema import documents as docs
from ..db.schema import returns as returns_table
from ..db.schema import stock_balances as bal
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.orders import ORDER, RESERVE_SHORT
from ..domain.walking_order import walking_order_key
from . import browse, documents, lookup
from .unit import UnitOfWork


def detail(uow: UnitOfWork, document: DocumentRef, balance_ids: set[int] | None = None,
           changes: Changes | None = None, with_history: bool = False) -> Order:
    """The order with lines, allocations, picks, cartons and returns (and its history, when
    asked: the detail screen). Its ``changes``: the given ones, or the document and
    ``balance_ids``, the balances whose reservation changed."""
    conn = uow.conn
    # header, lines and their allocations in one read (an order has lines; an allocation's SKU is its line's)
    reserved = (order_allocations.join(bal, bal.c.balance_id == order_allocations.c.balance_id)
                .join(locations, locations.c.location_id == bal.c.location_id)
                .outerjoin(lots, (lots.c.sku_id == bal.c.sku_id) & (lots.c.batch_number == bal.c.batch_number)))
    found = conn.execute(
        select(order_lines.c.line_id, order_lines.c.line_number, skus.c.sku_code, skus.c.product_id,
               products.c.product_code, products.c.product_name, order_lines.c.batch_number.label("line_batch"),
               order_lines.c.quantity, order_lines.c.backorder_quantity, order_allocations.c.allocation_id,
               locations.c.location_code, bal.c.batch_number, lots.c.expiry_date, order_allocations.c.reserved_quantity,
               order_allocations.c.picked_quantity, bal.c.balance_id, bal.c.stock_quantity, orders.c.customer_name,
               orders.c.recipient_name, orders.c.address, orders.c.carrier, orders.c.expected_ship_date,
               orders.c.tote_code, *documents.header_columns())
        .select_from(order_lines.join(orders, orders.c.document_id == order_lines.c.document_id)
                     .join(docs, docs.c.document_id == order_lines.c.document_id)
                     .join(skus, skus.c.sku_id == order_lines.c.sku_id)
                     .join(products, products.c.product_id == skus.c.product_id)
                     .outerjoin(reserved, order_allocations.c.line_id == order_lines.c.line_id))
        .where(order_lines.c.document_id == document.document_id)).all()
    head, allocated = found[0], [r for r in found if r.allocation_id is not None]
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
                      product_name=r.product_name, batch_number=r.line_batch or None, stock_quantity=r.quantity,
                      reserved_quantity=totals[r.line_id][0], picked_quantity=totals[r.line_id][1],
                      backorder_quantity=r.backorder_quantity)
        for r in sorted({r.line_id: r for r in found}.values(), key=lambda r: r.line_number)]
    header = documents.header(uow, ORDER, document, head)
    unpicked = document.state in ("pending", "released")
    return Order(**msgspec.structs.asdict(header), customer_name=head.customer_name,
                 recipient_name=head.recipient_name, address=head.address, carrier=head.carrier,
                 tote_code=head.tote_code,
                 expected_ship_date=head.expected_ship_date.isoformat() if head.expected_ship_date else None,
                 lines=lines, allocations=allocations,
                 # nothing is picked or packed before picking starts
                 picks=[] if unpicked else picks(uow, document.document_id),
                 cartons=[] if unpicked else cartons(uow, document.document_id),
                 returns=returns_of(uow, document.document_id) if document.state == "shipped" else [],
                 history=history(uow, document.document_id) if with_history else [],
                 changes=changes or Changes.of_balances(balance_changes(allocated, balance_ids or set()),
                                                        [document.change()]))


def balance_changes(allocated: Sequence[Any], balance_ids: set[int]) -> list[BalanceChange]:
    """The balances (of the order's allocation rows) whose reservation changed — their stock did
    not: for the screens to refresh."""
    seen: dict[int, BalanceChange] = {}
    for r in sorted(allocated, key=lambda r: r.balance_id):
        if r.balance_id in balance_ids and r.balance_id not in seen:
            seen[r.balance_id] = BalanceChange(
                product_id=r.product_id, product_code=r.product_code, sku_code=r.sku_code,
                location_code=r.location_code, batch_number=r.batch_number or None,
                previous_quantity=r.stock_quantity, current_quantity=r.stock_quantity)
    return list(seen.values())


def ids(uow: UnitOfWork, cmd: OrderIds) -> list[int]:
    query = documents.ids_query(uow, ORDER, list(cmd.states) if cmd.states else None).join(
        orders, orders.c.document_id == docs.c.document_id)
    if cmd.search:  # an order number or a customer, by prefix
        pattern = lookup.escape_like(cmd.search) + "%"
        query = query.where(or_(docs.c.document_number.like(pattern, escape="\\"),
                                orders.c.customer_name.like(pattern, escape="\\")))
    if cmd.customer_name:
        query = query.where(orders.c.customer_name.like(lookup.escape_like(cmd.customer_name) + "%", escape="\\"))
    if cmd.urgent_only:
        query = query.where(docs.c.is_urgent)
    if cmd.ship_from is not None:
        query = query.where(orders.c.expected_ship_date >= cmd.ship_from)
    if cmd.ship_to is not None:
        query = query.where(orders.c.expected_ship_date <= cmd.ship_to)
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


def history(uow: UnitOfWork, document_id: int) -> list[HistoryEntry]:
    """The document's actions as its outbox events recorded them, oldest first."""
    return [msgspec.convert({name: event[name] for name in HistoryEntry.__struct_fields__}, HistoryEntry)
            for event in map(json.loads, uow.conn.scalars(
                select(outbox_events.c.payload).where(outbox_events.c.document_id == document_id,
                                                      outbox_events.c.event_type.like("document.%"))
                .order_by(outbox_events.c.outbox_id)))]


def returns_of(uow: UnitOfWork, document_id: int) -> list[str]:
    return list(uow.conn.scalars(
        select(docs.c.document_number).join(returns_table, returns_table.c.document_id == docs.c.document_id)
        .where(returns_table.c.order_document_id == document_id).order_by(docs.c.document_id)))


def pick_plan(uow: UnitOfWork, document: DocumentRef) -> PickPlan:
    """What is left to pick of a released order, as the pick dialog works it: every allocation
    still reserved, in walking order; a line's backorder is its shortfall."""
    conn = uow.conn
    lines = conn.execute(
        select(order_lines.c.line_id, order_lines.c.line_number, order_lines.c.quantity,
               order_lines.c.backorder_quantity, skus.c.sku_code, skus.c.sku_color, skus.c.sku_size,
               products.c.product_code, products.c.product_name)
        .join(skus, skus.c.sku_id == order_lines.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
        .where(order_lines.c.document_id == document.document_id).order_by(order_lines.c.line_number)).all()
    open_picks: dict[int, list] = defaultdict(list)
    for a in conn.execute(
            select(order_allocations.c.line_id, locations.c.location_code, bal.c.batch_number,
                   order_allocations.c.reserved_quantity)
            .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
            .join(locations, locations.c.location_id == bal.c.location_id)
            .where(order_allocations.c.document_id == document.document_id,
                   order_allocations.c.reserved_quantity > 0)):
        open_picks[a.line_id].append(a)
    planned: list[dict[str, Any]] = []
    all_picks: list[dict[str, Any]] = []
    for line in lines:
        item = {"sku_code": line.sku_code, "product_code": line.product_code, "product_name": line.product_name,
                "sku_color": line.sku_color, "sku_size": line.sku_size}
        mine = sorted(open_picks[line.line_id], key=lambda a: (walking_order_key(a.location_code), a.batch_number))
        error = None if not line.backorder_quantity else WmsError(
            "INSUFFICIENT_STOCK_TO_RESERVE", details={"line_number": line.line_number, "sku_code": line.sku_code,
                                                      "backorder_quantity": line.backorder_quantity},
            code=RESERVE_SHORT).to_dict()
        planned.append({"line_index": line.line_number - 1, **item, "requested_quantity": line.quantity,
                        "planned_quantity": sum(a.reserved_quantity for a in mine),
                        "shortfall_quantity": line.backorder_quantity, "error": error,
                        "picks": [{"location_code": a.location_code, "batch_number": a.batch_number or None,
                                   "stock_quantity": a.reserved_quantity, "available_quantity": a.reserved_quantity}
                                  for a in mine]})
        all_picks.extend({"line_index": line.line_number - 1, **item, **pick} for pick in planned[-1]["picks"])
    all_picks.sort(key=lambda p: (walking_order_key(p["location_code"]), walking_order_key(p["sku_code"]),
                                  p["batch_number"] or "", p["line_index"]))
    return msgspec.convert({
        "order_number": document.document_number, "warehouse_code": uow.warehouse.code, "lines": planned,
        "picks": all_picks, "requested_quantity": sum(line["requested_quantity"] for line in planned),
        "planned_quantity": sum(line["planned_quantity"] for line in planned),
        "shortfall_quantity": sum(line["shortfall_quantity"] for line in planned)}, PickPlan)


def picks(uow: UnitOfWork, document_id: int) -> list[PickView]:
    to_location = locations.alias("to_location")
    return [PickView(pick_id=r.pick_id, sku_code=r.sku_code, location_code=r.location_code,
                     to_location_code=r.to_location_code, batch_number=r.batch_number or None,
                     stock_quantity=r.quantity, operator_id=r.operator_id, picked_at=iso_z(r.picked_at))
            for r in uow.conn.execute(
                select(order_picks.c.pick_id, skus.c.sku_code, locations.c.location_code,
                       to_location.c.location_code.label("to_location_code"), bal.c.batch_number,
                       order_picks.c.quantity, order_picks.c.operator_id, order_picks.c.picked_at)
                .join(order_allocations, order_allocations.c.allocation_id == order_picks.c.allocation_id)
                .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
                .join(skus, skus.c.sku_id == bal.c.sku_id)
                .join(locations, locations.c.location_id == bal.c.location_id)
                .join(to_location, to_location.c.location_id == order_picks.c.to_location_id)
                .where(order_picks.c.document_id == document_id).order_by(order_picks.c.pick_id))]


def cartons(uow: UnitOfWork, document_id: int, carton_id: int | None = None) -> list[CartonView]:
    query = select(order_cartons).where(order_cartons.c.document_id == document_id)
    if carton_id is not None:
        query = query.where(order_cartons.c.carton_id == carton_id)
    heads = uow.conn.execute(query.order_by(order_cartons.c.carton_number)).all()
    if not heads:
        return []
    items: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for row in uow.conn.execute(
            select(carton_contents.c.carton_id, skus.c.sku_code, bal.c.batch_number, carton_contents.c.quantity)
            .join(order_picks, order_picks.c.pick_id == carton_contents.c.pick_id)
            .join(order_allocations, order_allocations.c.allocation_id == order_picks.c.allocation_id)
            .join(bal, bal.c.balance_id == order_allocations.c.balance_id)
            .join(skus, skus.c.sku_id == bal.c.sku_id)
            .where(carton_contents.c.carton_id.in_([h.carton_id for h in heads]))):
        items[row.carton_id][(row.sku_code, row.batch_number)] += row.quantity
    return [CartonView(carton_id=h.carton_id, carton_number=h.carton_number, weight_grams=h.weight_grams,
                       expected_weight_grams=h.expected_weight_grams, carrier=h.carrier,
                       tracking_number=h.tracking_number, packed_by=h.packed_by, packed_at=iso_z(h.packed_at),
                       items=[CartonItem(sku_code=sku, batch_number=batch or None, stock_quantity=quantity)
                              for (sku, batch), quantity in sorted(items[h.carton_id].items())])
            for h in heads]
