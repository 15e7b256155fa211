"""Operation dialogs on a demo-seeded SQLite database, driven by scanner key events."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.key_streams import GS, scan_keys, type_keys
from wms_desktop.contract import to_json
from wms_desktop.devices.scanner import Scan, WedgeDecoder
from wms_desktop.ui.dialogs import AdjustDialog, InboundDialog, OutboundDialog, TransferDialog
from wms_desktop.ui.scanning import ScanFeedback, ScannerFilter, ScanRouter
from wms_desktop.ui.session import AppContext, Session


@pytest.fixture
def demo_context(services, settings, runner, translator):
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator,
                      session=Session(1, "li.wei", "李伟", "clerk"))


class Beeps(list):
    def __call__(self):
        self.append(1)


@pytest.fixture
def scanning(qapp, demo_context, runner):
    """The app-wide filter → router; no screen behind the dialogs."""
    feedback = ScanFeedback()
    feedback.sound = Beeps()
    router = ScanRouter(demo_context, lambda: None, feedback=feedback)
    scanner = ScannerFilter(WedgeDecoder())
    scanner.scanned.connect(router.submit)
    scanner.install(qapp)
    routed = []
    router.routed.connect(lambda scan, where, _taker: routed.append((scan, where)))
    router.scanner, router.routed_log = scanner, routed
    yield router
    runner.wait_for_done()
    scanner.uninstall()
    scanner.deleteLater()
    router.deleteLater()


def scan_into(qtbot, router, widget, text: str) -> None:
    """Scanner keys while ``widget`` has the keyboard, then wait until the router has delivered."""
    scan_keys(widget, text)
    qtbot.waitUntil(lambda: router.idle, timeout=5000)


def open_dialog(qtbot, runner, cls, context, router=None):
    dialog = cls(context, router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def balance(services, location_code, sku_code, batch=None) -> int:
    items = services.stock.query({"location_code": location_code, "sku_code": sku_code,
                                  "include_empty": True, "page_size": 50}).items
    return sum(i.stock_quantity for i in items if i.batch_number == batch)


@pytest.fixture
def stock_line(services):
    """A SKU without batch on a shelf, with its EAN-13 and stock > 10."""
    page = services.stock.query({"page_size": 1000}).items
    for item in page:
        if item.batch_number is None and item.stock_quantity > 10 and "-" in item.sku_code \
                and item.location_code.startswith(("西", "东")):
            codes = services.catalog.external_codes_of(item.sku_code).external_codes
            if codes:
                return {**to_json(item), "ean": codes[0]}
    raise AssertionError("demo data has no suitable line")


def ledger_rows(services) -> int:
    return services.stock.query({"page_size": 1000, "include_empty": True}).pagination.total, \
        sum(i.stock_quantity for i in services.stock.query({"page_size": 1000}).items)


CASES = [  # dialog, quantity typed, expected change at the location
    (InboundDialog, "5", 5),
    (OutboundDialog, "2", -2),
    (AdjustDialog, "-3", -3),
]


@pytest.mark.parametrize("cls,typed,change", CASES, ids=[c[0].__name__ for c in CASES])
def test_scan_location_item_type_quantity_enter_posts_and_shows_quantities(qtbot, runner, demo_context, scanning,
                                                                           stock_line, cls, typed, change):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    dialog = open_dialog(qtbot, runner, cls, demo_context, scanning)
    assert not dialog.item_edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    scan_into(qtbot, scanning, dialog.quantity_edit, loc)  # whichever field has focus, it lands right
    assert dialog.location_edits["location_code"].text() == loc
    scan_into(qtbot, scanning, dialog.quantity_edit, stock_line["ean"])  # an external barcode
    assert dialog.item_edit.text() == stock_line["ean"] and sku in dialog.item_info.text()
    assert dialog.quantity_edit.hasFocus() or dialog.focusWidget() is dialog.quantity_edit
    type_keys(dialog.quantity_edit, typed + "\r")  # typed keys + Enter: given back to the field, then posted
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    after = balance(services, loc, sku)
    expected = before + change
    assert after == expected and len(dialog.results) == 1
    assert f"{before} → {expected}" in dialog.result_label.text() and dialog.result_label.isVisible()
    assert dialog.results[0].operator_id == "li.wei" and dialog.results[0].request_id.startswith("ui-")
    assert dialog.item_edit.text() == "" and dialog.location_edits["location_code"].text() == loc
    assert [where for _s, where in scanning.routed_log] == ["dialog", "dialog"]


def test_transfer_by_scanning_from_to_sku_code_and_quantity(qtbot, runner, demo_context, scanning, stock_line):
    services = demo_context.services
    src, sku, dst = stock_line["location_code"], stock_line["sku_code"], "A01-02-05"
    before_src, before_dst = balance(services, src, sku), balance(services, dst, sku)
    dialog = open_dialog(qtbot, runner, TransferDialog, demo_context, scanning)
    for code in (src, dst, sku, "0004"):  # a 4-digit quantity label is a scan too: it fills the quantity
        scan_into(qtbot, scanning, dialog.item_edit, code)
    assert dialog.location_edits["from_location_code"].text() == src
    assert dialog.location_edits["to_location_code"].text() == dst and dialog.quantity_edit.text() == "4"
    type_keys(dialog.quantity_edit, "\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, src, sku) == before_src - 4 and balance(services, dst, sku) == before_dst + 4
    text = dialog.result_label.text()
    assert f"{src} now {before_src - 4}" in text and f"{dst} now {before_dst + 4}" in text


def test_gs1_label_fills_item_batch_and_quantity(qtbot, runner, demo_context, scanning, stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog, loc)
    scan_into(qtbot, scanning, dialog, f"]C101{'0' + stock_line['ean']}10BX-9{GS}3006")
    assert dialog.batch_edit.text() == "BX-9" and dialog.quantity_edit.text() == "6" and dialog.operation.item.sku_code == sku
    type_keys(dialog.quantity_edit, "\r")
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, loc, sku, "BX-9") == 6 and dialog.results[0].batch_number == "BX-9"


def fill(dialog, location, item, quantity):
    dialog.location_edits["location_code"].setText(location)
    dialog.item_edit.setText(item)
    dialog.quantity_edit.setText(quantity)


def test_insufficient_stock_is_shown_inline_with_its_code_and_changes_nothing(qtbot, runner, demo_context,
                                                                              stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = ledger_rows(services)
    dialog = open_dialog(qtbot, runner, OutboundDialog, demo_context)
    fill(dialog, loc, sku, str(stock_line["stock_quantity"] + 1))  # typed SKU code: resolved, then posted
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    runner.wait_for_done()
    assert "INSUFFICIENT_STOCK" in dialog.error_label.text() and "15002" in dialog.error_label.text()
    assert dialog.results == [] and ledger_rows(services) == before
    assert dialog.quantity_edit.text() == str(stock_line["stock_quantity"] + 1)  # kept for correcting


def test_unknown_location_inline_in_chinese(qtbot, runner, demo_context, stock_line, translator):
    translator.set_language("zh_CN")
    services = demo_context.services
    before = ledger_rows(services)
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context)
    fill(dialog, "无此库位", stock_line["sku_code"], "3")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    runner.wait_for_done()
    assert "LOCATION_NOT_FOUND" in dialog.error_label.text() and "库位" in dialog.error_label.text()
    assert dialog.post_button.text() == "过账 (Enter)"
    assert ledger_rows(services) == before


def test_local_checks_name_the_missing_field(qtbot, runner, demo_context):
    dialog = open_dialog(qtbot, runner, AdjustDialog, demo_context)
    dialog.submit()
    assert "Location" in dialog.error_label.text()
    fill(dialog, "A01-01-01", "X", "0")
    dialog.operation.item = Scan("X", kind="sku", product_code="X", sku_code="X")  # resolved: the quantity check is next
    dialog.submit()
    assert "other than 0" in dialog.error_label.text()


class Recording:
    """The inventory area, recording each command it is sent."""

    def __init__(self, inventory):
        self.inventory, self.calls = inventory, []

    def inbound(self, command):
        self.calls.append(("inbound", command))
        return self.inventory.inbound(command)

    def outbound(self, command):
        self.calls.append(("outbound", command))
        return self.inventory.outbound(command)


def test_double_enter_posts_once(qtbot, runner, demo_context, stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    recording = Recording(services.inventory)
    services.inventory = recording
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context)
    fill(dialog, loc, stock_line["ean"], "9")
    qtbot.keyClick(dialog.item_edit, Qt.Key.Key_Return)  # resolves the typed barcode
    qtbot.waitUntil(lambda: dialog.operation.item is not None, timeout=5000)
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    runner.wait_for_done()
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)  # and once more after: the form was cleared
    runner.wait_for_done()
    assert len(recording.calls) == 1 and balance(services, loc, sku) == before + 9


def test_a_repeated_submission_reuses_its_request_id_so_the_service_posts_once(qtbot, runner, demo_context,
                                                                                stock_line):
    services = demo_context.services
    loc, sku = stock_line["location_code"], stock_line["sku_code"]
    before = balance(services, loc, sku)
    recording = Recording(services.inventory)
    services.inventory = recording
    dialog = open_dialog(qtbot, runner, OutboundDialog, demo_context)
    fill(dialog, loc, sku, "1")
    qtbot.keyClick(dialog.item_edit, Qt.Key.Key_Return)  # resolves the typed SKU code
    qtbot.waitUntil(lambda: dialog.operation.item is not None, timeout=5000)
    dialog.submit()
    assert dialog.busy
    dialog.operation.posting = False  # the in-flight guard lost (e.g. a second window): the request_id still holds
    dialog.submit()
    runner.wait_for_done()  # the first outcome is superseded by the second (same key): one shown
    ids = {command.request_id for _name, command in recording.calls}
    assert len(recording.calls) == 2 and len(ids) == 1
    assert balance(services, loc, sku) == before - 1
