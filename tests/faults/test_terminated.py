"""A server process killed mid-posting (``pg_terminate_backend``, an out-of-memory kill, a
failover) is DATABASE_UNAVAILABLE like any other lost connection — even when it dies while the
driver is in pipeline mode (an executemany) — and nothing is logged as a crash."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import bindparam, func, select, update

from tests.conftest import WAREHOUSE
from tests.faults.conftest import open_shop, outcome
from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.schema import stock_balances
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.mark.parametrize("statement, when", [
    ("SELECT wms_post_transfer", "at_ready"),  # the call ran and committed; only "ready" was to come
    ("SELECT wms_post_transfer", "before"),  # killed before the call arrived
])
def test_a_server_process_killed_mid_posting(proxy, through_proxy, pg, caplog, statement, when):
    open_shop(Services(pg, WAREHOUSE))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "killed-1"}
    proxy.on("terminate", statement=statement, when=when)
    with caplog.at_level(logging.WARNING):
        error = outcome(lambda: through_proxy.inventory.transfer(move))
        assert isinstance(error, WmsError) and error.error_code == "DATABASE_UNAVAILABLE", repr(error)
        assert outcome(lambda: through_proxy.inventory.transfer(move)).to_current_quantity == 3  # posted once
    assert [r.getMessage() for r in caplog.records if r.name.startswith(("sqlalchemy", "psycopg"))] == []
    assert_ledger_matches_balances(pg)


def test_a_server_process_killed_while_the_driver_is_in_pipeline_mode(proxy, through_proxy, pg, caplog):
    """psycopg runs an executemany as a pipeline. Killed when the server has run it all but not
    yet said it is ready: the driver sees the FATAL error before the end of the connection and
    is left in pipeline mode ("cannot exit pipeline mode while busy"), where a rollback fails
    too. It is DATABASE_UNAVAILABLE, the connection is thrown away, and nothing was written."""
    open_shop(Services(pg, WAREHOUSE))
    touch = (update(stock_balances).where(stock_balances.c.balance_id == bindparam("id"))
             .values(updated_at=func.now()))
    ids = [{"id": row.balance_id} for row in pg.run(lambda conn: conn.execute(select(stock_balances.c.balance_id)))]
    before = snapshot(pg)
    proxy.on("terminate", statement="UPDATE stock_balances", when="at_ready")
    with caplog.at_level(logging.WARNING):
        error = outcome(lambda: through_proxy.db.run(lambda conn: conn.execute(touch, ids * 2)))
        assert isinstance(error, WmsError) and error.error_code == "DATABASE_UNAVAILABLE", repr(error)
        assert outcome(lambda: through_proxy.stock.query({})).pagination.total == 1  # a new connection
    assert [r.getMessage() for r in caplog.records if r.name.startswith(("sqlalchemy", "psycopg"))] == []
    assert snapshot(pg) == before
