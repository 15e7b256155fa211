"""Stock from the ledger, alerts and the audit trail on a bulk-loaded PostgreSQL database.

Drops and recreates the database {PREFIX}_replay on 127.0.0.1:5432 (user postgres, trust;
PREFIX is $WMS_BENCH_PREFIX, default wms), bulk-loads it (tools.scale_loader: --skus SKUs, 5
balances and one ledger row each: 200,000 SKUs → 1,000,000 ledger rows), then prints:

1. stock as of now for one SKU (p50/p95 over random SKUs) and for the whole warehouse
   (targets: ≤ 50 ms and ≤ 2 s) as the app asks for it — the first page and the totals of every
   line — and, for reference, every line fetched; and ``stock verify`` of the warehouse;
2. an inbound's time for a product without thresholds and for one with thresholds (the alerts
   trigger's lock and level check), one call at a time;
3. a location created and audited, one at a time (its audit chain's head lock and hash).

    .venv/bin/python tests/benchmarks/bench_replay.py --skus 200000
    .venv/bin/python tests/benchmarks/bench_replay.py --reuse   # the database a run before loaded
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import psycopg
from sqlalchemy import func, select

from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.schema import skus
from wms_desktop.db.schema import stock_movements as movements
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tools/ beside the package
from tools.scale_loader import load_scale

PREFIX = os.environ.get("WMS_BENCH_PREFIX", "wms")
NAME = f"{PREFIX}_replay"
ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{NAME}"
PAGE = 500  # the As of… dialog's page (ui/dialogs/stock_as_of.py)


def timed(call: Callable[[], object], times: int) -> list[float]:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def show(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label:<58} n={len(ms):<4} p50 {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms   "
          f"load {os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="skip the load: use the database a run before made")
    args = parser.parse_args()
    if not args.reuse:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {NAME}")
    db = Database(URL, DatabaseLimits().for_admin())
    upgrade(db)
    if not args.reuse:
        start = time.perf_counter()
        load_scale(db, skus=args.skus)
        print(f"bulk load of {args.skus:,} SKUs ({5 * args.skus:,} balances and ledger rows): "
              f"{time.perf_counter() - start:.1f} s", flush=True)
    services = Services(db, "WH01")
    rng = random.Random(17)
    codes = db.run(lambda conn: list(conn.scalars(select(skus.c.sku_code))), write=False)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))

    show("as-of, one SKU", timed(lambda: services.stock.as_of({"at": now, "sku_code": rng.choice(codes)}),
                                 args.calls))
    page = services.stock.as_of({"at": now, "limit": PAGE})
    print(f"as-of, the warehouse: {page.lines:,} balances, {page.total_quantity:,} units")
    show(f"as-of, the warehouse: first {PAGE} lines + totals (the app)",
         timed(lambda: services.stock.as_of({"at": now, "limit": PAGE}), 3))
    show(f"as-of, the warehouse: the next {PAGE} lines", timed(lambda: services.stock.as_of(
        {"at": now, "limit": PAGE, "after": page.next_after}), 3))
    show("as-of, the warehouse: every line fetched", timed(lambda: services.stock.as_of({"at": now}), 1))
    middle = db.run(lambda conn: conn.scalar(select(func.percentile_disc(0.5).within_group(movements.c.operated_at))),
                    write=False)  # half the ledger after it: the totals take the balances less that half
    then = middle.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    show(f"as-of, the warehouse at the ledger's median: first {PAGE} + totals",
         timed(lambda: services.stock.as_of({"at": then, "limit": PAGE}), 3))
    report = services.stock.verify()
    print(f"stock verify: {report.balances:,} balances, {len(report.drifts)} drifts")
    show("stock verify, the warehouse", timed(services.stock.verify, 3))

    run = f"{int(time.time()) % 100000}"  # a reused database keeps the locations of the runs before
    services.locations.create({"location_code": f"BENCH-IN{run}"})
    plain, watched = rng.sample(codes, 2)
    product = services.catalog.product_by_code(watched)
    services.catalog.update_product({"product_id": product.product_id, "low_stock_threshold": 1,
                                     "high_stock_threshold": 10**9, "operator_id": "bench"})
    for label, sku in (("inbound, product without thresholds", plain), ("inbound, product with thresholds", watched)):
        product_code = sku.split("-")[0]
        show(label, timed(lambda s=sku, p=product_code: services.inventory.inbound(
            {"product_code": p, "sku_code": s, "location_code": f"BENCH-IN{run}", "stock_quantity": 1,
             "operator_id": "bench"}), args.calls))
    made = iter(range(10**6))
    show("location created (audited)", timed(lambda: services.locations.create(
        {"location_code": f"BENCH-L{run}-{next(made)}"}), args.calls))
    print(f"audit chain: {services.audit.verify().checked:,} rows, intact")
    db.dispose()


if __name__ == "__main__":
    main()
