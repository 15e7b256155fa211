"""Stock queries of the spec: filtered balances, stock by location, stock by product.

All figures are for one warehouse (the workstation's). ``product_views`` builds the spec's
product → colours → sizes → locations nesting, with ``total_quantity`` at each level; the
catalogue's product lookups return the same shape.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec
from sqlalchemy import Connection, exists, func, select

from ..contract.base import Pagination
from ..contract.decode import Payload, decode
from ..contract.stock import (
    AsOfPage,
    BalanceItem,
    ByLocation,
    ByProduct,
    DriftReport,
    LocationStock,
    LocationStockPage,
    ProductRecord,
    ProductView,
    ProductViewPage,
    StockAsOf,
    StockPage,
    StockQuery,
)
from ..db.schema import locations, lots, products, skus
from ..db.schema import stock_balances as bal
from ..domain.codes import iso_z
from . import lookup, stock_replay
from .access import READ, requires
from .lots import expired, lot_join
from .unit import Area, UnitOfWork

PRODUCT_COLUMNS = (
    products.c.product_id, products.c.product_code, products.c.product_name, products.c.unit,
    products.c.category_id, products.c.image_path, products.c.has_sku, products.c.low_stock_threshold,
    products.c.high_stock_threshold, products.c.created_at, products.c.updated_at,
)


def product_record(row) -> dict[str, Any]:
    out = {str(name): value for name, value in row._mapping.items()}  # plain str: msgspec refuses str subclasses
    out["created_at"], out["updated_at"] = iso_z(out["created_at"]), iso_z(out["updated_at"])
    return out


def product_views(conn: Connection, warehouse_id: int, product_rows: Iterable) -> list[dict[str, Any]]:
    """Products with their SKUs and this warehouse's stock nested colour → size → location."""
    product_rows = list(product_rows)
    if not product_rows:
        return []
    sku_rows = conn.execute(
        select(skus.c.sku_id, skus.c.product_id, skus.c.sku_code, skus.c.sku_color, skus.c.sku_size, skus.c.image_path)
        .where(skus.c.product_id.in_([row.product_id for row in product_rows]), ~skus.c.is_deleted)
        .order_by(skus.c.product_id, skus.c.sku_id)
    ).all()
    stock: dict[int, list[dict]] = defaultdict(list)
    if sku_rows:
        for sku_id, location_code, quantity in conn.execute(
            select(bal.c.sku_id, locations.c.location_code, func.sum(bal.c.stock_quantity))
            .join(locations, locations.c.location_id == bal.c.location_id)
            .where(bal.c.sku_id.in_([r.sku_id for r in sku_rows]), locations.c.warehouse_id == warehouse_id,
                   bal.c.stock_quantity > 0)
            .group_by(bal.c.sku_id, locations.c.location_code)
            .order_by(locations.c.location_code)
        ):
            stock[sku_id].append({"location_code": location_code, "stock_quantity": int(quantity)})
    return nest_views([product_record(row) for row in product_rows], sku_rows, stock)


def nest_views(records: list[dict[str, Any]], sku_rows: Iterable, stock: dict[int, list[dict]]) -> list[dict[str, Any]]:
    """Product views from product records, their SKUs (``sku_id, product_id, sku_code,
    sku_color, sku_size, image_path``, in order) and each SKU's stock per location (in order)."""
    views = {record["product_id"]: {**record, "total_quantity": 0, "sku_count": 0, "location_count": 0,
                                    "color_count": 0, "colors": [], "skus": []} for record in records}
    colors: dict[int, dict[Any, dict]] = defaultdict(dict)
    for s in sku_rows:
        view = views[s.product_id]
        view["skus"].append({"sku_code": s.sku_code, "sku_color": s.sku_color, "sku_size": s.sku_size,
                             "image_path": s.image_path})
        color = colors[s.product_id].setdefault(s.sku_color, {
            "color": s.sku_color, "image_path": s.image_path, "sizes": [], "total_quantity": 0,
            "sku_count": 0, "location_count": 0, "_locations": set()})
        places = stock[s.sku_id]
        total = sum(p["stock_quantity"] for p in places)
        color["sizes"].append({"sku_size": s.sku_size, "sku_code": s.sku_code, "total_quantity": total,
                               "locations": places})
        color["total_quantity"] += total
        color["sku_count"] += 1
        color["_locations"].update(p["location_code"] for p in places)
    for product_id, by_color in colors.items():
        view = views[product_id]
        all_places: set[str] = set()
        for color in by_color.values():
            places = color.pop("_locations")
            color["location_count"] = len(places)
            all_places |= places
            view["colors"].append(color)
            view["total_quantity"] += color["total_quantity"]
        view.update(sku_count=len(view["skus"]), location_count=len(all_places), color_count=len(by_color))
    return list(views.values())


class StockQueries(Area):
    @requires(READ)
    def query(self, command: StockQuery | Payload | None = None) -> StockPage:
        """Balances matching every given filter, by location then SKU then batch. Empty balances
        are left out unless ``include_empty``."""
        cmd = decode(StockQuery, command or {})
        return self._scope.read(lambda uow: query(uow, cmd))

    @requires(READ)
    def by_location(self, command: ByLocation | Payload | None = None) -> LocationStockPage:
        """Non-empty locations, each with its items (one per SKU and batch). With
        ``location_code``: that location only (listed even when empty)."""
        cmd = decode(ByLocation, command or {})
        return self._scope.read(lambda uow: by_location(uow, cmd))

    @requires(READ)
    def by_product(self, command: ByProduct | Payload | None = None) -> ProductViewPage:
        """Products by code, each with colours → sizes → locations and totals at every level."""
        cmd = decode(ByProduct, command or {})
        return self._scope.read(lambda uow: by_product(uow, cmd))

    @requires(READ)
    def as_of(self, command: StockAsOf | Payload) -> AsOfPage:
        """The balances at a past moment, from the ledger (``services/stock_replay.py``)."""
        cmd = decode(StockAsOf, command)
        return self._scope.read(lambda uow: stock_replay.as_of(uow, cmd))

    @requires(READ)
    def verify(self) -> DriftReport:
        """Every balance of the warehouse against its ledger rows: the drifts (none: all agree)."""
        return self._scope.read(stock_replay.drift)


def query(uow: UnitOfWork, p: StockQuery) -> StockPage:
    conn = uow.conn
    found = (
        select(locations.c.location_code, products.c.product_id, products.c.product_code,
               products.c.product_name, skus.c.sku_code, skus.c.sku_color, skus.c.sku_size,
               bal.c.batch_number, bal.c.stock_quantity, bal.c.locked_quantity, lots.c.expiry_date, bal.c.updated_at)
        .select_from(bal)
        .join(locations, locations.c.location_id == bal.c.location_id)
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .join(products, products.c.product_id == skus.c.product_id)
        .outerjoin(lots, lot_join())
        .where(locations.c.warehouse_id == uow.warehouse_id)
    )
    for value, column in ((p.location_code, locations.c.location_code), (p.product_code, products.c.product_code),
                          (p.sku_code, skus.c.sku_code), (p.batch_number, bal.c.batch_number)):
        if value is not None:
            found = found.where(column == value)
    if not p.include_empty:
        found = found.where(bal.c.stock_quantity > 0)
    total = conn.scalar(select(func.count()).select_from(found.subquery())) or 0
    rows = conn.execute(found.order_by(locations.c.location_code, skus.c.sku_code, bal.c.batch_number)
                        .limit(p.page_size).offset((p.page - 1) * p.page_size))
    today = date.today()
    return StockPage(items=[BalanceItem(**balance_out(r, today)) for r in rows], pagination=_pagination(p, total))


def by_location(uow: UnitOfWork, p: ByLocation) -> LocationStockPage:
    conn, warehouse = uow.conn, uow.warehouse_id
    if p.location_code is not None:
        place = lookup.location(conn, warehouse, location_code=p.location_code)
        page_ids, total = [place.location_id], 1
    else:
        holding = select(locations.c.location_id).where(
            locations.c.warehouse_id == warehouse,
            exists().where(bal.c.location_id == locations.c.location_id, bal.c.stock_quantity > 0))
        total = conn.scalar(select(func.count()).select_from(holding.subquery())) or 0
        page_ids = list(conn.scalars(holding.order_by(locations.c.location_code)
                                     .limit(p.page_size).offset((p.page - 1) * p.page_size)))
    rows = conn.execute(
        select(locations.c.location_id, locations.c.location_code, products.c.product_id,
               products.c.product_code, products.c.product_name, skus.c.sku_code, skus.c.image_path.label("sku_image"),
               products.c.image_path, bal.c.batch_number, bal.c.stock_quantity, bal.c.locked_quantity)
        .select_from(locations)
        .join(bal, (bal.c.location_id == locations.c.location_id) & (bal.c.stock_quantity > 0), isouter=True)
        .join(skus, skus.c.sku_id == bal.c.sku_id, isouter=True)
        .join(products, products.c.product_id == skus.c.product_id, isouter=True)
        .where(locations.c.location_id.in_(page_ids))
        .order_by(locations.c.location_code, skus.c.sku_code, bal.c.batch_number)
    )
    grouped: dict[int, dict] = {}
    for r in rows:
        entry = grouped.setdefault(r.location_id, {"location_code": r.location_code, "items": []})
        if r.sku_code is not None:
            entry["items"].append({
                "product_id": r.product_id, "product_code": r.product_code, "product_name": r.product_name,
                "sku_code": r.sku_code, "batch_number": r.batch_number or None,
                "stock_quantity": r.stock_quantity, "available_quantity": r.stock_quantity - r.locked_quantity,
                "image_path": r.sku_image or r.image_path,
            })
    return LocationStockPage(data=[msgspec.convert(place, LocationStock) for place in grouped.values()],
                             pagination=_pagination(p, total))


def by_product(uow: UnitOfWork, p: ByProduct) -> ProductViewPage:
    conn = uow.conn
    found = select(*PRODUCT_COLUMNS).where(~products.c.is_deleted)
    if p.product_code is not None:
        found = found.where(products.c.product_code == lookup.product(conn, product_code=p.product_code).product_code)
    total = conn.scalar(select(func.count()).select_from(found.subquery())) or 0
    rows = conn.execute(found.order_by(products.c.product_code)
                        .limit(p.page_size).offset((p.page - 1) * p.page_size))
    views = [msgspec.convert(view, ProductView) for view in product_views(conn, uow.warehouse_id, rows)]
    return ProductViewPage(data=views, pagination=_pagination(p, total))


def product_records(rows: Iterable) -> list[ProductRecord]:
    return [ProductRecord(**product_record(r)) for r in rows]


def balance_out(row, today: date) -> dict[str, Any]:
    """A balance row (with its lot's ``expiry_date``) as the fields of a result."""
    out = dict(row._mapping)
    out["batch_number"] = out["batch_number"] or None
    out["available_quantity"] = out["stock_quantity"] - out["locked_quantity"]
    out["is_expired"] = expired(out["expiry_date"], today)
    out["updated_at"] = iso_z(out["updated_at"])
    return out


def _pagination(p: StockQuery | ByLocation | ByProduct, total: int) -> Pagination:
    return Pagination(page=p.page, page_size=p.page_size, total=total)
