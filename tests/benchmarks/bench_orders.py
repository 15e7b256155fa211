"""Outbound orders on PostgreSQL at scale: releasing five-line orders next to pgbench, pick
confirmation latency, shipping a ten-carton order.

Uses the databases of bench_core.py ({PREFIX}_bench and {PREFIX}_pgbench, WMS_BENCH_PREFIX):
drops and recreates them, bulk-loads {PREFIX}_bench (``--skus``, default 200,000), then

1. creates ``--orders`` five-line orders per client count (1 unit of five random stocked SKUs
   each; not timed) and releases them from 1 and from 4 processes, each run followed by
   pgbench's tpcb-like script at the same client count for as long — orders/s beside tps;
2. confirms every pick of ``--picks`` released orders, one at a time: p50 / p95 of ``orders.pick``;
3. ships an order of ten lines packed in ten cartons (``orders.ship``: ten outbounds and the
   state change in one transaction), five times: each time and the median.

Targets: release ≥ 100 orders/s at 4 processes; pick confirmation p95 ≤ 50 ms. Prints figures
with the load average; asserts nothing.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tools/ and tests/ beside the package
from tests.benchmarks.bench_core import (
    HOST,
    PGBENCH_DB,
    PORT,
    USER,
    WAREHOUSE,
    WMS_DB,
    latency,
    load_average,
    pgbench,
    pgbench_run,
    recreate_database,
    server_version,
    vacuum,
)
from tools.scale_loader import load_scale
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.schema import locations, skus, stock_balances
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services

PACKING = "PACK-BENCH"
LINES = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000, help="SKUs to bulk-load (default 200000)")
    parser.add_argument("--orders", type=int, default=1000, help="orders released per client count (default 1000)")
    parser.add_argument("--picks", type=int, default=100, help="orders whose picks are timed (default 100)")
    args = parser.parse_args()

    for name in (WMS_DB, PGBENCH_DB):
        recreate_database(name)
    url = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{WMS_DB}"
    db = Database(url, DatabaseLimits().for_admin())
    upgrade(db)
    print(f"wms-desktop orders benchmark: PostgreSQL {server_version()}, load average {load_average()}")
    started = time.perf_counter()
    load_scale(db, skus=args.skus, warehouse_code=WAREHOUSE)
    print(f"load_scale({args.skus:,} SKUs): {time.perf_counter() - started:.1f} s; vacuum {vacuum(db):.1f} s")
    services = Services(db, WAREHOUSE)
    services.locations.create({"location_code": PACKING, "location_type": "shipping"})
    stocked = stocked_skus(db)
    rng = random.Random(14)
    subprocess.run(pgbench("-i", "-s", "10", "-q"), check=True, capture_output=True)

    print(f"\nreleasing {args.orders:,} orders of {LINES} lines per run{'':>4}"
          f"{'orders/s':>9} {'pgbench tps':>12}   load average")
    for clients in (1, 4):
        numbers = create_orders(services, rng, stocked, f"C{clients}", args.orders)
        seconds, rate = release_all(url, numbers, clients)
        reference = pgbench_run(clients, max(int(seconds), 5))
        print(f"  {clients} process{'es' if clients > 1 else '':<2} ({seconds:5.1f} s){'':>14}{rate:>9.0f}"
              f" {reference.rate:>12.0f}   {load_average()}", flush=True)

    warm = args.picks // 5  # orders picked first, untimed: connections and plans warm
    picks = [{"order_number": number, "location_code": pick.location_code, "sku_code": pick.sku_code,
              "batch_number": pick.batch_number, "stock_quantity": pick.stock_quantity,
              "to_location_code": PACKING, "operator_id": "bench"}
             for number in (f"C1-{i}" for i in range(args.picks + warm))
             for pick in services.orders.pick_plan({"order_number": number}).picks]
    for pick in picks[-warm * LINES:]:
        services.orders.pick(pick)
    picks = picks[:-warm * LINES]
    p50, p95 = latency(services.orders.pick, picks, warmup=0)
    print(f"\norders.pick, {len(picks):,} confirmations one at a time: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
          f"   load average {load_average()}")

    timings = [ship_ten_cartons(services, rng, stocked, n) for n in range(5)]
    print(f"orders.ship of a 10-carton order: {', '.join(f'{t:.0f}' for t in timings)} ms, "
          f"median {statistics.median(timings):.0f} ms   load average {load_average()}")
    db.dispose()


def stocked_skus(db: Database) -> list[str]:
    """SKU codes with at least 20 units in one storage location."""
    with db.engine.connect() as conn:
        return list(conn.scalars(
            select(skus.c.sku_code).join(stock_balances, stock_balances.c.sku_id == skus.c.sku_id)
            .join(locations, locations.c.location_id == stock_balances.c.location_id)
            .where(locations.c.location_type == "storage", stock_balances.c.stock_quantity >= 20)
            .group_by(skus.c.sku_code)))


def create_orders(services: Services, rng: random.Random, stocked: list[str], prefix: str, count: int) -> list[str]:
    numbers = []
    for i in range(count):
        number = f"{prefix}-{i}"
        services.orders.create({"order_number": number, "customer_name": "bench", "operator_id": "bench", "lines": [
            {"sku_code": sku, "stock_quantity": 1} for sku in rng.sample(stocked, LINES)]})
        numbers.append(number)
    return numbers


def release_all(url: str, numbers: list[str], clients: int) -> tuple[float, float]:
    """Seconds for ``clients`` processes to release ``numbers`` (dealt out in turn), orders/s."""
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(clients + 1), context.Queue()
    workers = [context.Process(target=release_worker, args=(url, numbers[k::clients], ready, results))
               for k in range(clients)]
    for worker in workers:
        worker.start()
    ready.wait()
    started = time.perf_counter()
    released = sum(results.get(timeout=3600) for _ in workers)
    seconds = time.perf_counter() - started
    for worker in workers:
        worker.join()
    return seconds, released / seconds


def release_worker(url: str, numbers: list[str], ready, results) -> None:
    db = Database(url)
    services = Services(db, WAREHOUSE)
    services.orders.get({"order_number": numbers[0]})  # connected before the clock starts
    ready.wait()
    for number in numbers:
        services.orders.release({"order_number": number, "operator_id": "bench"})
    results.put(len(numbers))
    db.dispose()


def ship_ten_cartons(services: Services, rng: random.Random, stocked: list[str], n: int) -> float:
    number = f"SHIP-{n}"
    orders = services.orders
    orders.create({"order_number": number, "customer_name": "bench", "operator_id": "bench", "lines": [
        {"sku_code": sku, "stock_quantity": 1} for sku in rng.sample(stocked, 10)]})
    orders.release({"order_number": number, "operator_id": "bench"})
    for pick in orders.pick_plan({"order_number": number}).picks:
        orders.pick({"order_number": number, "location_code": pick.location_code, "sku_code": pick.sku_code,
                     "batch_number": pick.batch_number, "stock_quantity": 1, "to_location_code": PACKING,
                     "operator_id": "bench"})
    for line in orders.get({"order_number": number}).lines:
        orders.pack({"order_number": number, "items": [{"sku_code": line.sku_code, "stock_quantity": 1}],
                     "operator_id": "bench"})
    started = time.perf_counter()
    orders.ship({"order_number": number, "operator_id": "bench", "cartons": [
        {"carton_number": k, "tracking_number": f"SF{n}{k:04d}"} for k in range(1, 11)]})
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
