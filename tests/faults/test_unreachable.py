"""A database that cannot be reached is one coded error, whatever the reason — refused, shutting
down, restarting, gone while a workstation keeps calling — and the workstation is back by
itself when the server is."""
from __future__ import annotations

import threading
import time

import psycopg
import pytest

from tests.conftest import WAREHOUSE
from tests.faults.conftest import QUICK, open_shop, outcome
from tests.helpers import LOOPBACK, free_port, wait_until
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


def unavailable(result) -> dict:
    assert isinstance(result, WmsError), repr(result)
    assert result.error_code == "DATABASE_UNAVAILABLE", result
    return result.details


def test_a_refused_connection_is_database_unavailable():
    db = Database(f"postgresql+psycopg://postgres@{LOOPBACK}:{free_port()}/x", QUICK)
    details = unavailable(outcome(lambda: Services(db, WAREHOUSE).stock.query({})))
    assert details["reason"] == "cannot_connect"
    assert details["database"] == db.describe() and "refused" in details["error"]
    db.dispose()


def refuses_sessions(port: int) -> bool:
    try:
        psycopg.connect(host=LOOPBACK, port=port, user="postgres", dbname="postgres", connect_timeout=2).close()
    except psycopg.OperationalError:
        return True
    return False


def test_a_server_that_is_shutting_down_is_database_unavailable(cluster):
    """A smart shutdown waits for the sessions still open; meanwhile the server refuses new ones
    with 57P03, the SQLSTATE it also gives while starting up."""
    db = Database(cluster.url("wms"), QUICK)
    holder = psycopg.connect(host=LOOPBACK, port=cluster.port, user="postgres", dbname="postgres")
    try:
        cluster.stop_nowait("smart")
        assert wait_until(lambda: refuses_sessions(cluster.port))
        details = unavailable(outcome(lambda: Services(db, WAREHOUSE).stock.query({})))
        assert details["reason"] == "cannot_connect" and "shutting down" in details["error"]
    finally:
        holder.close()
        cluster.wait_stopped()
        cluster.start()
        db.dispose()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_through_a_restart_every_failure_is_coded_and_the_workstation_recovers(cluster, mode):
    """A workstation keeps working while the server restarts: each call either succeeds or is
    DATABASE_UNAVAILABLE (never a raw driver error), and calls succeed again once it is back."""
    db = Database(cluster.url("wms"), QUICK)
    services = Services(db, WAREHOUSE)
    suffix = f"{mode[0]}{time.monotonic_ns()}"
    services.locations.create({"location_code": f"R{suffix}"})
    raw: list[BaseException] = []
    coded = 0
    restarted = threading.Event()

    def keep_calling() -> None:
        nonlocal coded
        while not restarted.is_set():
            try:
                services.stock.query({"location_code": f"R{suffix}"})
            except WmsError as error:
                assert error.error_code == "DATABASE_UNAVAILABLE"
                coded += 1
            except Exception as error:  # what this test is about
                raw.append(error)

    callers = [threading.Thread(target=keep_calling) for _ in range(3)]
    for caller in callers:
        caller.start()
    try:
        time.sleep(0.2)
        cluster.stop(mode)
        time.sleep(0.5)  # calls meet a closed port
        cluster.start()
        time.sleep(0.2)
    finally:
        restarted.set()
        for caller in callers:
            caller.join(30)
    assert raw == []
    assert coded > 0  # the outage was seen, as the coded error
    assert outcome(lambda: services.stock.query({"location_code": f"R{suffix}"})).pagination.total == 0
    db.dispose()


def test_a_refusal_while_posting_writes_nothing_and_a_retry_posts_once(proxy, through_proxy, pg):
    open_shop(Services(pg, WAREHOUSE))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "refused-1"}
    proxy.refuse()
    proxy.cut()
    unavailable(outcome(lambda: through_proxy.inventory.transfer(move)))
    proxy.accept_again()
    assert through_proxy.inventory.transfer(move).to_current_quantity == 3
    assert through_proxy.inventory.transfer(move).to_current_quantity == 3  # the first result, again
    assert Services(pg, WAREHOUSE).stock.query({"location_code": "A2"}).items[0].stock_quantity == 3


def test_a_transaction_left_idle_is_ended_by_the_server_and_says_so(pg):
    """A unit of work that stalls between statements (a frozen workstation) loses its session
    after the idle limit: its locks go with it, and the workstation hears why."""
    db = Database(pg.url, QUICK)

    def stalls(conn):
        conn.exec_driver_sql("SELECT 1")
        time.sleep(3 * QUICK.idle_in_transaction_ms / 1000)
        return conn.exec_driver_sql("SELECT 1").scalar()

    details = unavailable(outcome(lambda: db.run(stalls)))
    assert details["reason"] == "idle_timeout"
    assert db.run(lambda conn: conn.exec_driver_sql("SELECT 1").scalar()) == 1  # a fresh session
    db.dispose()
