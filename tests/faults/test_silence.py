"""A network that goes silent — TCP still up, nothing arriving — never hangs a workstation, and
never leaves another workstation waiting on the silent one's locks: the client gives up after
its answer timeout, the server ends the abandoned transaction after its idle timeout."""
from __future__ import annotations

import pytest

from tests.conftest import WAREHOUSE
from tests.faults.conftest import open_shop, outcome
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


def unavailable(result) -> WmsError:
    assert isinstance(result, WmsError), repr(result)
    assert result.error_code == "DATABASE_UNAVAILABLE", result
    return result


@pytest.mark.parametrize("statement", ["COMMIT", "INSERT INTO stock_movements", "UPDATE stock_balances"])
def test_silence_mid_posting_ends_in_a_coded_error_and_frees_the_stock(proxy, through_proxy, pg, statement):
    """Silent at COMMIT, or before a statement of the posting: the posting workstation gets
    DATABASE_UNAVAILABLE (no answer), and a second workstation ships from the same balance
    without a LOCK_TIMEOUT: the server ended the silent one's transaction and its row locks."""
    other = Services(pg, WAREHOUSE)
    open_shop(other)
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "silent-1"}
    proxy.on("silence", statement=statement)
    error = unavailable(outcome(lambda: through_proxy.inventory.transfer(move)))
    assert error.details["reason"] == "no_answer"
    shipped = outcome(lambda: other.inventory.outbound(
        {"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"}))
    assert not isinstance(shipped, Exception), shipped
    assert shipped["current_quantity"] == 9  # the silent transfer never committed
    proxy.speak()
    assert outcome(lambda: through_proxy.inventory.transfer(move))["from_current_quantity"] == 6
    assert_ledger_matches_balances(pg)


def test_a_server_that_accepts_but_never_answers(proxy, through_proxy):
    proxy.silence()
    error = unavailable(outcome(lambda: through_proxy.stock.query({})))
    assert error.details["reason"] == "cannot_connect"


def test_silence_on_a_pooled_connection_between_calls(proxy, through_proxy, pg):
    open_shop(Services(pg, WAREHOUSE))
    assert through_proxy.stock.query({})["pagination"]["total"] == 1  # a connection is now pooled
    proxy.silence()
    unavailable(outcome(lambda: through_proxy.stock.query({})))
    proxy.speak()
    assert outcome(lambda: through_proxy.stock.query({}))["pagination"]["total"] == 1
