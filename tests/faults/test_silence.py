"""A network that goes silent — TCP still up, nothing arriving — never hangs a workstation, and
never leaves another workstation waiting on the silent one's locks: the client gives up after
its answer timeout; a posting is one autocommit call, and a unit of work the server saw begin is
ended by the server after its idle timeout."""
from __future__ import annotations

import threading

from sqlalchemy import text

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


def test_silence_as_a_posting_is_sent_ends_in_a_coded_error_and_locks_nothing(proxy, through_proxy, pg):
    """Silent as the posting call goes out: the posting workstation gets DATABASE_UNAVAILABLE (no
    answer, outcome unknown: the call commits by itself), and a second workstation shipping from
    the same balance the moment the network goes quiet is not kept waiting — a posting is one
    statement in autocommit, so no balance is ever left locked behind a client gone silent."""
    open_shop(Services(pg, WAREHOUSE))
    other_db = Database(pg.url, DatabaseLimits(lock_timeout_ms=3 * QUICK.idle_in_transaction_ms))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "silent-1"}
    assert through_proxy.stock.query({})["pagination"]["total"] == 1  # connected
    fault = proxy.on("silence", statement="SELECT wms_post_transfer")
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
    assert (error.details["reason"], error.details["outcome"]) == ("no_answer", "unknown")
    assert not isinstance(shipped[0], Exception), shipped[0]
    assert shipped[0]["current_quantity"] == 9  # not kept waiting: the silent call had locked nothing
    proxy.speak()  # the held-up call may now reach the server after all: the retry with its request_id settles it
    assert outcome(lambda: through_proxy.inventory.transfer(move))["from_current_quantity"] == 6
    with pg.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM stock_movements WHERE request_id = 'silent-1'")) == 2
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
