"""CSV import and export at scale on PostgreSQL, each step in its own process for its peak memory.

Drops and recreates the database {PREFIX}_data on 127.0.0.1:5432 (user postgres, trust; PREFIX
is $WMS_BENCH_PREFIX, default wms), writes the CSV files into a temporary folder, then imports
and exports through the services, as ``wms-desktop import`` / ``export`` do:

1. 100,000 SKUs of 20,000 products (target ≤ 20 s);
2. 1,000 locations;
3. 1,000,000 opening-stock rows, 10 locations for each SKU (target ≤ 60 s), posted through the ledger;
4. the export of those 1,000,000 balances.

Every step's peak resident memory (target ≤ 300 MB) is its process's, the interpreter included.

    .venv/bin/python tests/benchmarks/bench_data.py [--skus 100000] [--per-sku 10]
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREFIX = os.environ.get("WMS_BENCH_PREFIX", "wms")
NAME = f"{PREFIX}_data"
ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{NAME}"
SIZES = ("S", "M", "L", "XL", "XXL")
LOCATIONS = 1000


def write_files(folder: Path, sku_count: int, per_sku: int) -> None:
    products = sku_count // len(SIZES)
    with open(folder / "products.csv", "w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["product_code", "product_name", "sku_code", "sku_color", "sku_size", "external_codes"])
        for p in range(products):
            for size in SIZES:
                code = f"P{p:06d}"
                rows.writerow([code, f"商品 {p}", f"{code}-黑色-{size}", "黑色", size, f"69{p:08d}{SIZES.index(size)}"])
    with open(folder / "locations.csv", "w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["location_code", "location_name"])
        rows.writerows([f"L{n:04d}", f"货架 {n}"] for n in range(LOCATIONS))
    with open(folder / "stock.csv", "w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["location_code", "sku_code", "stock_quantity"])
        for p in range(products):
            for s, size in enumerate(SIZES):
                sku = f"P{p:06d}-黑色-{size}"
                start = (p * len(SIZES) + s) * per_sku
                rows.writerows([f"L{(start + k) % LOCATIONS:04d}", sku, 1 + k] for k in range(per_sku))


def step(name: str, folder: Path) -> None:
    """One import or export, in this process; prints its time and the process's peak memory."""
    from wms_desktop.db.engine import Database
    from wms_desktop.limits import DatabaseLimits
    from wms_desktop.services import Services

    services = Services(Database(URL, DatabaseLimits().for_admin()), "WH01")
    start = time.perf_counter()
    if name == "export":
        with open(folder / "exported.csv", "w", newline="", encoding="utf-8") as sink:
            report = services.exports.stock(None, sink)
        what = f"{report.rows:,} balances exported"
    else:
        with open(folder / f"{name}.csv", "rb") as source:
            imported = getattr(services.imports, name)({"operator_id": "bench", "file_name": f"{name}.csv"}, source)
        what = f"{imported.rows:,} rows imported"
    spent = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:<10} {what:<32} {spent:7.1f} s   peak {peak:6.0f} MB   load {os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=100_000)
    parser.add_argument("--per-sku", type=int, default=10, help="opening-stock rows per SKU")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step(args.step, Path(args.dir))
        return
    import psycopg

    from wms_desktop.db.engine import Database
    from wms_desktop.db.migrate import upgrade
    from wms_desktop.limits import DatabaseLimits
    from wms_desktop.services import ensure_warehouse

    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {NAME}")
    db = Database(URL, DatabaseLimits().for_admin())
    upgrade(db)
    ensure_warehouse(db, "WH01", "基准仓")
    db.dispose()
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), args.skus, args.per_sku)
        for name in ("products", "locations", "stock", "export"):
            subprocess.run([sys.executable, __file__, "--step", name, "--dir", folder], check=True,
                           cwd=Path(__file__).resolve().parents[2])


if __name__ == "__main__":
    main()
