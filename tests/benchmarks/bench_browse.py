"""Browse and history benchmark on PostgreSQL: what the product, stock and history screens wait
for at 200k SKUs, 1M balances and 1M ledger rows.

    .venv/bin/python tests/benchmarks/bench_browse.py [--skus 200000] [--repeat 5] [--reload]

Reuses the database {PREFIX}_bench on 127.0.0.1:5432 (user postgres, trust authentication) that
bench_core.py loads; creates and loads it the same way (tools.scale_loader.load_scale) when it is
missing or empty, or always with --reload. Migrates it to head first. Prints the median and
worst of ``--repeat`` runs of each call (after one warm-up run); asserts nothing.
Target (the GUI's): the first rows of a screen ≤ 300 ms after opening or searching — the
first block of ids plus one block of rows; a history page a few ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.…` when run as a script

from tests.benchmarks.bench_core import (
    HOST,
    PORT,
    USER,
    WAREHOUSE,
    WMS_DB,
    admin_connection,
    load_average,
    recreate_database,
    server_version,
    table_sizes,
    vacuum,
)
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.schema import external_codes, locations, products, skus, stock_movements
from wms_desktop.limits import DatabaseLimits

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tools/ beside the package
from tools.scale_loader import load_scale
from wms_desktop.services import Services

FIRST_BLOCK = 2000  # ids the GUI asks for first
ROW_BLOCK = 200  # rows the GUI fetches per block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000, help="SKUs to bulk-load when loading (default 200000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per call (default 5)")
    parser.add_argument("--reload", action="store_true", help="drop and reload {PREFIX}_bench even if it has data")
    args = parser.parse_args()

    url = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{WMS_DB}"
    if args.reload or not has_catalogue():
        recreate_database(WMS_DB)
        db = Database(url, DatabaseLimits().for_admin())  # bulk load and VACUUM run long
        upgrade(db)
        started = time.perf_counter()
        load_scale(db, skus=args.skus, warehouse_code=WAREHOUSE)
        print(f"load_scale({args.skus:,} SKUs): {time.perf_counter() - started:.1f} s")
        print(f"vacuum: {vacuum(db):.1f} s")
    else:
        db = Database(url)
        upgrade(db)
    print(f"wms-desktop browse benchmark: PostgreSQL {server_version()}, {os.cpu_count()} CPUs, "
          f"load average {load_average()}")
    print(f"{table_sizes(db)}, {count(db, stock_movements):,} ledger rows\n")
    services = Services(db, WAREHOUSE)
    browse, history = services.browse, services.history
    samples = sample_codes(db)

    print(f"{'call':<72}{'rows':>9}{'median ms':>11}{'max ms':>9}")
    def report(label, call):
        return timed(label, call, args.repeat)

    print("-- products (first block of ids, then one block of rows)")
    for sort_by in ("product_code", "product_name", "updated_at", "total_quantity"):
        report(f"product_ids(sort_by={sort_by}, limit={FIRST_BLOCK})",
               lambda s=sort_by: browse.product_ids({"sort_by": s, "limit": FIRST_BLOCK}))
    report("product_ids(sort_by=product_code, descending) whole list",
           lambda: browse.product_ids({"descending": True}))
    for label, search in (("a product code", samples["product_code"]), ("a SKU code", samples["sku_code"]),
                          ("an external code", samples["external_code"]), ("a name part", "连帽卫衣"),
                          ("a 2-char code prefix", samples["product_code"][:2]),
                          ("a 1-char code prefix", samples["product_code"][:1])):
        report(f"product_ids(search={label} {search!r}) whole list", lambda s=search: browse.product_ids({"search": s}))
    ids = browse.product_ids({"limit": FIRST_BLOCK})
    report(f"product_rows({ROW_BLOCK} ids)", lambda: browse.product_rows(ids[1000:1000 + ROW_BLOCK]))
    first_screen(lambda: browse.product_ids({"limit": FIRST_BLOCK}), browse.product_rows, "products screen")

    print("-- stock balances")
    for sort_by in ("location_code", "sku_code", "stock_quantity", "updated_at"):
        for descending in (False, True):
            report(f"balance_ids(sort_by={sort_by}, descending={descending}, limit={FIRST_BLOCK})",
                   lambda s=sort_by, d=descending: browse.balance_ids({"sort_by": s, "descending": d,
                                                                       "limit": FIRST_BLOCK}))
    report("balance_ids(sort_by=location_code) whole list (background)", lambda: browse.balance_ids({}))
    report("balance_ids(sort_by=stock_quantity) whole list (background)",
           lambda: browse.balance_ids({"sort_by": "stock_quantity"}))
    report("balance_ids(include_empty, sort_by=sku_code, limit) ",
           lambda: browse.balance_ids({"include_empty": True, "sort_by": "sku_code", "limit": FIRST_BLOCK}))
    for label, search in (("a product code", samples["product_code"]), ("a SKU code", samples["sku_code"]),
                          ("an external code", samples["external_code"]),
                          ("a location prefix", samples["location_prefix"]), ("a name part", "连帽卫衣"),
                          ("a 2-char code prefix", samples["product_code"][:2]),
                          ("a 1-char code prefix", samples["product_code"][:1])):
        report(f"balance_ids(search={label} {search!r}, limit)",
               lambda s=search: browse.balance_ids({"search": s, "limit": FIRST_BLOCK}))
    report(f"balance_ids(location_code={samples['location_code']!r})",
           lambda: browse.balance_ids({"location_code": samples["location_code"]}))
    report(f"balance_ids(product_code={samples['product_code']!r})",
           lambda: browse.balance_ids({"product_code": samples["product_code"]}))
    ids = browse.balance_ids({"limit": FIRST_BLOCK})
    report(f"balance_rows({ROW_BLOCK} ids)", lambda: browse.balance_rows(ids[1000:1000 + ROW_BLOCK]))
    first_screen(lambda: browse.balance_ids({"limit": FIRST_BLOCK}), browse.balance_rows, "stock screen")

    print("-- history (one page of 200, then the next by cursor)")
    for label, filters in (("no filter", {}), ("sku_code", {"sku_code": samples["sku_code"]}),
                           ("product_code", {"product_code": samples["product_code"]}),
                           ("location_code", {"location_code": samples["location_code"]}),
                           ("operator_id", {"operator_id": samples["operator_id"]}),
                           ("operation=inbound", {"operation": "inbound"}),
                           ("operated_to (a range)", {"operated_to": "2099-01-01T00:00:00Z"})):
        report(f"movements({label}) first page", lambda x=filters: history.movements(x))
        page = history.movements(filters)
        if page.next_cursor:
            report(f"movements({label}) second page",
                   lambda x=filters, c=page.next_cursor: history.movements({**x, "before": c}))
    db.dispose()


def has_catalogue() -> bool:
    with admin_connection() as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (WMS_DB,)).fetchone():
            return False
    with psycopg.connect(host=HOST, port=PORT, user=USER, dbname=WMS_DB) as conn:
        if not conn.execute("SELECT to_regclass('products')").fetchone()[0]:
            return False
        return conn.execute("SELECT EXISTS (SELECT 1 FROM products)").fetchone()[0]


def count(db: Database, table) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def sample_codes(db: Database) -> dict[str, str]:
    """Codes from the middle of the data set, and the busiest operator."""
    with db.engine.connect() as conn:
        def middle(table, column):
            return conn.scalar(
                    select(column).order_by(column).offset(conn.scalar(select(func.count()).select_from(table)) // 2).limit(1))
        location_code = middle(locations, locations.c.location_code)
        return {
            "product_code": middle(products, products.c.product_code),
            "sku_code": middle(skus, skus.c.sku_code),
            "external_code": middle(external_codes, external_codes.c.external_code),
            "location_code": location_code,
            "location_prefix": location_code.split("架")[0],
            "operator_id": conn.scalar(select(stock_movements.c.operator_id).group_by(stock_movements.c.operator_id)
                                       .order_by(func.count().desc()).limit(1)),
        }


def timed(label: str, call: Callable, repeat: int) -> None:
    result = call()  # warm-up
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    rows = len(result) if isinstance(result, list) else len(result.items)  # ids, rows, or a page of movements
    print(f"{label:<72}{rows:>9,}{statistics.median(timings):>11.1f}{max(timings):>9.1f}", flush=True)


def first_screen(ids_call: Callable, rows_call: Callable, label: str) -> None:
    """Opening a screen: the first block of ids, then the rows of the first visible block."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        rows_call(ids_call()[:ROW_BLOCK])
        timings.append((time.perf_counter() - started) * 1000)
    print(f"{'= opening the ' + label + ' (ids + first rows)':<72}{'':>9}{statistics.median(timings):>11.1f}"
          f"{max(timings):>9.1f}", flush=True)


if __name__ == "__main__":
    main()
