"""Customer returns on PostgreSQL and SQLite: opened against a shipped order only, items back to
stock, into damaged or scrapped with a reason, never more than was shipped (over every return
of the order), each restock or damage posted through the ledger with the return's number, at
most once per request_id; refusals change nothing; the order lists its returns."""
from __future__ import annotations

import pytest

from tests.helpers import assert_ledger_matches_balances
from tests.services.test_inventory import A1, WEST, M, refused, shop  # noqa: F401 (shop: fixture)
from tests.services.test_orders_fulfilment import PACK, pick, released  # noqa: F401 (released: fixture)
from wms_desktop.services import events

RETURNS, DAMAGED = "退货区", "残次区"


@pytest.fixture
def shipped(released):
    released.locations.create({"location_code": RETURNS, "location_type": "returns"})
    released.locations.create({"location_code": DAMAGED, "location_type": "damaged"})
    for location, quantity in ((WEST, 7), (A1, 5)):  # all of the released order of 12, packed and shipped
        pick(released, location, quantity)
    released.orders.pack({"order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 12}],
                          "operator_id": "u1"})
    released.orders.ship({"order_number": "SO-1", "operator_id": "u1"})
    return released


def test_a_return_takes_items_back_to_stock_damaged_or_scrapped(shipped):
    opened = shipped.returns.open({"order_number": "SO-1", "operator_id": "u2"})
    assert (opened.document_number, opened.state, opened.order_number) == ("RT-SO-1-1", "open", "SO-1")
    assert [(r.sku_code, r.shipped_quantity, r.returned_quantity) for r in opened.returnable] == [(M, 12, 0)]
    back = shipped.returns.receive({"return_number": "RT-SO-1-1", "sku_code": M, "stock_quantity": 2,
                                    "disposition": "restock", "reason_code": "wrong_size", "operator_id": "u2",
                                    "request_id": "rt-1"})
    assert [(b.location_code, b.current_quantity) for b in back.changes.balances] == [(RETURNS, 2)]
    again = shipped.returns.receive({"return_number": "RT-SO-1-1", "sku_code": M, "stock_quantity": 2,
                                     "disposition": "restock", "reason_code": "wrong_size", "operator_id": "u2",
                                     "request_id": "rt-1"})
    assert again == back  # once per request_id
    shipped.returns.receive({"return_number": "RT-SO-1-1", "sku_code": M, "stock_quantity": 1,
                             "disposition": "damaged", "reason_code": "torn", "operator_id": "u2"})
    done = shipped.returns.receive({"return_number": "RT-SO-1-1", "sku_code": M, "stock_quantity": 1,
                                    "disposition": "scrap", "reason_code": "stained", "operator_id": "u2"})
    assert [(li.disposition, li.location_code, li.stock_quantity) for li in done.lines] == [
        ("restock", RETURNS, 2), ("damaged", DAMAGED, 1), ("scrap", None, 1)]
    assert done.returnable[0].returned_quantity == 4
    history = shipped.history.movements({"location_code": RETURNS}).items
    assert [(h.operation, h.document_ref) for h in history] == [("inbound", "RT-SO-1-1")]
    closed = shipped.returns.close({"return_number": "RT-SO-1-1", "operator_id": "u2"})
    assert closed.state == "closed"
    assert shipped.orders.get({"order_number": "SO-1"}).returns == ["RT-SO-1-1"]
    kinds = [e["event_type"] for e in events.pending(shipped.db, limit=1000) if "return" in e["event_type"]]
    assert kinds == ["document.return.create"] + ["document.return.receive"] * 3 + ["document.return.close"]
    assert_ledger_matches_balances(shipped.db)


def test_never_more_back_than_was_shipped_over_every_return(shipped):
    shipped.returns.open({"order_number": "SO-1", "operator_id": "u2"})
    shipped.returns.receive({"return_number": "RT-SO-1-1", "sku_code": M, "stock_quantity": 10,
                             "disposition": "restock", "reason_code": "r", "operator_id": "u2"})
    second = shipped.returns.open({"order_number": "SO-1", "return_number": "RT-B", "operator_id": "u2"})
    assert second.document_number == "RT-B"
    error = refused(shipped, shipped.returns.receive, {
        "return_number": "RT-B", "sku_code": M, "stock_quantity": 3, "disposition": "restock", "reason_code": "r",
        "operator_id": "u2"}, "RETURN_QUANTITY_EXCEEDED")
    assert (error.code, error.details["returnable_quantity"]) == (15011, 2)
    refused(shipped, shipped.returns.receive, {
        "return_number": "RT-B", "sku_code": M, "stock_quantity": 1, "disposition": "restock",
        "location_code": DAMAGED, "reason_code": "r", "operator_id": "u2"}, "INVALID_PARAMETERS")
    shipped.returns.close({"return_number": "RT-B", "operator_id": "u2"})
    assert refused(shipped, shipped.returns.receive, {
        "return_number": "RT-B", "sku_code": M, "stock_quantity": 1, "disposition": "scrap", "reason_code": "r",
        "operator_id": "u2"}, "INVALID_STATE_TRANSITION").code == 16021


def test_only_a_shipped_order_takes_returns(released):
    error = refused(released, released.returns.open, {"order_number": "SO-1", "operator_id": "u2"},
                    "INVALID_STATE_TRANSITION")
    assert error.details["state"] == "released"
    refused(released, released.returns.open, {"order_number": "SO-404", "operator_id": "u2"}, "DOCUMENT_NOT_FOUND")
