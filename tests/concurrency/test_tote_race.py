"""Two stations binding one tote to two orders at once (PostgreSQL): the tote's advisory lock
puts the second after the first, which then sees the tote held — TOTE_IN_USE, nothing
changed — instead of two orders answering one tote scan."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from tests.concurrency.test_server_calls import WAIT, _until
from tests.conftest import WAREHOUSE
from tests.services.test_orders_waves import pick, shop, wave  # noqa: F401 (fixtures)
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.fixture
def services(pg):  # the shop and the wave on PostgreSQL only: the race needs its locks
    return Services(pg, WAREHOUSE)


def test_the_second_order_to_bind_a_tote_waits_and_is_refused(wave, pg):
    services, _session = wave
    outcome: dict = {}

    def second() -> None:
        try:
            outcome["result"] = pick(services, "SO-3", "T01", "r-3")
        except WmsError as error:
            outcome["error"] = error

    def waiting() -> bool:
        with pg.engine.connect() as conn:
            return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'"
                                         " AND datname = current_database()")))

    with pg.engine.connect() as first, first.begin():  # the first station, between its check and commit
        warehouse_id = first.scalar(text("SELECT warehouse_id FROM warehouses WHERE warehouse_code = :w"),
                                    {"w": WAREHOUSE})
        first.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"tote:{warehouse_id}:T01"})
        first.execute(text("UPDATE orders SET tote_code = 'T01' WHERE document_id = "
                           "(SELECT document_id FROM documents WHERE document_number = 'SO-1')"))
        worker = threading.Thread(target=second)
        worker.start()
        _until(waiting, "the second binding to wait on the tote's lock")
    worker.join(WAIT)
    assert "result" not in outcome, outcome
    assert (outcome["error"].error_code, outcome["error"].details["holder"]) == ("TOTE_IN_USE", "SO-1")
    assert services.orders.get({"order_number": "SO-3"}).tote_code is None
    assert services.lookup.identify({"code": "T01"}).document_number == "SO-1"
