"""A bulk data set for scale runs and benchmarks (a developer tool, not part of the product).

``load_scale`` writes the tables directly (COPY on PostgreSQL) for speed, but keeps the
invariant the services keep: every balance has one inbound ledger row, so the ledger sums to
every balance. Like the demo it only goes into an empty catalogue.

    python -m tools.scale_loader --database-url postgresql+psycopg://…/wms --skus 200000
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Table, insert, select

from wms_desktop.db import schema
from wms_desktop.db.engine import Database, now
from wms_desktop.db.migrate import upgrade
from wms_desktop.demo import APPAREL, COLOURS, OPERATOR, SIZES, catalogue_in_use, ean13, shelf_code
from wms_desktop.domain import fields as f
from wms_desktop.domain.codes import sku_code_for
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import ensure_warehouse
from wms_desktop.services.lookup import warehouse_id

Progress = Callable[[str, int, int], None]

# load_scale: 2 colours × 4 sizes per product, 5 balances per SKU, a location per 4 SKUs
SCALE_SEED = 20240602
SCALE_STYLES = (("基础", "Basic"), ("修身", "Slim-fit"), ("宽松", "Relaxed"), ("复古", "Vintage"),
                ("轻量", "Lightweight"), ("加厚", "Heavyweight"), ("有机棉", "Organic Cotton"), ("速干", "Quick-dry"))
SCALE_FIRST_PRODUCT_CODE = 300000
SKUS_PER_PRODUCT = 2 * len(SIZES)
BALANCES_PER_SKU = 5
SKUS_PER_LOCATION = 4
CHUNK = 50_000  # rows per executemany / per progress report
LOADED_TABLES = (schema.products, schema.skus, schema.external_codes, schema.locations,
                 schema.stock_balances, schema.stock_movements)



# ---- the bulk load ---------------------------------------------------------------------------


def load_scale(db: Database, skus: int = 200_000, warehouse_code: str = "WH01",
               progress: Progress | None = None) -> None:
    """Bulk-load ``skus`` SKUs (8 per product), one storage location per 4 SKUs, 5 balances per
    SKU with one inbound ledger row each, and an EAN-13 on 3 SKUs in 4 — in one transaction.
    Refused when the catalogue already has products. ``progress(step, done, total)`` is
    called after every chunk of rows."""
    sku_count = f.integer(1, 10_000_000)("skus", skus)
    report = progress or (lambda step, done, total: None)
    db.run(_refuse_if_catalogue_in_use, write=False)  # before creating a warehouse in a real database
    ensure_warehouse(db, warehouse_code, f"演示仓库 Demo {warehouse_code}")
    db.run(lambda conn: _load(conn, warehouse_code, sku_count, report))
    db.run(lambda conn: _analyze(conn, report))


def _refuse_if_catalogue_in_use(conn: Connection) -> None:
    if catalogue_in_use(conn):
        raise WmsError("OPERATION_NOT_ALLOWED",
                       "The catalogue already has products; a bulk load only goes into an empty one",
                       {"reason": "catalogue_not_empty"})


def _load(conn: Connection, warehouse_code: str, sku_count: int, report: Progress) -> None:
    _refuse_if_catalogue_in_use(conn)
    out = _BulkWriter(conn, report)
    sku_ids = _load_catalogue(conn, out, sku_count)
    location_ids = _load_locations(conn, out, warehouse_id(conn, warehouse_code), sku_count)
    _load_stock(conn, out, sku_ids, location_ids)


def _load_catalogue(conn: Connection, out: _BulkWriter, sku_count: int) -> list[int]:
    """Products, SKUs and barcodes; the SKU ids in load order."""
    product_rows, sku_rows = _scale_catalogue(random.Random(SCALE_SEED), sku_count)
    out.write(schema.products, ("product_code", "product_name", "category_id", "has_sku"), product_rows)
    product_ids = _ids_by_code(conn, schema.products.c.product_code, schema.products.c.product_id)
    out.write(schema.skus, ("product_id", "sku_code", "sku_color", "sku_size"),
              [(product_ids[product_code], *rest) for product_code, *rest in sku_rows])
    by_code = _ids_by_code(conn, schema.skus.c.sku_code, schema.skus.c.sku_id)
    sku_ids = [by_code[sku_code] for _, sku_code, _, _ in sku_rows]
    out.write(schema.external_codes, ("sku_id", "external_code"),
              [(sku_id, ean13(f"69{n:010d}")) for n, sku_id in enumerate(sku_ids) if n % 4 != 3])
    return sku_ids


def _load_locations(conn: Connection, out: _BulkWriter, warehouse: int, sku_count: int) -> list[int]:
    codes = [_scale_location_code(n) for n in range(max(sku_count // SKUS_PER_LOCATION, BALANCES_PER_SKU))]
    out.write(schema.locations, ("warehouse_id", "location_code", "location_type"),
              [(warehouse, code, "storage") for code in codes])
    by_code = _ids_by_code(conn, schema.locations.c.location_code, schema.locations.c.location_id,
                           schema.locations.c.warehouse_id == warehouse)
    return [by_code[code] for code in codes]


def _load_stock(conn: Connection, out: _BulkWriter, sku_ids: list[int], location_ids: list[int]) -> None:
    """The balances, then one inbound ledger row per balance from a second, identical pass."""
    total = len(sku_ids) * BALANCES_PER_SKU
    out.write(schema.stock_balances, ("sku_id", "location_id", "batch_number", "stock_quantity"),
              _scale_balances(sku_ids, location_ids), total)
    stamp = conn.scalar(select(now(conn)))
    out.write(schema.stock_movements, ("sku_id", "location_id", "batch_number", "operation", "quantity_change",
                                       "quantity_after", "operator_id", "request_id", "operated_at"),
              ((*key, "inbound", quantity, quantity, OPERATOR, f"scale-{n:08d}", stamp)
               for n, (*key, quantity) in enumerate(_scale_balances(sku_ids, location_ids))), total)


def _scale_catalogue(rng: random.Random, sku_count: int) -> tuple[list[tuple], list[tuple]]:
    """Product rows (code, name, category, has_sku) and SKU rows (product_code, sku_code,
    colour, size): garments × styles for names, two colours each in all four sizes."""
    product_rows, sku_rows = [], []
    for n in range(-(-sku_count // SKUS_PER_PRODUCT)):
        code = str(SCALE_FIRST_PRODUCT_CODE + n)
        category, name_cn, name_en = APPAREL[n % len(APPAREL)]
        style_cn, style_en = SCALE_STYLES[n // len(APPAREL) % len(SCALE_STYLES)]
        product_rows.append((code, f"{style_cn}{name_cn} {style_en} {name_en}", category, True))
        picked = set(rng.sample(COLOURS, 2))
        for colour, size in itertools.product([c for c in COLOURS if c in picked], SIZES):
            sku_rows.append((code, sku_code_for(code, colour, size), colour, size))
    return product_rows, sku_rows[:sku_count]


def _scale_location_code(n: int) -> str:
    """The n-th shelf, filling 5 positions × 6 levels × 20 racks per row, rows alternating 西/东."""
    row, rest = divmod(n, 600)
    rack, rest = divmod(rest, 30)
    level, position = divmod(rest, 5)
    return shelf_code("西东"[row % 2], row // 2 + 1, rack + 1, level + 1, position + 1)


def _scale_balances(sku_ids: Sequence[int], location_ids: Sequence[int]) -> Iterator[tuple[int, int, str, int]]:
    """(sku_id, location_id, batch_number, stock_quantity): the same rows on every call, so the
    ledger can be written from a second pass. A SKU's 5 locations are a fifth of the
    warehouse apart, hence distinct; every location ends up with about 20 balances."""
    rng = random.Random(SCALE_SEED)
    stride = len(location_ids) // BALANCES_PER_SKU
    for n, sku_id in enumerate(sku_ids):
        for k in range(BALANCES_PER_SKU):
            batch = "B240601" if k == BALANCES_PER_SKU - 1 and n % 10 == 0 else ""
            yield sku_id, location_ids[(n + k * stride) % len(location_ids)], batch, rng.randint(1, 200)


def _ids_by_code(conn: Connection, code_column, id_column, *where) -> dict[str, int]:
    return dict(conn.execute(select(code_column, id_column).where(*where)).all())


def _analyze(conn: Connection, report: Progress) -> None:
    """Product totals (the bulk load bypassed the posting functions that keep them) and fresh
    planner statistics, so the first queries after the load use the indexes."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT wms_rebuild_product_totals()")
        conn.exec_driver_sql("ANALYZE product_stock_totals")
    for n, table in enumerate(LOADED_TABLES, 1):
        conn.exec_driver_sql(f"ANALYZE {table.name}")
        report("analyze", n, len(LOADED_TABLES))


class _BulkWriter:
    """Appends rows to tables inside the caller's transaction: COPY on PostgreSQL, executemany
    in chunks elsewhere. Reports progress per chunk under the table's name."""

    def __init__(self, conn: Connection, report: Progress) -> None:
        self.conn = conn
        self.report = report

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple], total: int | None = None) -> None:
        total = len(rows) if total is None else total
        done = 0
        with self._appender(table, columns) as append:
            for chunk in _chunks(rows, CHUNK):
                append(chunk)
                done += len(chunk)
                self.report(table.name, done, total)

    @contextmanager
    def _appender(self, table: Table, columns: Sequence[str]) -> Iterator[Callable[[list[tuple]], None]]:
        if self.conn.dialect.name != "postgresql":
            statement = insert(table)
            yield lambda chunk: self.conn.execute(statement, [dict(zip(columns, row)) for row in chunk])
            return
        # the psycopg connection under this SQLAlchemy one: same session, same transaction
        raw = self.conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            def append(chunk: list[tuple]) -> None:
                for row in chunk:
                    copy.write_row(row)

            yield append


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.scale_loader", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--warehouse", default="WH01")
    parser.add_argument("--skus", type=int, default=200_000, help="SKUs to load (8 per product)")
    args = parser.parse_args(argv)
    db = Database(args.database_url, DatabaseLimits().for_admin())  # a bulk load runs long on purpose
    try:
        upgrade(db)
        load_scale(db, skus=args.skus, warehouse_code=args.warehouse, progress=_progress)
    except WmsError as error:
        print(f"error {error.error_code}: {error.message}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def _progress(step: str, done: int, total: int) -> None:
    print(f"\r{step}: {done:,}/{total:,}", end="" if done < total else "\n", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
