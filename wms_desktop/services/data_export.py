"""CSV export of stock, movements, products and locations (docs/data.md), streamed: each file
is written a block at a time inside one read transaction (one consistent snapshot on
PostgreSQL), never held whole in memory.

Stock takes the Stock screen's filters (``BalanceIds``: the ids come in the screen's order,
then rows by id in blocks, as the screen loads them); movements take the Movements screen's
(``Movements``, walked page by page by keyset, newest first). The columns are the import's
(``contract.data``), so an export of products, locations and stock imports again as it was.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

import msgspec
from sqlalchemy import select

from ..contract.data import (
    EXTERNAL_CODE_SEPARATOR,
    LOCATION_COLUMNS,
    MOVEMENT_COLUMNS,
    PRODUCT_COLUMNS,
    STOCK_COLUMNS,
    Cancelled,
    ExportProgress,
    ExportReport,
)
from ..contract.decode import Payload, decode
from ..contract.locations import ListLocations
from ..contract.stock import BalanceIds, Movements
from ..db.schema import external_codes, products, skus
from ..domain.codes import UNASSIGNED_LOCATION
from ..domain.errors import WmsError, invalid
from .access import READ, requires
from .browse import balance_ids, balance_rows
from .csv_files import CsvWriter
from .history import movement_page
from .unit import Area, UnitOfWork
from .warehouse import list_locations

BLOCK = 1000



class Exports(Area):
    @requires(READ)
    def stock(self, command: BalanceIds | Payload | None, sink: IO[str], progress: ExportProgress | None = None,
              cancelled: Cancelled | None = None) -> ExportReport:
        """This warehouse's balances matching the Stock screen's filters, in its order."""
        p = decode(BalanceIds, command or {})
        return self._export("stock", STOCK_COLUMNS, sink, progress, cancelled, lambda uow: _stock(uow, p))

    @requires(READ)
    def movements(self, command: Movements | Payload | None, sink: IO[str], progress: ExportProgress | None = None,
                  cancelled: Cancelled | None = None) -> ExportReport:
        """This warehouse's ledger rows matching the Movements screen's filters, newest first."""
        p = decode(Movements, command or {})
        if p.before is not None or p.after_movement_id is not None:
            raise invalid("before", "an export starts at the newest row")
        return self._export("movements", MOVEMENT_COLUMNS, sink, progress, cancelled, lambda uow: _movements(uow, p))

    @requires(READ)
    def products(self, sink: IO[str], progress: ExportProgress | None = None,
                 cancelled: Cancelled | None = None) -> ExportReport:
        """Every live product, one row per SKU, with its external codes."""
        return self._export("products", PRODUCT_COLUMNS, sink, progress, cancelled, _products)

    @requires(READ)
    def locations(self, sink: IO[str], progress: ExportProgress | None = None,
                  cancelled: Cancelled | None = None) -> ExportReport:
        """This warehouse's locations but 无货位 (every warehouse has its own)."""
        return self._export("locations", LOCATION_COLUMNS, sink, progress, cancelled, _locations)

    def _export(self, kind: str, columns: tuple[str, ...], sink: IO[str], progress: ExportProgress | None,
                cancelled: Cancelled | None,
                rows: Callable[[UnitOfWork], Iterator[tuple[list[dict[str, Any]], int]]]) -> ExportReport:
        def work(uow: UnitOfWork) -> ExportReport:
            writer = CsvWriter(sink, columns)
            for block, total in rows(uow):
                if cancelled is not None and cancelled():
                    raise WmsError("OPERATION_CANCELLED", details={"rows": writer.rows})
                for values in block:
                    writer.write(values)
                if progress is not None:
                    progress(writer.rows, total)
            return ExportReport(kind=kind, rows=writer.rows, columns=list(columns))

        return self._scope.read(work)


def _stock(uow: UnitOfWork, p: BalanceIds) -> Iterator[tuple[list[dict[str, Any]], int]]:
    ids = balance_ids(uow, p)
    for start in range(0, len(ids), BLOCK):
        yield [msgspec.structs.asdict(row) for row in balance_rows(uow, ids[start:start + BLOCK])], len(ids)


def _movements(uow: UnitOfWork, p: Movements) -> Iterator[tuple[list[dict[str, Any]], int]]:
    p = msgspec.structs.replace(p, limit=BLOCK)
    while True:
        page = movement_page(uow, p)
        yield [msgspec.structs.asdict(item) for item in page.items], 0
        if page.next_cursor is None:
            return
        p = msgspec.structs.replace(p, before=page.next_cursor)


def _products(uow: UnitOfWork) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """Products by code, a block at a time (keyset on the code), each with its live SKUs by
    code and their external codes."""
    conn, last = uow.conn, ""
    while True:
        block = conn.execute(
            select(products.c.product_id, products.c.product_code, products.c.product_name, products.c.unit,
                   products.c.category_id, products.c.low_stock_threshold, products.c.high_stock_threshold)
            .where(~products.c.is_deleted, products.c.product_code > last)
            .order_by(products.c.product_code).limit(BLOCK)).all()
        if not block:
            return
        last = block[-1].product_code
        by_product: dict[int, list[Any]] = {}
        for sku in conn.execute(select(skus.c.sku_id, skus.c.product_id, skus.c.sku_code, skus.c.sku_color,
                                       skus.c.sku_size, skus.c.weight_grams, skus.c.scan_code)
                                .where(~skus.c.is_deleted, skus.c.product_id.in_([r.product_id for r in block]))
                                .order_by(skus.c.sku_code)):
            by_product.setdefault(sku.product_id, []).append(sku)
        barcodes: dict[int, list[str]] = {}
        sku_ids = [s.sku_id for found in by_product.values() for s in found]
        for sku_id, code in conn.execute(select(external_codes.c.sku_id, external_codes.c.external_code)
                                         .where(external_codes.c.sku_id.in_(sku_ids))
                                         .order_by(external_codes.c.external_code)):
            barcodes.setdefault(sku_id, []).append(code)
        out = []
        for product in block:
            values = dict(product._mapping)
            del values["product_id"]
            for sku in by_product.get(product.product_id, []):
                out.append({**values, "sku_code": sku.sku_code, "sku_color": sku.sku_color, "sku_size": sku.sku_size,
                            "weight_grams": sku.weight_grams, "scan_code": sku.scan_code,
                            "external_codes": EXTERNAL_CODE_SEPARATOR.join(barcodes.get(sku.sku_id, [])) or None})
        yield out, 0


def _locations(uow: UnitOfWork) -> Iterator[tuple[list[dict[str, Any]], int]]:
    listed = [place for place in list_locations(uow, ListLocations()) if place.location_code != UNASSIGNED_LOCATION]
    for start in range(0, len(listed), BLOCK):
        yield [msgspec.structs.asdict(place) for place in listed[start:start + BLOCK]], len(listed)
