"""Outbound pick work: where to take each line of an order from. Read-only — the packer then
confirms each pick as a normal ``inventory.outbound`` (its own ``request_id``); planning
reserves nothing, so a pick can still be refused at confirmation if stock moved meanwhile.

    services.picking.plan({"order_number": "SO-1001",
                           "lines": [{"sku_code": "129092-黄色-M", "stock_quantity": 3}]})

Each line takes available stock (``stock_quantity - locked_quantity``; damaged and shipping locations never)
location by location in walking order (``domain.walking_order``, the printed pick list's order),
then by batch. Several lines of one SKU share its stock. A line that cannot be filled keeps
its partial picks, a ``shortfall_quantity`` and a coded ``error`` (INSUFFICIENT_STOCK 15001);
an unknown or deleted SKU is SKU_NOT_FOUND on that line. No line is ever dropped.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from sqlalchemy import Connection, select

from ..contract.decode import Payload, decode
from ..contract.stock import OrderLine, PickPlan, PlanPicks
from ..db.schema import locations, products, skus
from ..db.schema import stock_balances as bal
from ..domain.errors import WmsError
from ..domain.walking_order import walking_order_key
from . import lookup
from .access import READ, requires
from .lots import NOT_TAKEN_FROM
from .unit import Area, UnitOfWork

STOCK_NOT_ENOUGH = 15001  # the table's general "Stock is not enough" (15002 names one location)

Progress = Callable[[int, int], None]  # (lines planned, lines in the order)


class Picking(Area):
    @requires(READ)
    def plan(self, command: PlanPicks | Payload, progress: Progress | None = None) -> PickPlan:
        """The picks for every line of an order, and what is short. ``progress`` is called
        after each line (from the caller's thread)."""
        cmd = decode(PlanPicks, command)
        return self._scope.read(lambda uow: plan(uow, cmd, progress))


def plan(uow: UnitOfWork, p: PlanPicks, progress: Progress | None = None) -> PickPlan:
    conn, warehouse = uow.conn, uow.warehouse_id
    left: dict[tuple, int] = {}  # balance key -> still available after earlier lines
    lines = []
    for index, entry in enumerate(p.lines):
        lines.append(_plan_line(conn, warehouse, index, entry, left))
        if progress is not None:
            progress(index + 1, len(p.lines))
    picks = sorted(
        ({"line_index": line["line_index"], **_item(line), **pick} for line in lines for pick in line["picks"]),
        key=lambda pick: (walking_order_key(pick["location_code"]), walking_order_key(pick["sku_code"]),
                          pick["batch_number"] or "", pick["line_index"]),
    )
    return msgspec.convert({
        "order_number": p.order_number,
        "warehouse_code": uow.warehouse.code,
        "lines": lines,
        "picks": picks,
        "requested_quantity": sum(line["requested_quantity"] for line in lines),
        "planned_quantity": sum(line["planned_quantity"] for line in lines),
        "shortfall_quantity": sum(line["shortfall_quantity"] for line in lines),
    }, PickPlan)


def _plan_line(conn: Connection, warehouse: int, index: int, entry: OrderLine, left: dict[tuple, int]) -> dict:
    wanted = entry.stock_quantity
    line: dict[str, Any] = {"line_index": index, "sku_code": entry.sku_code, "product_code": None,
                            "product_name": None, "sku_color": None, "sku_size": None,
                            "requested_quantity": wanted, "planned_quantity": 0, "shortfall_quantity": wanted,
                            "picks": [], "error": None}
    try:
        sku = lookup.sku(conn, entry.sku_code)
    except WmsError as error:
        error.details["line_index"] = index
        line["error"] = error.to_dict()
        return line
    line.update(_sku_view(conn, sku.sku_id))
    need = wanted
    for balance in _available(conn, warehouse, sku.sku_id):
        if need == 0:
            break
        key = (balance.location_id, sku.sku_id, balance.batch_number)
        available = left.setdefault(key, balance.stock_quantity - balance.locked_quantity)
        take = min(available, need)
        if take <= 0:
            continue
        left[key] = available - take
        need -= take
        line["picks"].append({"location_code": balance.location_code, "batch_number": balance.batch_number or None,
                              "stock_quantity": take, "available_quantity": available})
    line["planned_quantity"], line["shortfall_quantity"] = wanted - need, need
    if need:
        line["error"] = WmsError(
            "INSUFFICIENT_STOCK", f"Only {wanted - need} of {wanted} available for {sku.sku_code}",
            {"line_index": index, "sku_code": sku.sku_code, "requested_quantity": wanted,
             "available_quantity": wanted - need},
            code=STOCK_NOT_ENOUGH,
        ).to_dict()
    return line


def _sku_view(conn: Connection, sku_id: int) -> dict[str, Any]:
    row = conn.execute(
        select(products.c.product_code, products.c.product_name, skus.c.sku_color, skus.c.sku_size)
        .join(products, products.c.product_id == skus.c.product_id).where(skus.c.sku_id == sku_id)
    ).one()
    return {str(name): value for name, value in row._mapping.items()}


def _available(conn: Connection, warehouse: int, sku_id: int) -> list:
    """The SKU's balances with stock to spare, in walking order, then by batch."""
    rows = conn.execute(
        select(locations.c.location_id, locations.c.location_code, bal.c.batch_number, bal.c.stock_quantity,
               bal.c.locked_quantity)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .where(bal.c.sku_id == sku_id, locations.c.warehouse_id == warehouse,
               locations.c.location_type.not_in(NOT_TAKEN_FROM), bal.c.stock_quantity > bal.c.locked_quantity)
    ).all()
    return sorted(rows, key=lambda r: (walking_order_key(r.location_code), r.batch_number))


def _item(line: dict) -> dict[str, Any]:
    return {name: line[name] for name in ("sku_code", "product_code", "product_name", "sku_color", "sku_size")}
