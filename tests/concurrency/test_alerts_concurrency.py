"""PostgreSQL: two workstations whose postings take one product across its low threshold at
the same time raise one alert, and two recovering it together clear it. They post on different
balances, so nothing but the product's stock level row orders them: the second decides the
level after the first committed."""
from __future__ import annotations

import multiprocessing
import time

import pytest
from sqlalchemy import select

from tests.concurrency.contention_workers import WAREHOUSE
from wms_desktop.contract.stock import Inbound, Outbound
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import alerts, outbox_events
from wms_desktop.services import Services
from wms_desktop.services import inventory as inventory_module
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import UnitOfWork

WAIT = 30  # seconds, for the second workstation to be seen waiting, and to finish


def post_at_a2(url: str, operation: str, quantity: int, ready, go, done) -> None:
    """The second workstation (a spawned process): started and connected before the first opens
    its transaction, so a slow start under load never keeps that transaction idle past the
    server's idle-in-transaction timeout."""
    db = Database(url)
    try:
        services = Services(db, WAREHOUSE)
        services.stock.by_location({"location_code": "A2"})  # connected
        ready.set()
        go.wait(WAIT)
        result = getattr(services.inventory, operation)(
            {"product_code": "T1", "location_code": "A2", "stock_quantity": quantity, "operator_id": "b"})
        done.put(result.current_quantity)
    finally:
        db.dispose()


def waiting_on_a_lock(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND position('wms_post_balance' in query) > 0").scalar())


def open_shop(pg: Database) -> Services:
    """T1, 6 units in A1 and in A2 (12 in all), then a low threshold of 10."""
    services = Services(pg, WAREHOUSE)
    for place in ("A1", "A2"):
        services.locations.create({"location_code": place})
    product = services.catalog.create_product({"product_code": "T1", "product_name": "阈值", "operator_id": "u"})
    for place in ("A1", "A2"):
        services.inventory.inbound({"product_code": "T1", "location_code": place, "stock_quantity": 6,
                                    "operator_id": "u"})
    services.catalog.update_product({"product_id": product.product_id, "low_stock_threshold": 10, "operator_id": "u"})
    return services


def at_once(pg: Database, operation: str) -> None:
    """The first workstation posts 3 (out) or 1 (in) at A1 and holds its transaction open until
    the second, posting the same at A2, is seen waiting; then both finish."""
    quantity = 3 if operation == "outbound" else 1
    spawn = multiprocessing.get_context("spawn")
    ready, go, done = spawn.Event(), spawn.Event(), spawn.Queue()
    other = spawn.Process(target=post_at_a2, args=(str(pg.url), operation, quantity, ready, go, done))
    other.start()
    assert ready.wait(WAIT), "the second workstation never started"
    with pg.engine.connect() as a, a.begin():
        command = {"inbound": Inbound, "outbound": Outbound}[operation]
        getattr(inventory_module, operation)(UnitOfWork(a, Warehouse(WAREHOUSE)), command(
            product_code="T1", location_code="A1", stock_quantity=quantity, operator_id="a"))
        go.set()
        deadline = time.monotonic() + WAIT
        while not waiting_on_a_lock(pg):
            assert time.monotonic() < deadline, "the second posting never waited"
            assert other.is_alive()
            time.sleep(0.05)
    other.join(WAIT)
    assert other.exitcode == 0 and done.get(timeout=WAIT) is not None


def alert_rows(pg: Database) -> list[tuple]:
    with pg.engine.connect() as conn:
        return [(kind, quantity, cleared is not None) for kind, quantity, cleared in conn.execute(
            select(alerts.c.alert_type, alerts.c.quantity, alerts.c.cleared_at).order_by(alerts.c.alert_id))]


def alert_event_types(pg: Database) -> list[str]:
    with pg.engine.connect() as conn:
        return list(conn.scalars(select(outbox_events.c.event_type).where(outbox_events.c.event_type.like("alert.%"))
                                 .order_by(outbox_events.c.outbox_id)))


@pytest.mark.parametrize("recorded", [False, True], ids=["first-decision", "level-recorded"])
def test_two_postings_crossing_at_once_raise_one_alert(pg, recorded):
    """12 → 9 and 9 → 6 at once: each alone would see itself cross. ``recorded``: the level was
    decided before (the second waits on the row's lock), or this is the first decision (the
    second waits on the first's insert of the row)."""
    services = open_shop(pg)
    if recorded:
        services.inventory.inbound({"product_code": "T1", "location_code": "A1", "stock_quantity": 1,
                                    "operator_id": "u"})
        services.inventory.outbound({"product_code": "T1", "location_code": "A1", "stock_quantity": 1,
                                     "operator_id": "u"})
    at_once(pg, "outbound")
    assert alert_rows(pg) == [("low_stock", 9, False)]
    assert alert_event_types(pg) == ["alert.low_stock"]


def test_two_postings_recovering_together_clear_the_alert(pg):
    """9 (low) → 10 and 10 → 11 at once: each alone would still see 10, at the threshold; the
    second, deciding after the first committed, sees 11 and clears the alert."""
    services = open_shop(pg)
    services.inventory.outbound({"product_code": "T1", "location_code": "A1", "stock_quantity": 3,
                                 "operator_id": "u"})
    at_once(pg, "inbound")
    assert alert_rows(pg) == [("low_stock", 9, True)]
    assert alert_event_types(pg) == ["alert.low_stock", "alert.cleared"]
