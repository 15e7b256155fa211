"""The receiving dialog on the demo database, driven by key events only (scanner bursts and a
clerk's keys, never setText or a mouse): a 20-line ASN scanned in — a GS1 label filling batch and
expiry, product barcodes and quantities — weighed with a canned scale reading, an over-receipt
accepted with a reason, an item not on the ASN dropped, a damaged unit received with a reason,
labels printed and receiving finished. Blind mode never shows an expected quantity;
putaway by scanning item and shelf; the Receiving screen lists the ASNs and their lines, and a
supervisor closes a received one there with a reason per short line and gets its report."""
from __future__ import annotations

from datetime import date

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.key_streams import type_keys
from tests.ui.test_dialogs_operations import scan_into
from tests.ui.test_pick_dialog import router  # noqa: F401  (the scanner filter and router)
from wms_desktop.ui.devices.canned import CannedDevices
from wms_desktop.ui.dialogs import ReceivingDialog
from wms_desktop.ui.printing.printers import PrinterSettings
from wms_desktop.ui.screens import ReceivingScreen
from wms_desktop.ui.session import AppContext, Session

ASN_NUMBER = "ASN-UI-20"
EXPIRY = date(2027, 3, 31)


@pytest.fixture
def clerk(services):
    return services.acting_as("li.wei", "clerk")


@pytest.fixture
def pick_context(clerk, settings, runner, translator, tmp_path):
    """A clerk at a receiving desk with a canned scale (the router fixture's name for it)."""
    printers = PrinterSettings(settings)
    printers.label_folder = str(tmp_path / "labels")
    printers.label_profile = "100x50@203"  # a full (01)(17)(10) GS1-128 needs more than 50 mm
    canned = CannedDevices()
    return AppContext(services=clerk, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator, devices=canned.bridge,
                      session=Session(1, "li.wei", "李伟", "clerk"),
                      extras={"print_history_dir": str(tmp_path / "history"), "canned": canned})


@pytest.fixture
def items(services):
    """21 SKUs with a product barcode (EAN-13): 20 for the ASN, one that is not on it."""
    found: list[tuple[str, str]] = []
    for item in services.stock.query({"page_size": 1000}).items:
        codes = [c for c in services.catalog.external_codes_of(item.sku_code).external_codes if len(c) == 13]
        if codes and item.sku_code not in dict(found):
            found.append((item.sku_code, codes[0]))
        if len(found) == 21:
            return found
    raise AssertionError("the demo data has too few SKUs with barcodes")


def settle(qtbot, runner, condition, timeout=10_000):
    qtbot.waitUntil(lambda: (runner.wait_for_done(), condition())[1], timeout=timeout)


def open_receiving(qtbot, runner, context, router) -> ReceivingDialog:
    dialog = ReceivingDialog(context, router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def activate(qtbot, window) -> None:
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def gs1(ean: str, batch: str, expiry: date) -> str:
    """A GS1-128 label as a scanner sends it: AIM ]C1, (01) GTIN-14, (10) batch, GS, (17) expiry."""
    return f"]C1010{ean}10{batch}\x1d17{expiry:%y%m%d}"


def keys(qtbot, widget, *pressed) -> None:
    for key, modifiers in pressed:
        qtbot.keyClick(widget, key, modifiers)


def test_a_20_line_asn_is_received_weighed_labelled_and_finished_with_keys_only(
        qtbot, runner, pick_context, router, services, items, tmp_path):
    asn_skus, stranger = items[:20], items[20]
    services.catalog.update_sku({"sku_code": asn_skus[0][0], "weight_grams": 300, "operator_id": "u"})
    lines = [{"sku_code": sku, "expected_quantity": 3 if i == 2 else 2} for i, (sku, _ean) in enumerate(asn_skus)]
    lines[0]["batch_number"] = "L1"
    services.receiving.create({"asn_number": ASN_NUMBER, "supplier_name": "华东供应商", "operator_id": "wang",
                               "lines": lines})
    dialog = open_receiving(qtbot, runner, pick_context, router)
    canned = pick_context.extras["canned"]
    assert dialog.windowTitle() == "Receiving"

    scan_into(qtbot, router, dialog.asn_edit, ASN_NUMBER)
    settle(qtbot, runner, lambda: dialog.session.asn is not None)
    assert dialog.item_edit.hasFocus() and dialog.lines_view.topLevelItemCount() == 20
    assert not dialog.lines_view.isColumnHidden(5)  # not blind: expected shown

    # line 1: a GS1 label fills batch and expiry; weighed (F9) before Enter posts it
    scan_into(qtbot, router, dialog.item_edit, gs1(asn_skus[0][1], "L1", EXPIRY))
    assert (dialog.batch_edit.text(), dialog.expiry_edit.text()) == ("L1", EXPIRY.isoformat())
    assert dialog.quantity_edit.hasFocus()
    type_keys(dialog.quantity_edit, "2")
    canned.weigh(604)
    qtbot.wait(50)
    keys(qtbot, dialog.quantity_edit, (Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: dialog.weighing.result is not None)
    assert dialog.weighing.panel.check_label.text().startswith("✔ Weight OK")
    keys(qtbot, dialog.quantity_edit, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    # lines 2–20: the product barcode, the quantity, Enter
    for _sku, ean in asn_skus[1:]:
        scan_into(qtbot, router, dialog.item_edit, ean)
        type_keys(dialog.quantity_edit, "2\r")
    settle(qtbot, runner, lambda: not dialog.session.busy)
    received = {line.sku_code: line.received_quantity for line in dialog.session.lines}
    assert received == {sku: 2 for sku, _ean in asn_skus}
    first = dialog.session.lines[0]
    assert (first.batch_number, first.expiry_date) == ("L1", EXPIRY)
    assert dialog.header.text().startswith(f"{ASN_NUMBER}  ·  华东供应商") and "40 of 41 units" in dialog.header.text()

    # one more of line 2: over the ASN, accepted with a reason
    scan_into(qtbot, router, dialog.item_edit, asn_skus[1][1])
    type_keys(dialog.quantity_edit, "1\r")
    settle(qtbot, runner, lambda: dialog.reason_dialog is not None)
    assert dialog.reason_dialog.windowTitle() == "Over-receipt"
    keys(qtbot, dialog.reason_dialog.reasons, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    settle(qtbot, runner, lambda: dialog.session.lines[1].received_quantity == 3)
    assert dialog.session.lines[1].reason_codes == ["supplier_overship"]

    # an item the ASN does not name: dropped with Esc
    scan_into(qtbot, router, dialog.item_edit, stranger[1])
    type_keys(dialog.quantity_edit, "1\r")
    settle(qtbot, runner, lambda: dialog.reason_dialog is not None)
    assert dialog.reason_dialog.windowTitle() == "Not on the ASN"
    keys(qtbot, dialog.reason_dialog.reasons, (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    settle(qtbot, runner, lambda: not dialog.session.busy)
    assert stranger[0] not in {line.sku_code for line in dialog.session.lines}

    # a damaged unit of line 3 (expects 3): F8, a reason chosen with the arrows
    scan_into(qtbot, router, dialog.item_edit, asn_skus[2][1])
    type_keys(dialog.quantity_edit, "1")
    activate(qtbot, dialog)  # the window manager's part once the question closed
    keys(qtbot, dialog.quantity_edit, (Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier))
    assert dialog.reason_dialog is not None
    keys(qtbot, dialog.reason_dialog.reasons, (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
         (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
         (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    settle(qtbot, runner, lambda: dialog.session.lines[2].damaged_quantity == 1)
    assert dialog.session.lines[2].reason_codes == ["transit_damage"]
    damaged = services.stock.query({"sku_code": asn_skus[2][0], "location_code": "残次品区"}).items
    assert [i.stock_quantity for i in damaged] == [1]

    # labels for what arrived (Ctrl+L), then finish (Ctrl+F)
    activate(qtbot, dialog)
    keys(qtbot, dialog, (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier))
    settle(qtbot, runner, lambda: dialog.last_print is not None)
    assert [job.kind for job in dialog.last_print] == ["batch_label", "sku_label"]
    assert len(list((tmp_path / "labels").glob("*.pdf"))) == 2
    keys(qtbot, dialog, (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier))
    settle(qtbot, runner, lambda: dialog.session.asn.state == "received")
    ledger = services.history.movements({"operator_id": "li.wei"}).items
    assert len(ledger) == 22 and {m.document_ref for m in ledger} == {ASN_NUMBER}  # 20 lines, the over, the damaged
    assert "unknown" not in router.routed_log and runner.crashes == []


def test_blind_mode_shows_no_expected_quantity(qtbot, runner, pick_context, router, services, items):
    services.receiving.create({"asn_number": "ASN-BLIND", "is_blind": True, "operator_id": "wang",
                               "lines": [{"sku_code": sku, "expected_quantity": 5} for sku, _ean in items[:3]]})
    dialog = open_receiving(qtbot, runner, pick_context, router)
    scan_into(qtbot, router, dialog.asn_edit, "ASN-BLIND")
    settle(qtbot, runner, lambda: dialog.session.asn is not None)
    assert dialog.session.blind and dialog.lines_view.isColumnHidden(5)
    scan_into(qtbot, router, dialog.item_edit, items[0][1])
    type_keys(dialog.quantity_edit, "4\r")
    settle(qtbot, runner, lambda: dialog.session.lines[0].received_quantity == 4)
    assert all(line.expected_quantity is None for line in dialog.session.lines)
    assert "4 units received" in dialog.header.text() and " of " not in dialog.header.text()
    assert "blind mode" in dialog.header.text()


def test_the_receiving_screen_lists_asns_and_shows_the_lines(qtbot, open_screen, services, items):
    services.receiving.create({"asn_number": "ASN-S1", "supplier_name": "华东供应商", "operator_id": "wang",
                               "lines": [{"sku_code": items[0][0], "expected_quantity": 5}]})
    services.receiving.create({"asn_number": "ASN-S2", "supplier_name": "另一家", "operator_id": "wang",
                               "lines": [{"sku_code": items[1][0], "expected_quantity": 1}]})
    screen = open_screen(ReceivingScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4 and screen.lines_view.topLevelItemCount() > 0,
                    timeout=5000)  # the demo's two open ASNs and these
    screen.search("另一")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.model.row_data(0) is not None, timeout=5000)
    assert screen.model.row_data(0).document_number == "ASN-S2"


def test_received_units_are_put_away_by_scanning_item_and_shelf(qtbot, runner, pick_context, router, services,
                                                               items, tmp_path):
    PrinterSettings(pick_context.settings).document_folder = str(tmp_path / "docs")
    (first, first_ean), (second, second_ean) = items[:2]
    services.receiving.create({"asn_number": "ASN-PUT", "operator_id": "wang", "lines": [
        {"sku_code": first, "expected_quantity": 3}, {"sku_code": second, "expected_quantity": 2}]})
    for sku, quantity in ((first, 3), (second, 2)):
        services.receiving.receive({"asn_number": "ASN-PUT", "sku_code": sku, "quantity": quantity,
                                    "operator_id": "li.wei"})
    services.receiving.finish({"asn_number": "ASN-PUT", "operator_id": "li.wei"})
    dialog = open_receiving(qtbot, runner, pick_context, router)
    scan_into(qtbot, router, dialog.asn_edit, "ASN-PUT")
    settle(qtbot, runner, lambda: len(dialog.session.tasks) == 2)  # received: straight to putaway
    assert dialog.session.putting_away and dialog.tasks_view.topLevelItemCount() == 2
    suggested = {t.sku_code: t.suggested_location_code for t in dialog.session.tasks}

    keys(qtbot, dialog, (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier))  # the putaway list
    settle(qtbot, runner, lambda: dialog.last_print is not None)
    assert [job.kind for job in dialog.last_print] == ["pick_list"] and len(list((tmp_path / "docs").glob("*.pdf"))) == 1

    scan_into(qtbot, router, dialog.item_edit, first_ean)  # the task of this item …
    assert dialog.session.task.sku_code == first and dialog.quantity_edit.text() == "3"
    scan_into(qtbot, router, dialog.item_edit, "A01-02-05")  # … to the shelf scanned (not the suggestion)
    settle(qtbot, runner, lambda: len(dialog.session.tasks) == 1)
    scan_into(qtbot, router, dialog.item_edit, second_ean)
    type_keys(dialog.quantity_edit, "\r")  # Enter: the suggested shelf
    settle(qtbot, runner, lambda: not dialog.session.tasks and "put away" in dialog.status.text().lower())
    at = {(i.sku_code, i.location_code): i.stock_quantity
          for sku in (first, second) for i in services.stock.query({"sku_code": sku}).items}
    assert at[(first, "A01-02-05")] >= 3 and at[(second, suggested[second])] >= 2
    moves = services.history.movements({"operation": "transfer_in"}).items
    assert {m.document_ref for m in moves[:2]} == {"ASN-PUT"}
    assert runner.crashes == []


def test_a_supervisor_closes_a_received_asn_with_a_reason_per_short_line_and_gets_its_report(
        qtbot, runner, services, settings, translator, items, tmp_path):
    PrinterSettings(settings).document_folder = str(tmp_path / "docs")
    (full, _e1), (short, _e2) = items[:2]
    services.receiving.create({"asn_number": "ASN-CLOSE", "operator_id": "wang", "lines": [
        {"sku_code": full, "expected_quantity": 2}, {"sku_code": short, "expected_quantity": 5}]})
    for sku, quantity in ((full, 2), (short, 3)):
        services.receiving.receive({"asn_number": "ASN-CLOSE", "sku_code": sku, "quantity": quantity,
                                    "operator_id": "li.wei"})
    services.receiving.finish({"asn_number": "ASN-CLOSE", "operator_id": "li.wei"})
    context = AppContext(services=services.acting_as("wang", "supervisor"), settings=settings, runner=runner,
                         warehouse_code="WH01", database_label="sqlite:///demo", translator=translator,
                         session=Session(2, "wang", "王芳", "supervisor"),
                         extras={"print_history_dir": str(tmp_path / "history")})
    screen = ReceivingScreen(context)
    qtbot.addWidget(screen, before_close_func=lambda _w: runner.wait_for_done())
    screen.show()
    screen.activate()
    screen.search("ASN-CLOSE")
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.document_number == "ASN-CLOSE",
                    timeout=5000)
    assert screen.close_button.isEnabled()
    screen.close_button.click()
    dialog = screen.close_dialog
    assert [line.sku_code for line in dialog.short] == [short]
    keys(qtbot, dialog.reasons[0], (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))  # supplier_short → backorder
    keys(qtbot, dialog, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    settle(qtbot, runner, lambda: screen.detail.state == "closed" and screen.last_report is not None)
    assert screen.detail.lines[1].short_reason == "backorder" and not screen.close_button.isEnabled()
    (pdf,) = (tmp_path / "docs").glob("*.pdf")
    document = pypdfium2.PdfDocument(str(pdf))
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert "RECEIVING REPORT" in text and "ASN-CLOSE" in text and "backorder" in text
