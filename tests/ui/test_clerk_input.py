"""The clerk's input path in the operation dialogs (issue 10): quantities that are refused, not
coerced; large ones asked about; the batch step. Key events as scanners and people send them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.key_streams import type_keys
from tests.ui.test_dialogs_operations import balance, demo_context, open_dialog, scan_into, scanning, stock_line
from wms_desktop.ui.dialogs import AdjustDialog, InboundDialog, OutboundDialog

FIXTURES = (demo_context, scanning, stock_line)  # used by name below


def answer_with(qtbot, parent, key, modifier=None) -> list[set[str]]:
    """Press ``key`` in the question once it is up (polled: exec() runs its own loop); the
    buttons it offered are recorded."""
    asked: list[set[str]] = []
    timer = QTimer(parent)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            asked.append({b.text() for b in box.buttons()})
            qtbot.keyClick(box, key, modifier or Qt.KeyboardModifier.NoModifier)

    timer.timeout.connect(poll)
    timer.start(20)
    return asked


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
    asked = answer_with(qtbot, dialog, Qt.Key.Key_Return)  # Enter: the default, "Do not post"
    type_keys(dialog.quantity_edit, "251203\r")
    runner.wait_for_done()
    assert asked == [{"&Post 251,203", "&Do not post"}]
    assert dialog.results == [] and balance(services, loc, sku) == before
    assert "Not posted" in dialog.error_label.text() and dialog.quantity_edit.text() == "251203"

    answer_with(qtbot, dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
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
