"""Core benchmark on PostgreSQL: bulk load, concurrent transfers next to pgbench, lookup latency.

    .venv/bin/python tests/benchmarks/bench_core.py [--skus 200000] [--seconds 20] [--calls 2000] [--drop] [--lookups-only]

Drops and recreates the databases {PREFIX}_bench and {PREFIX}_pgbench on 127.0.0.1:5432 (user
postgres, trust authentication; PREFIX is $WMS_BENCH_PREFIX, default wms); --drop drops them at
the end. Prints figures; asserts nothing (speed goals live here, not in tests).
Targets: transfers at least pgbench's tpcb-like rate at 1 client and half of it at 4; p95 of
each lookup at most 2 ms. Each transfer figure is measured next to pgbench in the same round,
with the load average beside it, and rounds repeat until two agree (ratios within 10 %).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import Table, func, select, text

from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.schema import external_codes, locations, skus, stock_balances
from wms_desktop.limits import DatabaseLimits

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tools/ beside the package
from tools.scale_loader import load_scale
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

HOST, PORT, USER = "127.0.0.1", 5432, "postgres"
PREFIX = os.environ.get("WMS_BENCH_PREFIX", "wms")  # names the databases: {PREFIX}_bench, {PREFIX}_pgbench
WMS_DB, PGBENCH_DB = f"{PREFIX}_bench", f"{PREFIX}_pgbench"
WAREHOUSE = "WH01"
CLIENTS = (1, 4)
TRANSFER_LOCATIONS = 300
MAX_ROUNDS, AGREE = 5, 0.10
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000, help="SKUs to bulk-load (default 200000)")
    parser.add_argument("--seconds", type=int, default=20, help="duration of each throughput run (default 20)")
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per lookup (default 2000)")
    parser.add_argument("--drop", action="store_true", help="drop both databases at the end")
    parser.add_argument("--lookups-only", action="store_true", help="load, then time only the lookups")
    args = parser.parse_args()

    for name in (WMS_DB, PGBENCH_DB):
        recreate_database(name)
    url = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{WMS_DB}"
    db = Database(url, DatabaseLimits().for_admin())  # bulk load and VACUUM run long
    upgrade(db)
    print(f"wms-desktop core benchmark: PostgreSQL {server_version()} on {HOST}:{PORT}, {os.cpu_count()} CPUs")
    print(f"load average before: {load_average()} (other work on this machine skews every figure)\n")

    started = time.perf_counter()
    load_scale(db, skus=args.skus, warehouse_code=WAREHOUSE)
    loaded = time.perf_counter() - started
    print(f"load_scale({args.skus:,} SKUs): {loaded:.1f} s — {table_sizes(db)}")
    print(f"vacuum after the load (so autovacuum does not run during the timings): {vacuum(db):.1f} s\n")

    rng = random.Random(7)
    if not args.lookups_only:
        transfers(db, url, rng, args.seconds)
    lookups(db, rng, args.calls)
    db.dispose()
    if args.drop:
        for name in (WMS_DB, PGBENCH_DB):
            with admin_connection() as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def transfers(db: Database, url: str, rng: random.Random, seconds: int) -> None:
    places, stocked = transfer_workload(db, rng)
    subprocess.run(pgbench("-i", "-s", "10", "-q"), check=True, capture_output=True)
    print(f"transfers of 1 unit among {len(places)} locations ({len(stocked):,} stocked balances), "
          f"{seconds} s per run; CPU ms per transaction: client process / server backend")
    print(f"{'clients':>7} {'round':>5} {'wms tx/s':>9} {'CPU c/s':>11} {'pgbench tps':>12} {'CPU c/s':>11}"
          f" {'ratio':>6}   load average")
    for clients in CLIENTS:
        ratios: list[float] = []
        for round_ in range(1, MAX_ROUNDS + 1):
            wms = transfer_rate(url, places, stocked, clients, seconds)
            reference = pgbench_run(clients, seconds)
            ratios.append(wms.rate / reference.rate)
            print(f"{clients:>7} {round_:>5} {wms.rate:>9.0f} {wms.client_ms:>5.2f}/{wms.server_ms:<5.2f}"
                  f" {reference.rate:>12.0f} {reference.client_ms:>5.2f}/{reference.server_ms:<5.2f}"
                  f" {ratios[-1]:>6.2f}   {load_average()}" + (f"  ({wms.refused} refused)" if wms.refused else ""),
                  flush=True)
            if len(ratios) >= 2 and abs(ratios[-1] - ratios[-2]) <= AGREE * max(ratios[-2:]):
                break

    sort_index_cost(db, url, places, stocked, seconds)


def lookups(db: Database, rng: random.Random, calls: int) -> None:
    print(f"\nlatency over {calls:,} calls (after 100 warm-up calls){'p50 ms':>12} {'p95 ms':>8}   load average")
    services = Services(db, WAREHOUSE)
    codes = lookup_samples(db, rng, calls)
    for label, call, arguments in (
        ("lookup.identify(SKU code) — a scan", services.lookup.identify, [{"code": sku} for _, sku in codes]),
        ("lookup.identify(location scan code)", services.lookup.identify,
         [{"code": code} for code in rng.choices(scan_codes(db, locations), k=calls)]),
        ("lookup.identify(SKU scan code)", services.lookup.identify,
         [{"code": code} for code in rng.choices(scan_codes(db, skus), k=calls)]),
        ("catalog.product_by_code(SKU code)", services.catalog.product_by_code, [sku for _, sku in codes]),
        ("catalog.product_by_external_code", services.catalog.product_by_external_code, [ext for ext, _ in codes]),
        ("stock.by_location(one location)", services.stock.by_location,
         [{"location_code": code} for code in rng.choices(all_location_codes(db), k=calls)]),
    ):
        p50, p95 = latency(call, arguments)
        print(f"{label:<50}{p50:>12.2f} {p95:>8.2f}   {load_average()}", flush=True)


# ---- databases --------------------------------------------------------------------------------


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(host=HOST, port=PORT, user=USER, dbname="postgres", autocommit=True)


def recreate_database(name: str) -> None:
    with admin_connection() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def server_version() -> str:
    with admin_connection() as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def load_average() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def table_sizes(db: Database) -> str:
    with db.engine.connect() as conn:
        counts = {t.name: conn.scalar(select(func.count()).select_from(t))
                  for t in (skus, external_codes, locations, stock_balances)}
    return ", ".join(f"{n:,} {name}" for name, n in counts.items())


def vacuum(db: Database) -> float:
    started = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM (ANALYZE)")
    return time.perf_counter() - started


# ---- throughput -------------------------------------------------------------------------------


def transfer_workload(db: Database, rng: random.Random) -> tuple[list[str], list[tuple[str, str, str]]]:
    """A few hundred random storage locations, and the (sku_code, location_code, batch_number)
    of every stocked balance in them: transfers move 1 unit from one of those to one of the
    locations."""
    chosen = rng.sample(all_location_codes(db), TRANSFER_LOCATIONS)
    with db.engine.connect() as conn:
        stocked = conn.execute(
            select(skus.c.sku_code, locations.c.location_code, stock_balances.c.batch_number)
            .join(stock_balances, stock_balances.c.sku_id == skus.c.sku_id)
            .join(locations, locations.c.location_id == stock_balances.c.location_id)
            .where(locations.c.location_code.in_(chosen), stock_balances.c.stock_quantity > 0)
        ).all()
    return chosen, [tuple(row) for row in stocked]


@dataclass
class Run:
    rate: float  # transactions per second
    client_ms: float  # client process CPU per transaction
    server_ms: float  # server backend CPU per transaction
    refused: int = 0


def backend_cpu(pid: int) -> float:
    """Seconds of CPU a PostgreSQL backend has used (the server is on this machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def transfer_rate(url: str, places: list[str], stocked: list[tuple[str, str, str]], clients: int,
                  seconds: int) -> Run:
    """Committed transfers per second over ``clients`` processes, with the CPU the client
    processes and their backends spent per transfer, and how many transfers were refused."""
    context = multiprocessing.get_context("spawn")  # no engine or socket inherited from this process
    ready, results = context.Barrier(clients), context.Queue()
    workers = [context.Process(target=transfer_worker, args=(url, places, stocked, seconds, seed, ready, results))
               for seed in range(clients)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=seconds + 300) for _ in workers]
    for worker in workers:
        worker.join()
    done, cpu, server, refused = (sum(column) for column in zip(*outcomes))
    return Run(done / seconds, cpu * 1000 / max(done, 1), server * 1000 / max(done, 1), refused)


def transfer_worker(url: str, places: list[str], stocked: list[tuple[str, str, str]], seconds: int, seed: int,
                    ready, results) -> None:
    db = Database(url)
    services = Services(db, WAREHOUSE)
    rng = random.Random(seed)
    services.stock.by_location({"location_code": places[0]})  # connect before the clock starts
    backend = db.run(lambda conn: conn.scalar(text("SELECT pg_backend_pid()")))  # one thread: one pooled connection
    ready.wait()
    done = refused = 0
    cpu_at_start, server_at_start = time.process_time(), backend_cpu(backend)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sku_code, source, batch_number = rng.choice(stocked)
        target = rng.choice(places)
        if target == source:
            continue
        batch = {"batch_number": batch_number} if batch_number else {}
        try:
            services.inventory.transfer({"sku_code": sku_code, "from_location_code": source, "to_location_code": target,
                                         "stock_quantity": 1, "operator_id": "bench", **batch})
            done += 1
        except WmsError as error:
            if error.error_code != "INSUFFICIENT_STOCK":
                raise
            refused += 1
    results.put((done, time.process_time() - cpu_at_start, backend_cpu(backend) - server_at_start, refused))
    db.dispose()


def pgbench(*arguments: str) -> list[str]:
    return ["pgbench", "-h", HOST, "-p", str(PORT), "-U", USER, *arguments, PGBENCH_DB]


def pgbench_run(clients: int, seconds: int) -> Run:
    """pgbench's built-in tpcb-like transaction at the same client count, prepared statements;
    its backends' CPU is sampled while it runs (they end with it)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(pgbench("-M", "prepared", "-c", str(clients), "-j", str(clients), "-T", str(seconds)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server: dict[int, float] = {}
    with admin_connection() as conn:
        while process.poll() is None:
            for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                                       (PGBENCH_DB,)):
                try:
                    server[pid] = backend_cpu(pid)
                except (FileNotFoundError, ProcessLookupError):
                    pass
            time.sleep(0.1)
    out, err = process.communicate()
    if process.returncode:
        raise RuntimeError(err)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))
    transactions = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
    client = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return Run(tps, client * 1000 / transactions, sum(server.values()) * 1000 / transactions)


SORT_INDEXES = {  # the stock browser's (migration issue12): every balance update maintains them
    "ix_stock_balances_quantity": "stock_balances (stock_quantity, balance_id)",
    "ix_stock_balances_updated": "stock_balances (updated_at, balance_id)",
}


def sort_index_cost(db: Database, url: str, places, stocked, seconds: int) -> None:
    """Server CPU per transfer at 1 client with the sort indexes, without them, and with them
    again (the difference is what sorting by quantity and last change costs every posting)."""
    print("\nwrite cost of the stock browser's sort indexes, 1 client:")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for state in ("with", "without", "with"):
            if state == "without":
                for name in SORT_INDEXES:
                    conn.exec_driver_sql(f"DROP INDEX {name}")
            elif conn.exec_driver_sql("SELECT to_regclass(%s)", (next(iter(SORT_INDEXES)),)).scalar() is None:
                for name, definition in SORT_INDEXES.items():
                    conn.exec_driver_sql(f"CREATE INDEX {name} ON {definition}")
            run = transfer_rate(url, places, stocked, 1, seconds)
            print(f"  {state:>7} the indexes: {run.rate:>6.0f} tx/s, CPU ms/tx client {run.client_ms:.2f} server "
                  f"{run.server_ms:.2f}   load average {load_average()}", flush=True)


# ---- latency ----------------------------------------------------------------------------------


def all_location_codes(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.scalars(select(locations.c.location_code).where(locations.c.location_type == "storage")
                                 .order_by(locations.c.location_id)))


def scan_codes(db: Database, table: Table) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.scalars(select(table.c.scan_code).order_by(table.c.scan_code)))


def lookup_samples(db: Database, rng: random.Random, calls: int) -> list[tuple[str, str]]:
    """(external_code, sku_code) of random SKUs that have a barcode."""
    with db.engine.connect() as conn:
        pairs = conn.execute(select(external_codes.c.external_code, skus.c.sku_code)
                             .join(skus).order_by(external_codes.c.external_code_id)).all()
    return [tuple(pair) for pair in rng.choices(pairs, k=calls)]


def latency(call: Callable, arguments: list, warmup: int = 100) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``call(argument)`` over ``arguments``, one at a time."""
    for argument in arguments[:warmup]:
        call(argument)
    timings = []
    for argument in arguments:
        started = time.perf_counter()
        call(argument)
        timings.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=100)
    return cuts[49], cuts[94]


if __name__ == "__main__":
    main()
