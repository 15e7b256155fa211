"""PostgreSQL: a workstation waiting on another's lock gives up with LOCK_TIMEOUT, writing nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services


def test_lock_timeout_is_a_coded_error_and_changes_nothing(pg):
    services = Services(pg, WAREHOUSE)
    services.locations.create({"location_code": "A1"})
    services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    services.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 5, "operator_id": "u"})
    impatient = Services(Database(pg.url, DatabaseLimits(lock_timeout_ms=200)), WAREHOUSE)
    before = snapshot(pg)
    with pg.engine.connect() as other_workstation, other_workstation.begin():
        other_workstation.execute(text("SELECT * FROM stock_balances FOR UPDATE"))
        with pytest.raises(WmsError) as caught:
            impatient.inventory.outbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 1,
                                          "operator_id": "u"})
    assert caught.value.error_code == "LOCK_TIMEOUT"
    assert snapshot(pg) == before
    impatient.db.dispose()


def test_one_unit_of_work_has_one_time_on_both_backends(db):
    """Every row one operation writes carries the same operated_at (the ledger's keyset pages
    split such rows by id): SQLite's own 'now' moves between statements, ours does not."""
    import time

    from sqlalchemy import select

    from wms_desktop.db.engine import now

    def twice(conn):
        first = conn.scalar(select(now(conn)))
        time.sleep(0.005)
        return first, conn.scalar(select(now(conn)))

    first, second = db.run(twice)
    assert first == second
    assert db.run(lambda conn: conn.scalar(select(now(conn)))) > first  # the next transaction is later
