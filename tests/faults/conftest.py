"""The fault kit's fixtures: a TCP proxy in front of the shared test database that can refuse,
cut or go silent (``proxy``), and a private PostgreSQL cluster that a test may restart
(``cluster``; never the shared server). Workstations under test use ``QUICK`` limits, so a
bounded wait is also a short one."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import PG_URL, WAREHOUSE
from tests.faults.cluster import PrivateCluster
from tests.faults.proxy import FaultProxy
from wms_desktop.db.engine import Database
from wms_desktop.db.migrate import upgrade
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services, create_warehouse

QUICK = DatabaseLimits(connect_timeout_ms=2000, lock_timeout_ms=500, statement_timeout_ms=1000,
                       idle_in_transaction_ms=1000, dead_peer_ms=3000, answer_grace_ms=500)
# what "it returned at all" means in these tests: far above QUICK's waits, far below a hang
RETURNS_WITHIN_S = 30


def outcome(call: Callable[[], Any]) -> Any:
    """``call()``'s result or the exception it raised; fails the test when it has not returned
    within RETURNS_WITHIN_S (it hangs)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as error:  # handed to the test
            box["result"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(RETURNS_WITHIN_S)
    assert not worker.is_alive(), f"still waiting after {RETURNS_WITHIN_S} s"
    return box["result"]


def open_shop(services: Services, quantity: int = 10) -> None:
    """Locations A1 and A2, product P1 with ``quantity`` units at A1."""
    services.locations.create({"location_code": "A1"})
    services.locations.create({"location_code": "A2"})
    services.catalog.create_product({"product_code": "P1", "product_name": "故障测试", "operator_id": "u"})
    services.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": quantity,
                                "operator_id": "u"})


@pytest.fixture
def proxy(pg):
    """A proxy in front of the shared test database (emptied, with warehouse WH01)."""
    url = make_url(PG_URL)
    fault_proxy = FaultProxy(url.port or 5432, url.host or "127.0.0.1")
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def through_proxy(proxy):
    """A workstation on the shared test database whose every connection goes through ``proxy``."""
    db = Database(proxy.url(make_url(PG_URL).database), QUICK)
    yield Services(db, WAREHOUSE)
    db.dispose()


@pytest.fixture(scope="session")
def cluster():
    """A private PostgreSQL with a migrated database ``wms`` and warehouse WH01."""
    private = PrivateCluster()
    try:
        private.start()
        private.psql("CREATE DATABASE wms")
        db = Database(private.url("wms"))
        upgrade(db)
        create_warehouse(db, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库 Main"})
        db.dispose()
        yield private
    finally:
        private.destroy()
