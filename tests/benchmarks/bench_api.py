"""HTTP API benchmark: POST /api/inventory/transfer at 1, 4 and 16 clients against a real
``wms-desktop serve`` on loopback, next to direct service calls and pgbench's tpcb-like in the
same round.

    .venv/bin/python tests/benchmarks/bench_api.py [--skus 200000] [--seconds 10] [--clients 1,4,16] [--workers 2] [--drop]

Loads the database as bench_core.py does ({PREFIX}_bench, {PREFIX}_pgbench on 127.0.0.1:5432,
dropped and recreated). Each client is a process with one keep-alive HTTP connection and an
API key (clerk), moving 1 unit between a few hundred random locations. Prints requests/s,
p50/p95/p99 in ms, the server processes' CPU per request, the direct service calls' and
pgbench's rates at the same client count, the ratios and the load average; rounds repeat
until two agree (API/pgbench within 10 %, at most 5). Asserts nothing. Targets (issue 16):
≥ 0.3 × pgbench at 1 client; p95 ≤ 20 ms at 4 clients.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import bench_core as core  # beside this file
import httpx

from tests.api.server import ApiServer
from tools.scale_loader import load_scale
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=10, help="duration of each run (default 10)")
    parser.add_argument("--clients", default="1,4,16", help="client counts (default 1,4,16)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    parser.add_argument("--drop", action="store_true", help="drop both databases at the end")
    args = parser.parse_args()

    for name in (core.WMS_DB, core.PGBENCH_DB):
        core.recreate_database(name)
    url = f"postgresql+psycopg://{core.USER}@{core.HOST}:{core.PORT}/{core.WMS_DB}"
    db = Database(url, DatabaseLimits().for_admin())
    upgrade(db)
    print(f"wms-desktop API benchmark: PostgreSQL {core.server_version()}, {args.workers} server processes")
    print(f"load average before: {core.load_average()}")
    load_scale(db, skus=args.skus, warehouse_code=core.WAREHOUSE)
    print(f"loaded {args.skus:,} SKUs: {core.table_sizes(db)}; vacuum {core.vacuum(db):.1f} s")
    places, stocked = core.transfer_workload(db, random.Random(7))
    key = Services(db, core.WAREHOUSE).api_keys.add({"name": "bench", "role": "clerk"}).api_key
    subprocess.run(core.pgbench("-i", "-s", "10", "-q"), check=True, capture_output=True)

    server = ApiServer(url, warehouse=core.WAREHOUSE, workers=args.workers)
    try:
        print(f"\n{'clients':>7} {'round':>5} {'API req/s':>9} {'p50':>6} {'p95':>6} {'p99 ms':>7} {'srv CPU ms':>10}"
              f" {'direct tx/s':>11} {'pgbench tps':>11} {'API/pgbench':>11} {'API/direct':>10}   load average")
        for clients in (int(n) for n in args.clients.split(",")):
            ratios: list[float] = []
            for round_ in range(1, core.MAX_ROUNDS + 1):
                cpu_before = server_cpu(server.process.pid)
                api = api_run(server.base_url, key, places, stocked, clients, args.seconds)
                cpu_ms = (server_cpu(server.process.pid) - cpu_before) * 1000 / max(api.rate * args.seconds, 1)
                direct = core.transfer_rate(url, places, stocked, clients, args.seconds)
                reference = core.pgbench_run(clients, args.seconds)
                ratios.append(api.rate / reference.rate)
                p50, p95, p99 = api.percentiles
                print(f"{clients:>7} {round_:>5} {api.rate:>9.0f} {p50:>6.1f} {p95:>6.1f} {p99:>7.1f} {cpu_ms:>10.2f}"
                      f" {direct.rate:>11.0f} {reference.rate:>11.0f} {ratios[-1]:>11.2f} {api.rate / direct.rate:>10.2f}"
                      f"   {core.load_average()}" + (f"  ({api.refused} refused)" if api.refused else ""), flush=True)
                if len(ratios) >= 2 and abs(ratios[-1] - ratios[-2]) <= core.AGREE * max(ratios[-2:]):
                    break
    finally:
        server.stop()
        db.dispose()
    if args.drop:
        for name in (core.WMS_DB, core.PGBENCH_DB):
            with core.admin_connection() as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def server_cpu(pid: int) -> float:
    """Seconds of CPU the server process and its worker processes have used."""
    children = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return sum(core.backend_cpu(p) for p in [pid, *children])


class ApiRun:
    def __init__(self, done: int, refused: int, timings: list[float], seconds: int) -> None:
        self.rate = done / seconds
        self.refused = refused
        cuts = statistics.quantiles(timings, n=100) if len(timings) >= 2 else [0.0] * 99
        self.percentiles = (cuts[49], cuts[94], cuts[98])


def api_run(base_url: str, key: str, places, stocked, clients: int, seconds: int) -> ApiRun:
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(clients), context.Queue()
    workers = [context.Process(target=api_worker, args=(base_url, key, places, stocked, seconds, seed, ready, results))
               for seed in range(clients)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=seconds + 300) for _ in workers]
    for worker in workers:
        worker.join()
    return ApiRun(sum(o[0] for o in outcomes), sum(o[1] for o in outcomes), [t for o in outcomes for t in o[2]],
                  seconds)


def api_worker(base_url: str, key: str, places, stocked, seconds: int, seed: int, ready, results) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base_url, headers={"X-API-Key": key}, timeout=30) as client:
        client.get("/api/auth/me").raise_for_status()  # connected before the clock starts
        ready.wait()
        done = refused = 0
        timings: list[float] = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            sku_code, source, batch_number = rng.choice(stocked)
            target = rng.choice(places)
            if target == source:
                continue
            payload = {"sku_code": sku_code, "from_location_code": source, "to_location_code": target,
                       "stock_quantity": 1, **({"batch_number": batch_number} if batch_number else {})}
            started = time.perf_counter()
            answer = client.post("/api/inventory/transfer", json=payload)
            timings.append((time.perf_counter() - started) * 1000)
            if answer.status_code == 200:
                done += 1
            elif answer.json().get("error_code") == "INSUFFICIENT_STOCK":
                refused += 1
            else:
                raise RuntimeError(answer.text)
    results.put((done, refused, timings))


if __name__ == "__main__":
    main()
