"""A server process killed mid-posting (``pg_terminate_backend``, an out-of-memory kill, a
failover) is DATABASE_UNAVAILABLE like any other lost connection — even when it dies while the
driver is in pipeline mode, writing a posting's outbox rows — and nothing is logged as a crash."""
from __future__ import annotations

import logging

import pytest

from tests.conftest import WAREHOUSE
from tests.faults.conftest import open_shop, outcome
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.mark.parametrize("statement, when", [
    ("INSERT INTO stock_events", "at_ready"),  # the outbox rows of both ledger rows go out pipelined
    ("INSERT INTO stock_movements", "before"),
    ("COMMIT", "before"),
])
def test_a_server_process_killed_mid_posting(proxy, through_proxy, pg, caplog, statement, when):
    open_shop(Services(pg, WAREHOUSE))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "killed-1"}
    proxy.on("terminate", statement=statement, when=when)
    with caplog.at_level(logging.WARNING):
        error = outcome(lambda: through_proxy.inventory.transfer(move))
        assert isinstance(error, WmsError) and error.error_code == "DATABASE_UNAVAILABLE", repr(error)
        assert outcome(lambda: through_proxy.inventory.transfer(move))["to_current_quantity"] == 3  # posted once
    assert [r.getMessage() for r in caplog.records if r.name.startswith(("sqlalchemy", "psycopg"))] == []
    assert_ledger_matches_balances(pg)
