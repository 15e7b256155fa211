"""The clerk's input checks without Qt (issue 10): quantities refused rather than coerced, the
batch step of the operation form, expiry text, the pick session's unscanned picks."""
from __future__ import annotations

from datetime import date

import pytest

from wms_desktop.contract.stock import Pick, PickPlan
from wms_desktop.devices.scanner import Scan, parse_scan
from wms_desktop.ui.workflows.operation_form import (
    Entry,
    InboundForm,
    OutboundForm,
    Problem,
    QuantityMode,
    Refusal,
    expiry_of,
    quantity_of,
)
from wms_desktop.ui.workflows.pick_session import PickSession


@pytest.mark.parametrize("text,mode,value", [
    ("5", QuantityMode.MOVE, 5), (" 7 ", QuantityMode.MOVE, 7), ("-5", QuantityMode.MOVE, None),
    ("+5", QuantityMode.MOVE, None), ("5.5", QuantityMode.MOVE, None), ("1e3", QuantityMode.MOVE, None),
    ("1_000", QuantityMode.MOVE, None), ("٥", QuantityMode.MOVE, None), ("0", QuantityMode.MOVE, None),
    ("-3", QuantityMode.DELTA, -3), ("+3", QuantityMode.DELTA, 3),
    ("0", QuantityMode.DELTA, None), ("1000000001", QuantityMode.MOVE, None), ("", QuantityMode.MOVE, None)])
def test_a_quantity_is_whole_ascii_digits_never_coerced(text, mode, value):
    assert quantity_of(text, mode) == value


def entry(item="P1", batch="", quantity="", expiry="") -> Entry:
    return Entry({"location_code": "A-1"}, item, batch, quantity, expiry)


BATCHED = Scan("P1", kind="sku", product_code="P1", sku_code="P1", batched=True)
PLAIN = Scan("P2", kind="sku", product_code="P2", sku_code="P2")


def test_the_batch_step_takes_what_is_no_location_or_item():
    form = InboundForm(operator_id="u")
    form.take_scan(BATCHED, entry())
    assert form.wants_batch()
    assert form.take_scan(Scan("251203"), entry(), in_batch=True).batch_number == "251203"  # not a quantity
    assert form.take_scan(Scan("251203"), entry()).quantity == 251203  # the quantity step
    assert form.take_scan(Scan("AB\x1dC"), entry(), in_batch=True).not_a_batch == "AB\x1dC"
    assert form.take_scan(Scan("A-2", kind="location", location_code="A-2"), entry(), in_batch=True).location_code
    form.take_scan(PLAIN, entry())
    assert not form.wants_batch()


def test_a_gs1_label_fills_batch_and_expiry_where_the_operation_takes_one():
    label = parse_scan("]C11726123110L7")  # a batch label: (17) and (10), no GTIN
    inbound = InboundForm(operator_id="u").take_scan(label, entry())
    assert (inbound.batch_number, inbound.expiry_date) == ("L7", date(2026, 12, 31))
    assert OutboundForm(operator_id="u").take_scan(label, entry()).expiry_date is None


def test_an_expiry_is_a_date_and_needs_a_batch():
    form = InboundForm(operator_id="u")
    form.take_scan(PLAIN, entry())
    assert expiry_of("2031-06-30") == date(2031, 6, 30) and expiry_of("2031-02-30") is None
    assert form.problem(entry(quantity="1", expiry="30.06.2031")) == Refusal(Problem.EXPIRY, "expiry_date")
    assert form.problem(entry(quantity="1", expiry="2031-06-30")) == Refusal(Problem.MISSING, "batch_number")
    command = form.submit(entry(quantity="1", expiry="2031-06-30", batch="B1"))
    assert (command.batch_number, command.expiry_date) == ("B1", date(2031, 6, 30))


def test_only_picks_nobody_confirmed_are_unscanned():
    session = PickSession(operator_id="u")
    picks = [Pick(line_index=0, location_code=f"A-{i}", product_code="P1", product_name=None, sku_color=None,
                  sku_size=None, sku_code="P1", batch_number=None, stock_quantity=1, available_quantity=1)
             for i in range(3)]
    session.planned(PickPlan(order_number="SO-1", warehouse_code="WH01", lines=[], picks=picks,
                             requested_quantity=3, planned_quantity=3, shortfall_quantity=0))
    assert session.unscanned == [0, 1, 2]
    session.confirm(1)  # scanned (or Enter on its row)
    assert session.unscanned == [0, 2]
    session.confirm_all()
    assert session.unscanned == [] and session.queue == [1, 0, 2]
