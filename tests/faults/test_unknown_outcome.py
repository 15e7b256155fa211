"""The one failure a caller cannot tell from the error alone: the connection is lost after the
server committed but before the answer arrived. The error says the outcome is unknown; the
retry with the same request_id answers with the committed result and posts nothing more."""
from __future__ import annotations

import pytest

from tests.conftest import WAREHOUSE
from tests.faults.conftest import open_shop, outcome
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.mark.parametrize("action", ["cut", "silence"])
def test_an_answer_lost_after_commit_is_resolved_by_the_retry(proxy, through_proxy, pg, action):
    open_shop(Services(pg, WAREHOUSE))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "lost-answer-1"}
    proxy.on(action, statement="SELECT wms_post_transfer", when="after")  # the call commits by itself
    error = outcome(lambda: through_proxy.inventory.transfer(move))
    assert isinstance(error, WmsError) and error.error_code == "DATABASE_UNAVAILABLE", repr(error)
    assert error.details["outcome"] == "unknown"
    proxy.speak()
    retried = outcome(lambda: through_proxy.inventory.transfer(move))
    assert (retried.from_current_quantity, retried.to_current_quantity) == (7, 3)
    assert Services(pg, WAREHOUSE).stock.query({"location_code": "A2"}).items[0].stock_quantity == 3
    assert_ledger_matches_balances(pg)


def test_a_failure_before_anything_was_sent_says_nothing_was_committed(proxy, through_proxy, pg):
    open_shop(Services(pg, WAREHOUSE))
    proxy.refuse()  # the posting cannot even connect
    error = outcome(lambda: through_proxy.inventory.transfer(
        {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
         "operator_id": "u", "request_id": "cut-early-1"}))
    assert isinstance(error, WmsError) and error.error_code == "DATABASE_UNAVAILABLE", repr(error)
    assert "outcome" not in error.details
