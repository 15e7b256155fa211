"""Putaway: received stock moves from the receiving location to the shelves.

A task is derived, never stored: the good units an ASN's receipts brought to a receiving
location, per SKU and batch, less what its putaways (``asn_putaways``) moved on. Each task gets
a suggested destination — an active storage location already holding that SKU and batch
(consolidate), else the first empty active storage location in walking order, a different one
for each task of one list. :func:`put_away` locks the ASN's header (putaways of one ASN queue,
so two clerks never move more than arrived), posts a transfer with the ASN's number as the
ledger's ``document_ref`` and records the move, in one unit of work.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import exists, func, insert, select

from ..contract.base import Changes
from ..contract.receiving import PutAway, PutAwayDone, PutawayList, PutawayTask, PutawayTasks
from ..contract.stock import Transfer
from ..db.schema import asn_putaways, asn_receipts, documents, locations, products, skus
from ..db.schema import stock_balances as bal
from ..domain.errors import WmsError
from ..domain.receiving import ASN
from ..domain.walking_order import walking_order_key
from . import documents as docs
from . import inventory, lookup
from .unit import UnitOfWork

Key = tuple[int, int, str, int]  # document_id, sku_id, batch_number, receiving location_id


def tasks(uow: UnitOfWork, query: PutawayTasks) -> PutawayList:
    document_id = None
    if query.asn_number is not None or query.document_id is not None:
        document_id = docs.find(uow, ASN, query.document_id, query.asn_number, lock=False).document_id
    place = lookup.location(uow.conn, uow.warehouse_id, location_code=query.location_code) \
        if query.location_code is not None else None
    waiting = _open(uow, document_id, place.location_id if place else None)
    if not waiting:
        return PutawayList(tasks=[])
    conn = uow.conn
    names = {row.document_id: row.document_number for row in conn.execute(
        select(documents.c.document_id, documents.c.document_number)
        .where(documents.c.document_id.in_({key[0] for key in waiting})))}
    items = {row.sku_id: row for row in conn.execute(
        select(skus.c.sku_id, skus.c.sku_code, products.c.product_code, products.c.product_name)
        .join(products, products.c.product_id == skus.c.product_id)
        .where(skus.c.sku_id.in_({key[1] for key in waiting})))}
    codes = {row.location_id: row.location_code for row in conn.execute(
        select(locations.c.location_id, locations.c.location_code)
        .where(locations.c.location_id.in_({key[3] for key in waiting})))}
    keys = sorted(waiting, key=lambda k: (names[k[0]], walking_order_key(codes[k[3]]), items[k[1]].sku_code, k[2]))
    empties = iter(_empty_locations(uow))
    found = []
    for key in keys:
        document, sku_id, batch, location_id = key
        item = items[sku_id]
        suggested = _consolidate(uow, sku_id, batch) or next(empties, None)
        found.append(PutawayTask(document_id=document, asn_number=names[document], sku_code=item.sku_code,
                                 product_code=item.product_code, product_name=item.product_name,
                                 batch_number=batch or None, from_location_code=codes[location_id],
                                 open_quantity=waiting[key], suggested_location_code=suggested))
    return PutawayList(tasks=found)


def put_away(uow: UnitOfWork, cmd: PutAway) -> PutAwayDone:
    assert cmd.operator_id is not None  # Scope.signed
    document = docs.find(uow, ASN, cmd.document_id, cmd.asn_number)  # putaways of one ASN queue here
    sku = lookup.sku(uow.conn, cmd.sku_code, lock=True)
    source = lookup.location(uow.conn, uow.warehouse_id, location_code=cmd.from_location_code, field="from_location")
    batch = cmd.batch_number or ""
    waiting = _open(uow, document.document_id, source.location_id).get(
        (document.document_id, sku.sku_id, batch, source.location_id), 0)
    if cmd.quantity > waiting:
        raise WmsError("PUTAWAY_EXCEEDS_RECEIVED", details={
            "asn_number": document.document_number, "sku_code": sku.sku_code, "batch_number": cmd.batch_number,
            "from_location_code": source.location_code, "quantity": cmd.quantity, "open_quantity": waiting})
    moved = inventory.transfer(uow, Transfer(
        sku_code=sku.sku_code, from_location_code=source.location_code, to_location_code=cmd.to_location_code,
        stock_quantity=cmd.quantity, batch_number=cmd.batch_number, operator_id=cmd.operator_id,
        is_urgent=cmd.is_urgent, notes=cmd.notes, document_ref=document.document_number, request_id=cmd.request_id))
    target = lookup.location(uow.conn, uow.warehouse_id, location_code=moved.to_location_code)
    uow.conn.execute(insert(asn_putaways).values(
        document_id=document.document_id, sku_id=sku.sku_id, batch_number=batch, from_location_id=source.location_id,
        to_location_id=target.location_id, quantity=cmd.quantity, operator_id=cmd.operator_id,
        request_id=moved.request_id))
    return PutAwayDone(asn_number=document.document_number, sku_code=sku.sku_code, batch_number=cmd.batch_number,
                       from_location_code=source.location_code, to_location_code=target.location_code,
                       quantity=cmd.quantity, open_quantity=waiting - cmd.quantity, request_id=moved.request_id,
                       changes=Changes.of_balances(moved.changes.balances, [document.change()]))


def _open(uow: UnitOfWork, document_id: int | None, location_id: int | None) -> dict[Key, int]:
    """Units waiting to be put away, per ASN, SKU, batch and receiving location."""
    received = (select(asn_receipts.c.document_id, asn_receipts.c.sku_id, asn_receipts.c.batch_number,
                       asn_receipts.c.location_id, func.sum(asn_receipts.c.quantity))
                .join(documents, documents.c.document_id == asn_receipts.c.document_id)
                .where(documents.c.warehouse_id == uow.warehouse_id, ~asn_receipts.c.is_damaged)
                .group_by(asn_receipts.c.document_id, asn_receipts.c.sku_id, asn_receipts.c.batch_number,
                          asn_receipts.c.location_id))
    moved = (select(asn_putaways.c.document_id, asn_putaways.c.sku_id, asn_putaways.c.batch_number,
                    asn_putaways.c.from_location_id, func.sum(asn_putaways.c.quantity))
             .join(documents, documents.c.document_id == asn_putaways.c.document_id)
             .where(documents.c.warehouse_id == uow.warehouse_id)
             .group_by(asn_putaways.c.document_id, asn_putaways.c.sku_id, asn_putaways.c.batch_number,
                       asn_putaways.c.from_location_id))
    if document_id is not None:
        received = received.where(asn_receipts.c.document_id == document_id)
        moved = moved.where(asn_putaways.c.document_id == document_id)
    if location_id is not None:
        received = received.where(asn_receipts.c.location_id == location_id)
        moved = moved.where(asn_putaways.c.from_location_id == location_id)
    waiting: dict[Key, int] = defaultdict(int)
    for *key, quantity in uow.conn.execute(received):
        waiting[tuple(key)] += int(quantity)  # PostgreSQL sums BIGINT as NUMERIC
    for *key, quantity in uow.conn.execute(moved):
        waiting[tuple(key)] -= int(quantity)
    return {key: left for key, left in waiting.items() if left > 0}


def _storage() -> Any:
    return (locations.c.location_type == "storage", locations.c.is_active)


def _consolidate(uow: UnitOfWork, sku_id: int, batch: str) -> str | None:
    """The first storage location (walking order) already holding this SKU and batch."""
    codes = uow.conn.scalars(select(locations.c.location_code).join(bal, bal.c.location_id == locations.c.location_id)
                             .where(locations.c.warehouse_id == uow.warehouse_id, *_storage(), bal.c.sku_id == sku_id,
                                    bal.c.batch_number == batch, bal.c.stock_quantity > 0)).all()
    return min(codes, key=walking_order_key, default=None)


def _empty_locations(uow: UnitOfWork) -> list[str]:
    """Active storage locations holding nothing, in walking order."""
    holding = exists().where(bal.c.location_id == locations.c.location_id, bal.c.stock_quantity > 0)
    codes = uow.conn.scalars(select(locations.c.location_code)
                             .where(locations.c.warehouse_id == uow.warehouse_id, *_storage(), ~holding)).all()
    return sorted(codes, key=walking_order_key)
