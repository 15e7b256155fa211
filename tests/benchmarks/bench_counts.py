"""A 5,000-line count on PostgreSQL at scale (200k SKUs / 1M balances), printed against the targets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_counts [--database wms_bench]
        [--load] [--lines 5000] [--gui-scans 300] [--rate 15] [--counters 2]

The database is the one bench_core.py makes (``wms_bench``), or any empty one filled first with
``--load`` (``tools.scale_loader.load_scale``). A task is created over enough locations for
``--lines`` stocked balances (every count is one unit over the balance: each line has a
variance, so every line is posted; the tolerance is raised so nothing is recounted). Measured:

- creating the task (one unit of work, its lines read from the balances);
- in the count session window (offscreen, the app's scan router and op runner): scans submitted
  at ``--rate`` per second — a location, then each of its items, the location twice to finish —
  until ``--gui-scans`` item scans; scan → line updated (the scan handed to the router → the
  counted list shows the new count) p50/p95, and the longest GUI-thread stall (5 ms timer) over
  the session;
- then ``--counters`` spawned processes (other workstations) count the other locations through
  the services; their scans per second (``--together``: while the window counts — on one small
  machine they then compete with it for the CPU, which real workstations do not);
- the approval window opened on the counted task: first rows shown, and the longest stall;
- deciding every variance in one call, approving, and posting the 5,000 count movements in one
  transaction.

The process calls ``gc.freeze()`` before the window opens, as the app does at sign-in. Each
figure has the load average beside it. Nothing is asserted (tests/benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from tests.benchmarks.bench_core import HOST, PORT, USER, WAREHOUSE, WMS_DB
from tests.benchmarks.bench_gui import Heartbeat, Results, load_average, wait
from tools.scale_loader import load_scale
from wms_desktop.contract.counts import CountLineIds
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.db.schema import locations, skus
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.devices.scanner import Scan
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services
from wms_desktop.ui.app_settings import AppSettings
from wms_desktop.ui.dialogs.count_approval import CountApprovalDialog
from wms_desktop.ui.dialogs.counting import CountSessionDialog
from wms_desktop.ui.ops import OpRunner, set_op_runner
from wms_desktop.ui.scanning import ScanFeedback, ScanRouter
from wms_desktop.ui.session import AppContext, Session

TARGETS = {"stall": 50.0, "scan p95": 50.0, "post": 5000.0, "first rows": 150.0}
Place = tuple[str, list[tuple[str, str, int]]]  # location code, its (sku_code, batch, stock) balances


def places_for(db: Database, lines: int) -> list[Place]:
    """Locations in code order until they hold ``lines`` stocked balances."""
    with db.engine.connect() as conn:
        per_place = conn.execute(
            select(locations.c.location_code, func.count()).join(bal, bal.c.location_id == locations.c.location_id)
            .where(bal.c.stock_quantity > 0).group_by(locations.c.location_code)
            .order_by(locations.c.location_code)).all()
        chosen, total = [], 0
        for code, count in per_place:
            if total >= lines:
                break
            chosen.append(code)
            total += count
        rows = conn.execute(
            select(locations.c.location_code, skus.c.sku_code, bal.c.batch_number, bal.c.stock_quantity)
            .join(bal, bal.c.location_id == locations.c.location_id).join(skus, skus.c.sku_id == bal.c.sku_id)
            .where(locations.c.location_code.in_(chosen), bal.c.stock_quantity > 0)).all()
    items: dict[str, list[tuple[str, str, int]]] = {code: [] for code in chosen}
    for row in rows:
        items[row.location_code].append((row.sku_code, row.batch_number, row.stock_quantity))
    return [(code, items[code]) for code in chosen]


def count_elsewhere(url: str, number: str, counter: str, places: list[Place], out: multiprocessing.Queue) -> None:
    """Another workstation: counts its locations through the services, one call per item."""
    db = Database(url)
    counts = Services(db, WAREHOUSE).acting_as(counter, "supervisor").counts
    calls, started = 0, time.perf_counter()
    for code, items in places:
        at = {"count_number": number, "location_code": code}
        counts.start_location(at)
        for sku_code, batch, stock in items:
            counts.count_item({**at, "sku_code": sku_code, "batch_number": batch or None, "stock_quantity": stock + 1})
            calls += 1
        counts.finish_location(at)
    out.put((counter, calls, time.perf_counter() - started))
    db.dispose()


def count_in_window(app: QApplication, context: AppContext, number: str, places: list[Place], rate: float,
                    heart: Heartbeat) -> list[float]:
    """Scans at ``rate`` per second into the count session window; scan → line updated, in ms."""
    feedback = ScanFeedback()
    feedback.sound = lambda: None
    router = ScanRouter(context, lambda: None, feedback=feedback)
    dialog = CountSessionDialog(context, router)
    dialog.open_task(number)
    dialog.show()
    wait(app, lambda: dialog.session.sheet is not None)
    scans: list[tuple[str, bool]] = []  # (code, is an item)
    for code, items in places:
        scans.append((code, False))
        scans += [(sku_code, True) for sku_code, _batch, _stock in items]
        scans += [(code, False), (code, False)]
    sent: list[float] = []
    latencies: list[float] = []
    shown = dialog._counted

    def counted(result, label) -> None:
        shown(result, label)  # the counted list is rebuilt here
        latencies.append((time.perf_counter() - sent.pop(0)) * 1000)

    dialog._counted = counted  # type: ignore[method-assign]
    refused = dialog._refused

    def refusal(error) -> None:  # a refusal drops the calls queued after it: the run would be short
        print(f"  refused in the window: {error}", flush=True)
        refused(error)

    dialog._refused = refusal  # type: ignore[method-assign]
    queue = list(scans)

    def next_scan() -> None:
        if not queue:
            timer.stop()
            return
        code, item = queue.pop(0)
        if item:
            sent.append(time.perf_counter())
        router.submit(Scan(text=code))

    timer = QTimer()
    timer.setInterval(round(1000 / rate))
    timer.timeout.connect(next_scan)
    heart.start()
    timer.start()
    lost: list[str] = []
    router.routed.connect(lambda scan, where, _taker: lost.append(f"{scan.text}: {where}")
                          if where not in ("dialog", "screen", "session") else None)
    wait(app, lambda: not queue and router.idle and not sent and not dialog.calling and not dialog.calls,
         timeout=600)
    if lost:
        print(f"  scans nobody took: {lost[:5]}", flush=True)
    heart.stop()
    dialog.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=WMS_DB, help=f"PostgreSQL database on {HOST}:{PORT} (default {WMS_DB})")
    parser.add_argument("--load", action="store_true", help="bulk-load 200k SKUs into the (empty) database first")
    parser.add_argument("--lines", type=int, default=5000, help="balances counted (default 5000)")
    parser.add_argument("--gui-scans", type=int, default=300, help="item scans in the window (default 300)")
    parser.add_argument("--rate", type=float, default=15.0, help="scans per second in the window (default 15)")
    parser.add_argument("--counters", type=int, default=2, help="other workstations counting (default 2)")
    parser.add_argument("--together", action="store_true",
                        help="the other workstations count while the window does (on this machine: they then "
                             "take its CPU)")
    args = parser.parse_args()
    url = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{args.database}"
    if args.load:  # runs long: the admin's limits
        loader = Database(url, DatabaseLimits().for_admin())
        upgrade(loader)
        load_scale(loader, skus=200_000, warehouse_code=WAREHOUSE)
        loader.dispose()
    db = Database(url)  # a workstation's limits: posting 5,000 lines must fit them
    services = Services(db, WAREHOUSE)
    results = Results()
    print(f"load average {load_average()}", flush=True)

    places = places_for(db, args.lines)
    gui, rest, scanned = [], [], 0
    for place in places:
        (gui if scanned < args.gui_scans else rest).append(place)
        scanned += len(place[1]) if scanned < args.gui_scans else 0
    services.counts.set_settings({"tolerance_units": 1_000_000})  # every line a variance, none recounted
    number = f"BENCH-{int(time.time())}"
    started = time.perf_counter()
    task = services.counts.create({"count_number": number, "location_codes": [code for code, _ in places],
                                   "operator_id": "bench.boss"})
    results.add(f"create a task over {len(places)} locations", (time.perf_counter() - started) * 1000, 5000.0,
                extra=f" (load {load_average()})")

    app = QApplication.instance() or QApplication(sys.argv)
    runner = OpRunner()
    set_op_runner(runner)
    gc.freeze()  # as the app's shell does at sign-in (and bench_gui.py once its window is up)
    with tempfile.TemporaryDirectory() as tmp:
        settings = AppSettings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))

        def context(user: str) -> AppContext:
            return AppContext(services=services, settings=settings, runner=runner, warehouse_code=WAREHOUSE,
                              database_label=args.database, session=Session(1, user, user, "supervisor"))

        ctx = multiprocessing.get_context("spawn")
        out: multiprocessing.Queue = ctx.Queue()
        shares = [rest[i::args.counters] for i in range(args.counters)]
        workers = [ctx.Process(target=count_elsewhere, args=(url, number, f"bench.c{i}", share, out))
                   for i, share in enumerate(shares)]
        if args.together:
            for worker in workers:
                worker.start()
        heart = Heartbeat()
        latencies = count_in_window(app, context("bench.gui"), number, gui, args.rate, heart)
        stall = heart.worst
        for worker in workers:
            if not args.together:
                worker.start()
            worker.join()
        for _ in workers:
            counter, calls, seconds = out.get()
            print(f"  {counter}: {calls} items counted in {seconds:.1f} s ({calls / seconds:.0f}/s)", flush=True)
        p50, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[18]
        results.add(f"scan → line updated p95 ({len(latencies)} scans at {args.rate:g}/s)", p95,
                    TARGETS["scan p95"], extra=f" (p50 {p50:.0f}; load {load_average()})")
        results.add("longest GUI stall while counting", stall, TARGETS["stall"], extra=f" (load {load_average()})")

        detail = services.counts.detail({"count_number": number})
        print(f"  task {detail.header.state}: {detail.totals.lines_counted} lines, "
              f"{detail.totals.variance_lines} variances", flush=True)
        heart.start()
        started = time.perf_counter()
        approval = CountApprovalDialog(context("bench.boss"), task.document.document_id)
        approval.show()
        wait(app, lambda: approval.model.rowCount() > 0 and approval.model.row_data(0) is not None)
        first = (time.perf_counter() - started) * 1000
        wait(app, lambda: approval.detail is not None)
        results.add("approval list first rows", first, TARGETS["first rows"], extra=f" (load {load_average()})")
        results.add("longest GUI stall opening it", heart.stop(), TARGETS["stall"])
        approval.close()
        runner.wait_for_done()

    boss = services.acting_as("bench.boss", "supervisor").counts
    ids = boss.line_ids(CountLineIds(document_id=task.document.document_id, variances_only=True))
    started = time.perf_counter()
    for start in range(0, len(ids), 10_000):
        boss.decide({"count_number": number, "line_ids": ids[start:start + 10_000], "decision": "approve",
                     "reason_code": "miscount"})
    boss.approve({"count_number": number})
    results.add(f"decide {len(ids)} variances and approve", (time.perf_counter() - started) * 1000, 5000.0)
    started = time.perf_counter()
    posted = boss.post({"count_number": number})
    results.add(f"post {posted.movements} count movements (one transaction)", (time.perf_counter() - started) * 1000,
                TARGETS["post"], extra=f" (load {load_average()})")
    results.print()
    db.dispose()


if __name__ == "__main__":
    main()
