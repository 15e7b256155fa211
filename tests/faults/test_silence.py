"""A network that goes silent — TCP still up, nothing arriving — never hangs a workstation, and
never leaves another workstation waiting on the silent one's locks: the client gives up after
its answer timeout, the server ends the abandoned transaction after its idle timeout."""
from __future__ import annotations

import threading

import pytest

from tests.conftest import WAREHOUSE
from tests.faults.conftest import QUICK, RETURNS_WITHIN_S, open_shop, outcome
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services


def unavailable(result) -> WmsError:
    assert isinstance(result, WmsError), repr(result)
    assert result.error_code == "DATABASE_UNAVAILABLE", result
    return result


@pytest.mark.parametrize("statement", ["COMMIT", "INSERT INTO stock_movements"])
def test_silence_mid_posting_ends_in_a_coded_error_and_frees_the_stock(proxy, through_proxy, pg, statement):
    """Silent at COMMIT, or before a statement of the posting (its balances locked): the posting
    workstation gets DATABASE_UNAVAILABLE (no answer), and a second workstation that starts
    shipping from the same balance the moment the network goes quiet gets it — within its lock
    wait, three times the silent one's idle limit: the server ended the abandoned transaction
    and its row locks (the silent workstation's own connection never reaches the server
    again)."""
    open_shop(Services(pg, WAREHOUSE))
    other_db = Database(pg.url, DatabaseLimits(lock_timeout_ms=3 * QUICK.idle_in_transaction_ms))
    # no request_id: then the posting's last statement is its outbox rows, several in one
    # statement (as a driver pipeline they would end in a Flush, after which the server's idle
    # timer stays off until the next statement — the one that never comes)
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u"}
    assert through_proxy.stock.query({}).pagination.total == 1  # connected: the next COMMIT is the posting's
    fault = proxy.on("silence", statement=statement)
    shipped: list = []

    def ship_when_silent() -> None:
        fault.fired.wait(RETURNS_WITHIN_S)
        shipped.append(outcome(lambda: Services(other_db, WAREHOUSE).inventory.outbound(
            {"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"})))

    other = threading.Thread(target=ship_when_silent)
    other.start()
    error = unavailable(outcome(lambda: through_proxy.inventory.transfer(move)))
    other.join(RETURNS_WITHIN_S)
    other_db.dispose()
    assert error.details["reason"] == "no_answer"
    assert not isinstance(shipped[0], Exception), shipped[0]
    assert shipped[0].current_quantity == 9  # the silent transfer never committed
    proxy.speak()
    assert outcome(lambda: through_proxy.inventory.transfer(move)).from_current_quantity == 6
    assert_ledger_matches_balances(pg)


def test_a_server_that_accepts_but_never_answers(proxy, through_proxy):
    proxy.silence()
    error = unavailable(outcome(lambda: through_proxy.stock.query({})))
    assert error.details["reason"] == "cannot_connect"


def test_silence_on_a_pooled_connection_between_calls(proxy, through_proxy, pg):
    open_shop(Services(pg, WAREHOUSE))
    assert through_proxy.stock.query({}).pagination.total == 1  # a connection is now pooled
    proxy.silence()
    unavailable(outcome(lambda: through_proxy.stock.query({})))
    proxy.speak()
    assert outcome(lambda: through_proxy.stock.query({})).pagination.total == 1
