"""The clerk's input path (issue 10): quantities refused, not coerced, and large ones asked
about; messages that name the batch; "Confirm all" only with the role and an explicit yes; the
batch step. Key events as scanners and people send them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.key_streams import GS, type_keys
from tests.ui.test_dialogs_operations import balance, demo_context, open_dialog, scan_into, scanning, stock_line
from tests.ui.test_pick_dialog import ORDER, held, order, pick_context, router, settle
from tests.ui.test_pick_dialog import open_dialog as open_pick_dialog
from tests.ui.ui_helpers import answer_question
from wms_desktop.ui.dialogs import AdjustDialog, InboundDialog, OutboundDialog
from wms_desktop.ui.session import Session

FIXTURES = (demo_context, scanning, stock_line, order, pick_context, router)  # used by name below


def ready_for_quantity(qtbot, runner, context, router, line, cls=InboundDialog):
    dialog = open_dialog(qtbot, runner, cls, context, router)
    scan_into(qtbot, router, dialog, line["location_code"])
    scan_into(qtbot, router, dialog, line["ean"])
    assert dialog.focusWidget() is dialog.quantity_edit
    return dialog


@pytest.mark.parametrize("typed", ["-5", "5x", "1e3", "5.5", "五"])
def test_what_is_not_a_quantity_is_refused_in_words_and_never_posted(qtbot, runner, demo_context, scanning,
                                                                     stock_line, typed):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    dialog = ready_for_quantity(qtbot, runner, demo_context, scanning, stock_line)
    type_keys(dialog.quantity_edit, typed + "\r")
    runner.wait_for_done()
    assert dialog.quantity_edit.text() == typed  # as typed: nothing dropped, nothing corrected
    assert dialog.error_label.isVisible() and f"“{typed}” is not a quantity" in dialog.error_label.text()
    assert dialog.results == [] and balance(services, loc, sku) == before


def test_a_signed_change_is_a_quantity_of_adjust(qtbot, runner, demo_context, scanning, stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    dialog = ready_for_quantity(qtbot, runner, demo_context, scanning, stock_line, AdjustDialog)
    type_keys(dialog.quantity_edit, "-1.5\r")
    runner.wait_for_done()
    assert "“-1.5” is not a quantity" in dialog.error_label.text() and balance(services, loc, sku) == before
    dialog.quantity_edit.clear()
    type_keys(dialog.quantity_edit, "-2\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, loc, sku) == before - 2 and not dialog.error_label.isVisible()


def test_a_quantity_above_the_workstations_threshold_is_asked_about_and_enter_does_not_post(
        qtbot, runner, demo_context, scanning, stock_line):
    services = demo_context.services
    demo_context.settings.quantity_confirm_above = 100
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    dialog = ready_for_quantity(qtbot, runner, demo_context, scanning, stock_line)
    asked = answer_question(qtbot, dialog, Qt.Key.Key_Return)  # Enter: the default, "Do not post"
    type_keys(dialog.quantity_edit, "251203\r")
    runner.wait_for_done()
    assert asked == [{"&Post 251,203", "&Do not post"}]
    assert dialog.results == [] and balance(services, loc, sku) == before
    assert "Not posted" in dialog.error_label.text() and dialog.quantity_edit.text() == "251203"

    answer_question(qtbot, dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    type_keys(dialog.quantity_edit, "\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, loc, sku) == before + 251203

    scan_into(qtbot, scanning, dialog, stock_line["ean"])
    type_keys(dialog.quantity_edit, "100\r")  # at the threshold: no question
    qtbot.waitUntil(lambda: len(dialog.results) == 2, timeout=5000)
    assert balance(services, loc, sku) == before + 251303


def test_the_threshold_defaults_to_ten_thousand(settings):
    assert settings.quantity_confirm_above == 10_000


# ---- messages (item 9) -------------------------------------------------------------------------

def test_a_stock_refusal_names_the_batch_and_shows_the_sentence_with_the_code_small(
        qtbot, runner, demo_context, scanning, stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    services.inventory.inbound({"product_code": sku.split("-")[0], "sku_code": sku, "location_code": loc,
                                "stock_quantity": 5, "batch_number": "B251203", "operator_id": "li.wei"})
    dialog = open_dialog(qtbot, runner, OutboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, loc)
    scan_into(qtbot, scanning, dialog, f"]C101{'0' + stock_line['ean']}10B251203")  # GS1: item and batch
    assert dialog.batch_edit.text() == "B251203"
    type_keys(dialog.quantity_edit, "24\r")
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    runner.wait_for_done()
    shown = dialog.error_label.text()
    assert "Not enough stock at this location (batch B251203; available: 5, requested: 24)" in shown
    assert dialog.error_label.textFormat() != Qt.TextFormat.PlainText
    assert '<span style="font-size: small; color: #757575;">[INSUFFICIENT_STOCK 15002]</span>' in shown
    assert balance(services, loc, sku, "B251203") == 5


# ---- confirm all (item 7) ------------------------------------------------------------------------

def planned_pick_dialog(qtbot, runner, context, router, order):
    dialog = open_pick_dialog(qtbot, runner, context, router)
    scan_into(qtbot, router, dialog.order_edit, ORDER)
    scan_into(qtbot, router, dialog.item_edit, order["single"])
    type_keys(dialog.quantity_edit, "2\r")
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    settle(qtbot, runner, lambda: dialog.plan is not None)
    return dialog


def test_confirm_all_of_unscanned_picks_needs_a_supervisor(qtbot, runner, pick_context, router, order):
    services = pick_context.services
    before = held(services, order["single"])
    dialog = planned_pick_dialog(qtbot, runner, pick_context, router, order)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # a clerk's Ctrl+Enter
    runner.wait_for_done()
    assert QApplication.activeModalWidget() is None  # not even asked
    assert "not scanned" in dialog.message.text() and "needs a supervisor" in dialog.message.text()
    assert held(services, order["single"]) == before and not any(t.result for t in dialog.session.picks)


def test_confirm_all_asks_enter_means_no_and_success_clears_the_old_message(qtbot, runner, pick_context, router,
                                                                            order):
    services = pick_context.services
    pick_context.session = Session(2, "wang.fang", "王芳", "supervisor")
    location = order["stock"][order["single"]][0][0]
    before = held(services, order["single"])[location]
    dialog = planned_pick_dialog(qtbot, runner, pick_context, router, order)
    scan_into(qtbot, router, dialog, order["single"])  # a SKU before its location: a refusal on screen
    assert dialog.message.isVisible() and "location first" in dialog.message.text()

    asked = answer_question(qtbot, dialog, Qt.Key.Key_Return)  # Enter: the default, back to scanning
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    runner.wait_for_done()
    assert asked == [{"Ship 1 &unscanned picks", "&Back to scanning"}]
    assert held(services, order["single"])[location] == before
    dialog.activateWindow()  # a desktop gives it back when the question closes; offscreen does not
    qtbot.waitUntil(dialog.isActiveWindow)

    answer_question(qtbot, dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: dialog.session.all_done)
    assert held(services, order["single"]).get(location, 0) == before - 2
    assert not dialog.message.isVisible() and dialog.message.text() == ""  # the old refusal is gone


def test_scanned_picks_need_no_question(qtbot, runner, pick_context, router, order):
    services = pick_context.services
    location = order["stock"][order["single"]][0][0]
    before = held(services, order["single"])[location]
    dialog = planned_pick_dialog(qtbot, runner, pick_context, router, order)
    scan_into(qtbot, router, dialog, location)
    scan_into(qtbot, router, dialog, order["single"])
    settle(qtbot, runner, lambda: dialog.session.all_done)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # nothing left: no question
    assert QApplication.activeModalWidget() is None
    assert held(services, order["single"]).get(location, 0) == before - 2


# ---- the batch step (item 5) -----------------------------------------------------------------------

@pytest.fixture
def batched_line(demo_context, stock_line):
    """The stock line's SKU, now also kept in a batch somewhere: scans of it ask for the batch."""
    sku = stock_line["sku_code"]
    demo_context.services.inventory.inbound({"product_code": sku.split("-")[0], "sku_code": sku,
                                             "location_code": "A01-02-05", "stock_quantity": 1,
                                             "batch_number": "B0001", "operator_id": "li.wei"})
    return stock_line


def test_after_a_batched_item_the_focus_goes_to_batch_and_a_numeric_batch_is_no_quantity(
        qtbot, runner, demo_context, scanning, batched_line):
    services = demo_context.services
    loc, sku = batched_line["location_code"], batched_line["sku_code"]
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, loc)
    scan_into(qtbot, scanning, dialog, batched_line["ean"])
    assert dialog.focusWidget() is dialog.batch_edit  # the batch step, not Quantity
    scan_into(qtbot, scanning, dialog, "251203")  # a numeric batch label
    assert dialog.batch_edit.text() == "251203" and dialog.quantity_edit.text() == ""
    assert dialog.focusWidget() is dialog.quantity_edit
    type_keys(dialog.quantity_edit, "3\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, loc, sku, "251203") == 3
    assert [where for _s, where in scanning.routed_log] == ["dialog"] * 3


@pytest.mark.parametrize("label,batch", [("LOT-77A", "LOT-77A"), ("]C11077B", "77B")],
                         ids=["unknown-text", "gs1-batch-label"])
def test_a_scan_in_the_batch_step_is_the_batch_never_an_unknown_code(qtbot, runner, demo_context, scanning,
                                                                      batched_line, label, batch):
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, batched_line["location_code"])
    scan_into(qtbot, scanning, dialog, batched_line["ean"])
    scan_into(qtbot, scanning, dialog.batch_edit, label)
    assert dialog.batch_edit.text() == batch and dialog.focusWidget() is dialog.quantity_edit
    assert [where for _s, where in scanning.routed_log][-1] == "dialog" and scanning.feedback.sound == []


def test_enter_in_an_empty_batch_moves_on_to_the_quantity(
        qtbot, runner, demo_context, scanning, batched_line):
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, batched_line["location_code"])
    scan_into(qtbot, scanning, dialog, batched_line["ean"])
    type_keys(dialog.batch_edit, "\r")  # received without a batch
    assert dialog.focusWidget() is dialog.quantity_edit


def test_what_cannot_be_a_batch_is_said_in_the_batch_step(qtbot, runner, demo_context, scanning, batched_line):
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, batched_line["location_code"])
    scan_into(qtbot, scanning, dialog, batched_line["ean"])
    scan_into(qtbot, scanning, dialog.batch_edit, f"AB{GS}CD")  # a GS separator: no batch number has one
    assert dialog.batch_edit.text() == "" and "cannot be a batch number" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.batch_edit


def test_a_gs1_label_fills_batch_and_expiry_and_the_receipt_records_the_expiry(qtbot, runner, demo_context,
                                                                               scanning, stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, loc)
    scan_into(qtbot, scanning, dialog, f"]C101{'0' + stock_line['ean']}1731063010B31{GS}3006")  # (01)(17)(10)(30)
    assert (dialog.batch_edit.text(), dialog.expiry_edit.text(), dialog.quantity_edit.text()) == \
        ("B31", "2031-06-30", "6")
    type_keys(dialog.quantity_edit, "\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    items = services.stock.query({"sku_code": sku, "location_code": loc, "page_size": 50}).items
    assert [(i.stock_quantity, i.expiry_date.isoformat()) for i in items if i.batch_number == "B31"] == \
        [(6, "2031-06-30")]
    assert dialog.expiry_edit.text() == ""  # cleared with the item for the next one


def test_a_typed_expiry_must_be_a_date_and_have_a_batch(qtbot, runner, demo_context, scanning, stock_line):
    dialog = ready_for_quantity(qtbot, runner, demo_context, scanning, stock_line)
    type_keys(dialog.expiry_edit, "30.06.31")
    type_keys(dialog.quantity_edit, "2\r")
    assert "YYYY-MM-DD" in dialog.error_label.text() and dialog.focusWidget() is dialog.expiry_edit
    dialog.expiry_edit.clear()
    type_keys(dialog.expiry_edit, "2031-06-30")
    type_keys(dialog.quantity_edit, "\r")
    assert "Batch is missing" in dialog.error_label.text() and dialog.focusWidget() is dialog.batch_edit
    runner.wait_for_done()
    assert dialog.results == []


@pytest.mark.parametrize("typed", ["-3", "2.5", "1e3"])
def test_a_pick_line_quantity_is_refused_in_words_never_coerced(qtbot, runner, pick_context, router, order, typed):
    dialog = open_pick_dialog(qtbot, runner, pick_context, router)
    scan_into(qtbot, router, dialog.order_edit, ORDER)
    scan_into(qtbot, router, dialog.item_edit, order["single"])
    type_keys(dialog.quantity_edit, typed + "\r")
    assert dialog.quantity_edit.text() == typed and f"“{typed}” is not a quantity" in dialog.message.text()
    assert dialog.session.lines == []
