"""The state of multi-step work without Qt: the operation form and the pick session, driven as
the dialogs drive them (no widgets, no database)."""
from __future__ import annotations

import subprocess
import sys

from wms_desktop.contract.counts import CountLocationStarted, CountSheet, SheetLocation
from wms_desktop.contract.documents import DocumentRef
from wms_desktop.contract.orders import CartonItem, CartonView, Order, Picked, PickView
from wms_desktop.contract.returns import Returnable, ReturnDetail
from wms_desktop.contract.stock import Inbound, Pick, PickPlan, PlannedLine, Transfer
from wms_desktop.devices.scanner import Scan
from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.workflows.count_session import CountSession
from wms_desktop.ui.workflows.operation_form import (
    AdjustForm,
    Entry,
    InboundForm,
    Problem,
    QuantityMode,
    Refusal,
    TransferForm,
)
from wms_desktop.ui.workflows.pack_session import PackSession
from wms_desktop.ui.workflows.pick_session import Confirm, PickSession, PickState
from wms_desktop.ui.workflows.return_session import ReturnSession

ITEM = Scan("6901234567892", kind="external", product_code="P1", sku_code="P1-红-M", label="Tee · 红 M")


def entry(item="6901234567892", quantity="3", batch="", **locations) -> Entry:
    return Entry(locations or {"location_code": "A-1"}, item, batch, quantity)


def test_the_workflow_classes_need_no_qt():
    """Imported alone they load no Qt at all (import-linter holds ui.workflows to it too)."""
    probe = ("import sys, wms_desktop.ui.workflows.operation_form, wms_desktop.ui.workflows.pick_session, "
             "wms_desktop.ui.workflows.product_changes; sys.exit('PySide6' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


def test_scans_fill_the_form_and_a_submission_keeps_its_request_id():
    form = InboundForm(operator_id="li.wei")
    assert form.problem(entry(item="", quantity="")) == Refusal(Problem.MISSING, "item")
    filled = form.take_scan(Scan("A-1", kind="location", location_code="A-1"), entry(item="", quantity="",
                                                                                       location_code=""))
    assert (filled.location_field, filled.location_code) == ("location_code", "A-1")
    gs1 = Scan("]C1…", kind="gs1", product_code="P1", sku_code="P1-红-M",
               gs1={"gtin": "06901234567892", "batch_number": "B7", "quantity": 6, "expiry_date": None})
    filled = form.take_scan(gs1, entry())
    assert (filled.item, filled.batch_number, filled.quantity) == (gs1, "B7", 6) and form.item is gs1
    assert form.take_scan(Scan("P1", kind="sku", product_code="P1"), entry()).needs_sku_of == "P1"
    assert form.take_scan(Scan("12", kind="unknown"), entry()).quantity == 12
    assert form.take_scan(Scan("zz", kind="unknown"), entry()) is None

    first = form.submit(entry(batch="B7"))
    assert isinstance(first, Inbound) and (first.sku_code, first.batch_number, first.operator_id) == \
        ("P1-红-M", "B7", "li.wei")
    form.refused(WmsError("INSUFFICIENT_STOCK"))
    assert form.submit(entry(batch="B7")).request_id == first.request_id  # a retry of the same input
    form.refused(WmsError("INSUFFICIENT_STOCK"))
    assert form.submit(entry(batch="B7", quantity="4")).request_id != first.request_id


def lost(outcome: str | None = None) -> WmsError:
    return WmsError("DATABASE_UNAVAILABLE", details={"reason": "no_answer", **({"outcome": outcome} if outcome else {})})


def test_a_post_whose_commit_answer_was_lost_is_retried_as_sent_before_other_input():
    form = InboundForm(operator_id="u")
    form.resolved(ITEM)
    sent = form.submit(entry())
    assert form.retry() is None  # still posting
    form.refused(lost("unknown"))
    assert form.unsettled == sent and form.outcome_unknown and not form.posting
    assert form.problem(entry(quantity="4")) == Refusal(Problem.UNSETTLED, "")  # maybe posted: settle it first
    assert form.problem(entry()) is None and form.submit(entry()) == sent  # Enter on the same input: a retry too
    form.refused(lost("unknown"))
    assert form.retry() == sent and form.posting  # F5: the same command, request_id and all
    form.posted(_moved(3))
    assert form.unsettled is None and not form.outcome_unknown and form.retry() is None
    assert form.submit(entry()).request_id != sent.request_id  # posted: the same input again is a new post


def test_a_post_lost_before_commit_is_offered_again_until_other_input_replaces_it():
    form = InboundForm(operator_id="u")
    form.resolved(ITEM)
    sent = form.submit(entry())
    form.refused(lost())
    assert form.unsettled == sent and not form.outcome_unknown
    assert form.problem(entry(quantity="4")) is None  # nothing was posted: new input may go
    other = form.submit(entry(quantity="4"))
    assert other.request_id != sent.request_id and form.unsettled is None
    form.refused(WmsError("INSUFFICIENT_STOCK"))  # refused by the server: nothing to retry
    assert form.unsettled is None and form.retry() is None


def test_problems_name_the_field_and_typed_items_are_looked_up_first():
    form = TransferForm(operator_id="u")
    both = {"from_location_code": "A-1", "to_location_code": ""}
    assert form.problem(entry(**both)).field == "to_location_code"
    both["to_location_code"] = "B-2"
    assert form.problem(entry(**both)).problem is Problem.UNRESOLVED
    assert form.resolved(ITEM)
    assert form.problem(entry(quantity="0", **both)).problem is Problem.QUANTITY
    command = form.submit(entry(**both))
    assert isinstance(command, Transfer) and (command.from_location_code, command.to_location_code) == ("A-1", "B-2")
    assert AdjustForm.quantity_mode is QuantityMode.DELTA and AdjustForm(operator_id="u").quantity_ok("-3")
    assert not AdjustForm(operator_id="u").quantity_ok("0")


def test_the_form_posts_through_its_one_service_call():
    sent = []

    class Inventory:
        def inbound(self, command):
            sent.append(command)
            return "posted"

    services = type("Services", (), {"inventory": Inventory()})()
    form = InboundForm(operator_id="u")
    form.resolved(ITEM)
    assert form.post(services, form.submit(entry())) == "posted" and len(sent) == 1


def _plan() -> PickPlan:
    picks = [Pick(line_index=0, sku_code="P1-红-M", product_code="P1", product_name="Tee", sku_color="红",
                  sku_size="M", location_code=place, batch_number=None, stock_quantity=qty, available_quantity=qty)
             for place, qty in (("A-1", 2), ("B-2", 1))]
    line = PlannedLine(line_index=0, sku_code="P1-红-M", product_code="P1", product_name="Tee", sku_color="红",
                       sku_size="M", requested_quantity=3, planned_quantity=3, shortfall_quantity=0, picks=[],
                       error=None)
    return PickPlan(order_number="SO-1", warehouse_code="WH01", lines=[line], picks=picks, requested_quantity=3,
                    planned_quantity=3, shortfall_quantity=0)


def _moved(quantity: int) -> Picked:
    return Picked(document_id=1, order_number="SO-1", state="picking", version=2, sku_code="P1-红-M",
                  location_code="A-1", to_location_code="PK", batch_number=None, stock_quantity=quantity,
                  from_current_quantity=0, to_current_quantity=quantity, remaining_quantity=1, operator_id="u",
                  request_id="r")


def test_a_pick_session_from_lines_to_every_pick_confirmed():
    session = PickSession(operator_id="u", packing_location="PK")
    assert session.add(ITEM, 2) and session.add(ITEM, 1)  # the same SKU adds to its line
    assert [(line.sku_code, line.stock_quantity) for line in session.lines] == [("P1-红-M", 3)]
    typed = session.order_command("SO-1", "", "")
    assert (typed.customer_name, typed.lines[0].stock_quantity) == ("SO-1", 3)  # no recipient: the number
    session.planned(_plan())
    assert [t.state for t in session.picks] == [PickState.OPEN, PickState.OPEN]
    assert session.confirm_scan(ITEM) is Confirm.LOCATION_FIRST
    assert session.confirm_scan(Scan("C-3", kind="location", location_code="C-3")) is Confirm.NOTHING_AT
    assert session.confirm_scan(Scan("A-1", kind="location", location_code="A-1")) is Confirm.ARMED
    assert session.confirm_scan(ITEM) is Confirm.QUEUED
    index, command = session.next_post()
    assert (index, command.location_code, command.order_number, command.to_location_code, command.request_id) == \
        (0, "A-1", "SO-1", "PK", session.picks[0].request_id)
    assert session.next_post() is None  # one post at a time
    assert session.posted(0, _moved(2)) and session.armed_location is None  # nothing left at A-1: disarmed
    session.confirm_all()
    index, _ = session.next_post()
    session.refused(index, WmsError("INSUFFICIENT_STOCK"))
    assert session.picks[1].state is PickState.REFUSED and session.picks[1].to_do
    session.confirm(1)
    index, again = session.next_post()
    assert again.request_id == session.picks[1].request_id  # a retry never ships twice
    assert session.lost == []  # refused by the server: confirmed again by choice, not offered
    session.refused(index, lost())
    assert session.lost == [1]  # the database link was lost: to confirm again when it is back
    session.confirm(1)
    index, again = session.next_post()
    assert again.request_id == session.picks[1].request_id
    session.posted(index, _moved(1))
    assert session.all_done and not session.busy and session.lost == []
    assert session.pick_list("WH01").lines[0].location_code == "A-1"
    assert session.packing_list("张三", "上海").lines[0].quantity == 3


def _order(state: str, cartons: list[CartonView] | None = None) -> Order:
    picks = [PickView(pick_id=i, sku_code=sku, location_code="A-1", to_location_code="PK", batch_number=None,
                      stock_quantity=qty, operator_id="u", picked_at=None)
             for i, (sku, qty) in enumerate((("P1-红-M", 3), ("P2", 1)), start=1)]
    return Order(document_type="order", document_id=1, document_number="SO-1", state=state, version=5,
                 is_urgent=False, notes=None, created_by="u", created_at=None, updated_by="u", updated_at=None,
                 customer_name="客户", recipient_name=None, address=None, carrier=None, expected_ship_date=None,
                 lines=[], allocations=[], picks=picks, cartons=cartons or [])


def _carton(number: int, sku: str, quantity: int) -> CartonView:
    return CartonView(carton_id=number, carton_number=number, weight_grams=None, expected_weight_grams=None,
                      carrier=None, tracking_number=None, packed_by="u", packed_at=None,
                      items=[CartonItem(sku_code=sku, stock_quantity=quantity)])


def test_a_pack_session_fills_cartons_with_what_is_picked_then_tracks_and_ships_them_once():
    session = PackSession(operator_id="u")
    session.loaded(_order("picked", [_carton(1, "P1-红-M", 1)]))
    assert session.to_pack() == [(("P1-红-M", None), 2, 0), (("P2", None), 1, 0)]
    assert session.add("P1-红-M") and session.add("P1-红-M") and not session.add("P1-红-M")  # 2 left
    assert not session.add("P9")
    session.weight_grams, session.tare_grams = 480, 80
    command = session.pack_command()
    assert command is not None and [(i.sku_code, i.stock_quantity) for i in command.items] == [("P1-红-M", 2)]
    assert (command.weight_grams, command.tare_grams, command.accept_weight_difference) == (480, 80, False)
    again = session.pack_command()
    assert again is not None and again.request_id == command.request_id  # a retry packs once
    assert session.add("P2")
    changed = session.pack_command()
    assert changed is not None and changed.request_id != command.request_id  # new contents: a new carton
    assert session.add_tracking("SF1") is None  # not packed yet
    session.clear_carton()
    session.loaded(_order("packed", [_carton(1, "P1-红-M", 1), _carton(2, "P1-红-M", 2), _carton(3, "P2", 1)]))
    assert session.to_pack() == [] and session.pack_command() is None
    assert [session.add_tracking(code) for code in ("SF1", "SF2", "SF3", "SF4")] == [1, 2, 3, None]
    ship = session.ship_command()
    assert ship is not None and [(c.carton_number, c.tracking_number) for c in ship.cartons or []] == [
        (1, "SF1"), (2, "SF2"), (3, "SF3")]
    second = session.ship_command()
    assert second is not None and second.request_id == ship.request_id
    labels = session.carton_labels()
    assert [(label.carton_number, label.carton_count, label.recipient_name) for label in labels] == [
        (1, 3, "客户"), (2, 3, "客户"), (3, 3, "客户")]


def _return(returned: int, state: str = "open") -> ReturnDetail:
    return ReturnDetail(document_type="return", document_id=9, document_number="RT-SO-1-1", state=state, version=1,
                        is_urgent=False, notes=None, created_by="u", created_at=None, updated_by="u", updated_at=None,
                        order_number="SO-1", lines=[],
                        returnable=[Returnable(sku_code="P1-红-M", batch_number="B1", shipped_quantity=2,
                                               returned_quantity=returned)])


def test_a_return_session_takes_back_one_unit_per_scan_and_retries_with_the_same_request_id():
    session = ReturnSession(operator_id="u")
    assert session.receive_command("P1-红-M") is None  # no return open yet
    session.opened(_return(0))
    first = session.receive_command("P1-红-M")
    assert first is not None and (first.stock_quantity, first.batch_number, first.disposition) == (1, "B1", "restock")
    assert session.receive_command("P9") is None  # not shipped on the order
    again = session.receive_command("P1-红-M")
    assert again is not None and again.request_id == first.request_id  # answer not in yet: the same receipt
    session.received(_return(2))
    assert session.returnable("P1-红-M") == 0 and session.receive_command("P1-红-M") is None
    session.opened(_return(1))
    session.disposition, session.location_code = "damaged", "残次区"
    third = session.receive_command("P1-红-M")
    assert third is not None and third.request_id != first.request_id and third.location_code == "残次区"
    session.refused()
    assert session.pending is None
    closing = session.close_command()
    assert closing is not None and closing.return_number == "RT-SO-1-1"
    session.opened(_return(1, "closed"))
    assert session.close_command() is None and session.receive_command("P1-红-M") is None


def test_a_count_sheet_read_late_keeps_what_a_start_answered():
    """The sheet read when the task opened may arrive after the first location's start was
    answered (a location scanned right after the task): the answer's row stands."""
    def task(state: str, version: int) -> DocumentRef:
        return DocumentRef(document_type="count", document_id=1, document_number="CC-1", state=state, version=version)

    def place(code: str, state: str, by: str | None = None) -> SheetLocation:
        return SheetLocation(location_code=code, state=state, round=1, counted_by=by, recount_items=[])

    session = CountSession("li")
    session.open_task("CC-1")
    session.start_command("A-01")
    session.started(CountLocationStarted(document=task("counting", 2), location_code="A-01", round=1,
                                         recount_items=[], place=place("A-01", "counting", "li")))
    session.sheet_read(CountSheet(document=task("pending", 1), locations=[place("A-01", "pending"),
                                                                          place("A-02", "pending")]))
    assert session.sheet is not None and session.sheet.document.state == "counting"
    assert [(p.location_code, p.state, p.counted_by) for p in session.sheet.locations] == [
        ("A-01", "counting", "li"), ("A-02", "pending", None)]
