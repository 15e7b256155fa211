"""GUI figures on PostgreSQL ``wms_bench`` (200k SKUs / 1M balances, made by bench_core.py).

Prints, for the Products and Stock screens: time to the first shown rows after opening and
after searching (target ≤ 300 ms); the longest GUI-thread stall (a 5 ms QTimer heartbeat)
while scrolling the stock table end to end and while typing a search (target ≤ 50 ms);
resident memory after scrolling the whole stock table (≤ 400 MB); start to usable window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_gui
"""
from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

T0 = time.perf_counter()

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.benchmarks.bench_core import HOST, PORT, USER, WAREHOUSE, WMS_DB  # noqa: E402
from wms_desktop.db.engine import Database  # noqa: E402
from wms_desktop.services import Services  # noqa: E402
from wms_desktop.ui.main_window import MainWindow  # noqa: E402
from wms_desktop.ui.ops import OpRunner, set_op_runner  # noqa: E402
from wms_desktop.ui.session import AppContext, Session  # noqa: E402
from wms_desktop.ui.settings import AppSettings  # noqa: E402


class Heartbeat:
    """The longest gap between 5 ms timer ticks = the longest GUI-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.last = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def wait(app: QApplication, condition, timeout: float = 30.0) -> float:
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError
        time.sleep(0.0005)
    return (time.perf_counter() - started) * 1000


def first_rows_shown(screen) -> bool:
    return screen.model.rowCount() > 0 and screen.model.is_loaded(0)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    app = QApplication(sys.argv[:1])
    runner = OpRunner(app)
    set_op_runner(runner)
    db = Database(f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{WMS_DB}")
    services = Services(db, WAREHOUSE)
    tmp = tempfile.mkdtemp(prefix="bench-gui-")
    settings = AppSettings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
    context = AppContext(services=services, settings=settings, runner=runner, warehouse_code=WAREHOUSE,
                         database_label="wms_bench", session=Session(1, "bench", "Bench", "admin"))
    window = MainWindow(context)
    window.resize(1280, 800)
    window.show()
    try:
        run(app, window, services)
    finally:
        runner.wait_for_done()
        window.close()
        db.dispose()


def run(app, window, services) -> None:
    products = window.screen("products")
    wait(app, lambda: first_rows_shown(products))
    print(f"start to usable window (imports, window, first product rows): {(time.perf_counter() - T0) * 1000:.0f} ms")
    print(f"rows: {len(services.browse.product_ids({})):,} products")
    sample = products.model.row_data(0)

    # products: reopen, then search
    products.model.set_payload({})
    products.model._cache.clear()
    started = time.perf_counter()
    wait(app, lambda: first_rows_shown(products) and products.model.generation and products.model.is_loaded(0))
    print(f"products first rows after opening: {(time.perf_counter() - started) * 1000:.0f} ms")
    for text in (sample["product_code"][:4], sample["product_name"].split()[0][:2], sample["product_code"]):
        products.search_box.setText(text)
        products.model._cache.clear()
        started = time.perf_counter()
        products.search(text)
        wait(app, lambda: products.model.is_complete and (products.model.rowCount() == 0 or products.model.is_loaded(0)))
        print(f"products search {text!r}: first rows {(time.perf_counter() - started) * 1000:.0f} ms "
              f"({products.model.rowCount():,} rows)")

    # stock: open
    window.show_screen(2)
    stock = window.screen("stock")
    started = time.perf_counter()
    wait(app, lambda: first_rows_shown(stock))
    print(f"stock first rows after opening: {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    wait(app, lambda: stock.model.is_complete, timeout=120)
    print(f"stock whole id list in: {(time.perf_counter() - started) * 1000:.0f} ms ({stock.model.rowCount():,} rows)")
    row = stock.model.row_data(0)
    for text in (row["sku_code"][:4], row["sku_code"], row["location_code"]):
        stock.search_box.setText(text)
        stock.model._cache.clear()
        started = time.perf_counter()
        stock.search(text)
        wait(app, lambda: stock.model.rowCount() == 0 or stock.model.is_loaded(0))
        print(f"stock search {text!r}: first rows {(time.perf_counter() - started) * 1000:.0f} ms")
        wait(app, lambda: stock.model.is_complete, timeout=120)

    # typing a search, one key every 80 ms
    heart = Heartbeat()
    stock.search_box.clear()
    heart.start()
    word = row["sku_code"][:8]
    for i in range(1, len(word) + 1):
        stock.search_box.setText(word[:i])
        stock.search(word[:i])
        end = time.perf_counter() + 0.08
        while time.perf_counter() < end:
            app.processEvents()
    wait(app, lambda: stock.model.is_complete, timeout=120)
    print(f"longest GUI stall while typing a stock search: {heart.stop():.1f} ms")

    # scroll the whole stock table end to end
    stock.search_box.clear()
    stock.search("")
    wait(app, lambda: stock.model.is_complete, timeout=120)
    bar = stock.table.verticalScrollBar()
    rows = stock.model.rowCount()
    page = max(1, stock.table.viewport().height() // stock.table.verticalHeader().defaultSectionSize())
    step = max(page, rows // 4000)  # ~4000 screens from top to bottom, every screen painted
    heart.start()
    started = time.perf_counter()
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + step)
        bar.setValue(value)
        app.processEvents()
    scroll_ms = (time.perf_counter() - started) * 1000
    wait(app, lambda: stock.model.is_loaded(stock.table.rowAt(0)) if stock.table.rowAt(0) >= 0 else True)
    print(f"scrolled {rows:,} stock rows end to end in {scroll_ms / 1000:.1f} s, step {step} rows; "
          f"longest GUI stall {heart.stop():.1f} ms; block fetches {stock.model.block_fetches}")
    print(f"resident memory after scrolling: {rss_mb():.0f} MB (cache {stock.model.memory_rows():,} rows)")


if __name__ == "__main__":
    main()
    QApplication.instance().processEvents()
