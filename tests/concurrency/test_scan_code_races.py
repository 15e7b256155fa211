"""Two workstations giving the same scan code at once (PostgreSQL): the unique index decides,
and the one that loses gets SCAN_CODE_EXISTS with nothing changed — not a raw integrity
error, and never two locations or SKUs answering one scan."""
from __future__ import annotations

import threading

from sqlalchemy import text

from tests.concurrency.test_server_calls import WAIT, _until
from tests.conftest import WAREHOUSE
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


def _race(pg, taken_by_other: str, call) -> WmsError:
    """``call`` runs while another transaction holds ``taken_by_other`` (uncommitted: the
    service's check cannot see it), blocks on the index, and fails when the other commits."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = call()
        except WmsError as error:
            outcome["error"] = error

    def waiting() -> bool:
        with pg.engine.connect() as conn:
            return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                         " AND datname = current_database()")))

    with pg.engine.connect() as other, other.begin():
        other.execute(text(taken_by_other))
        worker = threading.Thread(target=run)
        worker.start()
        _until(waiting, "the second edit to wait on the scan code's index entry")
    worker.join(WAIT)
    assert "result" not in outcome, outcome
    return outcome["error"]


def test_the_second_location_to_take_a_scan_code_is_refused(pg):
    services = Services(pg, WAREHOUSE)
    for code in ("西1", "西2"):
        services.locations.create({"location_code": code})
    error = _race(pg, "UPDATE locations SET scan_code = 'W-1' WHERE location_code = '西1'",
                  lambda: services.locations.update({"location_code": "西2", "scan_code": "W-1"}))
    assert error.error_code == "SCAN_CODE_EXISTS"
    assert services.locations.get({"location_code": "西2"}).scan_code != "W-1"
    assert services.lookup.identify({"code": "W-1"}).location_code == "西1"


def test_a_new_location_with_a_scan_code_just_taken_is_refused_as_such(pg):
    services = Services(pg, WAREHOUSE)
    services.locations.create({"location_code": "西1"})
    error = _race(pg, "UPDATE locations SET scan_code = 'W-1' WHERE location_code = '西1'",
                  lambda: services.locations.create({"location_code": "西3", "scan_code": "W-1"}))
    assert error.error_code == "SCAN_CODE_EXISTS"
    assert [p.location_code for p in services.locations.list()] == ["无货位", "西1"]


def test_the_second_sku_to_take_a_scan_code_is_refused(pg):
    services = Services(pg, WAREHOUSE)
    for code in ("P1", "P2"):
        services.catalog.create_product({"product_code": code, "product_name": "p", "operator_id": "u"})
    error = _race(pg, "UPDATE skus SET scan_code = 'TEE-1' WHERE sku_code = 'P1'",
                  lambda: services.catalog.update_sku({"sku_code": "P2", "scan_code": "TEE-1", "operator_id": "u"}))
    assert error.error_code == "SCAN_CODE_EXISTS"
    assert services.lookup.identify({"code": "TEE-1"}).sku_code == "P1"
