"""Waits on a broken database link: how long a workstation whose network goes silent
mid-operation takes to say so, how long another workstation waits on its locks meanwhile, and
how long the workstation takes to work again after a PostgreSQL restart.

    .venv/bin/python tests/benchmarks/bench_faults.py [--repeat 3]

Runs on a private PostgreSQL cluster (tests/faults/cluster.py: initdb in a temporary
directory, a free port; removed at the end) behind the fault proxy (tests/faults/proxy.py),
with the workstation's default limits (wms_desktop/limits.py). Prints figures and the load
average next to each; asserts nothing. Targets: the silent workstation's error within 10 s,
and no other workstation waiting on its locks for longer than that.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.…` when run as a script

from tests.faults.cluster import PrivateCluster
from tests.faults.proxy import FaultProxy
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services, create_warehouse

WAREHOUSE = "WH01"
# where the network goes silent: before a transfer (one call of its posting function, which
# commits by itself) reaches the server, after the server ran it (the answer is lost), or while
# the workstation's connection sits in its pool
SILENCES = [("before the posting call", "SELECT wms_post_transfer", "before"),
            ("after the posting call (answer lost)", "SELECT wms_post_transfer", "after"),
            ("between operations (pooled connection)", None, "idle")]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}"


def silent_network(cluster: PrivateCluster, repeat: int) -> None:
    limits = DatabaseLimits()
    print(f"Silent network mid-operation (limits: statement {limits.statement_timeout_ms / 1000:g} s + "
          f"{limits.answer_grace_ms / 1000:g} s grace, idle in transaction {limits.idle_in_transaction_ms / 1000:g} s, "
          f"connect {limits.connect_timeout_ms / 1000:g} s)")
    print(f"{'silent':<42} {'error after':>12} {'other waits':>11}   (worst of {repeat})")
    other = Services(Database(cluster.url("wms"), DatabaseLimits(lock_timeout_ms=60_000,
                                                                  statement_timeout_ms=120_000)), WAREHOUSE)
    for label, statement, when in SILENCES:
        worst_error = worst_locks = 0.0
        for _ in range(repeat):
            proxy = FaultProxy(cluster.port)
            db = Database(proxy.url("wms"), limits)
            services = Services(db, WAREHOUSE)
            services.stock.query({})  # a warm pooled connection, as on a working desk
            silenced_at: list[float] = []
            shipped_at: list[float] = []
            fired = None
            if when == "idle":
                proxy.silence()
            else:
                fired = proxy.on("silence", statement=statement, when=when).fired
            shipper = threading.Thread(target=other_ships, args=(other, fired, silenced_at, shipped_at))
            shipper.start()
            try:
                services.inventory.transfer({"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2",
                                             "stock_quantity": 1, "operator_id": "bench"})
                raise AssertionError("the transfer went through a silent network")
            except WmsError as error:
                assert error.error_code == "DATABASE_UNAVAILABLE", error
                returned = time.monotonic()
            shipper.join(120)
            worst_error = max(worst_error, returned - silenced_at[0])
            worst_locks = max(worst_locks, shipped_at[0] - silenced_at[0])
            proxy.close()
            db.dispose()
        print(f"{label:<42} {worst_error:>10.2f} s {worst_locks:>9.2f} s   {load()}")
    other.db.dispose()


def other_ships(other: Services, fired: threading.Event | None, silenced_at: list[float],
                shipped_at: list[float]) -> None:
    """The moment the network goes quiet (``fired``, or now), another workstation ships from the
    balance the silent one is moving: it waits exactly as long as the silent one's locks live."""
    if fired is not None:
        fired.wait(60)
    silenced_at.append(time.monotonic())
    other.inventory.outbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 1,
                              "operator_id": "other"})
    shipped_at.append(time.monotonic())


def restart_recovery(cluster: PrivateCluster, repeat: int) -> None:
    print("\nRecovery after a PostgreSQL restart (one workstation calling every 50 ms)")
    print(f"{'restart':<12} {'outage seen':>12} {'after ready':>12}   (worst of {repeat})")
    services = Services(Database(cluster.url("wms")), WAREHOUSE)
    for mode in ("fast", "immediate"):
        worst_outage = worst_after_ready = 0.0
        for _ in range(repeat):
            services.stock.query({})
            stop = threading.Event()
            first_failure: list[float] = []
            back: list[float] = []
            caller = threading.Thread(target=keep_calling, args=(services, stop, first_failure, back))
            caller.start()
            cluster.stop(mode)
            time.sleep(0.5)
            cluster.start()
            ready = time.monotonic()
            while not back:
                time.sleep(0.01)
            stop.set()
            caller.join()
            worst_outage = max(worst_outage, back[0] - first_failure[0])
            worst_after_ready = max(worst_after_ready, back[0] - ready)
        print(f"{mode:<12} {worst_outage:>10.2f} s {worst_after_ready:>10.2f} s   {load()}")
    services.db.dispose()
    print("(outage seen: first failed call to first good one, 0.5 s of it the server was down; the app's status "
          "bar checks every 2 s while unreachable, so it turns reachable within that of 'after ready')")


def keep_calling(services: Services, stop: threading.Event, first_failure: list[float], back: list[float]) -> None:
    """A query every 50 ms until ``stop``: when the first one failed, when the first after it worked."""
    while not stop.is_set():
        try:
            services.stock.query({})
            if first_failure and not back:
                back.append(time.monotonic())
        except WmsError:
            if not first_failure:
                first_failure.append(time.monotonic())
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each case (default 3)")
    args = parser.parse_args()
    cluster = PrivateCluster()
    try:
        cluster.start()
        cluster.psql("CREATE DATABASE wms")
        db = Database(cluster.url("wms"), DatabaseLimits().for_admin())
        upgrade(db)
        create_warehouse(db, {"warehouse_code": WAREHOUSE, "warehouse_name": "bench"})
        services = Services(db, WAREHOUSE)
        for code in ("A1", "A2"):
            services.locations.create({"location_code": code})
        services.catalog.create_product({"product_code": "P1", "product_name": "bench", "operator_id": "bench"})
        services.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 100_000,
                                    "operator_id": "bench"})
        db.dispose()
        print(f"wms-desktop fault benchmark: private PostgreSQL on port {cluster.port}, {os.cpu_count()} CPUs, "
              f"{load()}\n")
        silent_network(cluster, args.repeat)
        restart_recovery(cluster, args.repeat)
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
