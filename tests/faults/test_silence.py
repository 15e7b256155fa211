"""A network that goes silent — TCP still up, nothing arriving — never hangs a workstation, and
never leaves another workstation waiting on the silent one's locks: the client gives up after
its answer timeout; a posting on its own is one autocommit call, and a unit of work the server
saw begin (a posting inside a larger unit among them) is ended by the server after its idle
timeout."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from tests.conftest import WAREHOUSE
from tests.faults.conftest import QUICK, RETURNS_WITHIN_S, open_shop, outcome
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.contract.stock import Transfer
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services, inventory
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope


def unavailable(result) -> WmsError:
    assert isinstance(result, WmsError), repr(result)
    assert result.error_code == "DATABASE_UNAVAILABLE", result
    return result


def shipping_when(fault, db: Database) -> tuple[threading.Thread, list]:
    """A second workstation that ships one P1 from A1 the moment ``fault`` fires; the list gets
    its result (or error)."""
    shipped: list = []

    def ship() -> None:
        fault.fired.wait(RETURNS_WITHIN_S)
        shipped.append(outcome(lambda: Services(db, WAREHOUSE).inventory.outbound(
            {"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"})))

    other = threading.Thread(target=ship)
    other.start()
    return other, shipped


def test_silence_as_a_posting_is_sent_ends_in_a_coded_error_and_locks_nothing(proxy, through_proxy, pg):
    """Silent as the posting call goes out: the posting workstation gets DATABASE_UNAVAILABLE (no
    answer, outcome unknown: the call commits by itself), and a second workstation shipping from
    the same balance the moment the network goes quiet is not kept waiting — a posting is one
    statement in autocommit, so no balance is ever left locked behind a client gone silent."""
    open_shop(Services(pg, WAREHOUSE))
    other_db = Database(pg.url, DatabaseLimits(lock_timeout_ms=3 * QUICK.idle_in_transaction_ms))
    move = {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2", "stock_quantity": 3,
            "operator_id": "u", "request_id": "silent-1"}
    assert through_proxy.stock.query({}).pagination.total == 1  # connected
    fault = proxy.on("silence", statement="SELECT wms_post_transfer")
    other, shipped = shipping_when(fault, other_db)
    error = unavailable(outcome(lambda: through_proxy.inventory.transfer(move)))
    other.join(RETURNS_WITHIN_S)
    other_db.dispose()
    assert (error.details["reason"], error.details["outcome"]) == ("no_answer", "unknown")
    assert not isinstance(shipped[0], Exception), shipped[0]
    assert shipped[0].current_quantity == 9  # not kept waiting: the silent call had locked nothing
    proxy.speak()  # the held-up call may now reach the server after all: the retry with its request_id settles it
    assert outcome(lambda: through_proxy.inventory.transfer(move)).from_current_quantity == 6
    with pg.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM stock_movements WHERE request_id = 'silent-1'")) == 2
    assert_ledger_matches_balances(pg)


@pytest.mark.parametrize("statement", ["COMMIT", "SELECT 'after the posting'"])
def test_silence_in_a_unit_that_posts_ends_in_a_coded_error_and_frees_the_stock(proxy, through_proxy, pg, statement):
    """A posting inside a larger unit of work holds its balances until the unit commits. Silent
    at COMMIT, or before the unit's next statement: the workstation gets DATABASE_UNAVAILABLE (no
    answer), and a second workstation that starts shipping from the same balance the moment the
    network goes quiet gets it — within its lock wait, three times the silent one's idle limit:
    the server ended the abandoned transaction and its row locks."""
    open_shop(Services(pg, WAREHOUSE))
    other_db = Database(pg.url, DatabaseLimits(lock_timeout_ms=3 * QUICK.idle_in_transaction_ms))
    move = Transfer(sku_code="P1", from_location_code="A1", to_location_code="A2", stock_quantity=3, operator_id="u")

    def unit(uow) -> None:
        inventory.transfer(uow, move)
        uow.conn.exec_driver_sql("SELECT 'after the posting'")

    scope = Scope(through_proxy.db, Warehouse(WAREHOUSE), SYSTEM)
    assert through_proxy.stock.query({}).pagination.total == 1  # connected: the next COMMIT is the unit's
    fault = proxy.on("silence", statement=statement)
    other, shipped = shipping_when(fault, other_db)
    error = unavailable(outcome(lambda: scope.write(unit)))
    other.join(RETURNS_WITHIN_S)
    other_db.dispose()
    assert error.details["reason"] == "no_answer"
    assert not isinstance(shipped[0], Exception), shipped[0]
    assert shipped[0].current_quantity == 9  # the silent unit never committed
    proxy.speak()
    assert outcome(lambda: scope.write(unit)) is None
    assert through_proxy.stock.query({"location_code": "A1"}).items[0].stock_quantity == 6
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
