"""Scanning the ASCII scan code of a Chinese location or SKU label (issue 10, item 3): a real
scanner key stream — Shift around the capital, Enter after — resolves what the Chinese code
does, in an operation dialog and on the Locations screen; the label printed from the app
carries that code as Code 128, and the Chinese QR only where the scanners type UTF-8."""
from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt

from tests.ui.key_streams import BLUETOOTH, scan_keys
from tests.ui.test_catalog_editors import (  # noqa: F401
    closed,
    images,
    locations_screen,
    open_editor,
    open_screen,
    press,
    products_screen_on,
    select_location,
    settle,
    type_into,
)
from tests.ui.test_dialogs_operations import balance, demo_context, open_dialog, scan_into, scanning  # noqa: F401
from tests.ui.test_scan_routing import scan, window  # noqa: F401
from wms_desktop.ui.dialogs import InboundDialog
from wms_desktop.ui.printing.labels_dialog import LOCATION, PrintLabelsDialog

WEST = "西8排1架6层4位"


@pytest.fixture
def coded(services):
    """A Chinese location and a Chinese SKU of the demo data, with their scan codes."""
    place = services.locations.get({"location_code": WEST})
    # a SKU without batches: its scan is followed by the quantity, not the batch step
    sku = next(item.sku_code for item in services.stock.query({"page_size": 200}).items
               if not item.sku_code.isascii() and not services.lookup.identify({"code": item.sku_code}).batched)
    scan_code = next(s.scan_code for s in services.catalog.product_by_code(sku).skus if s.sku_code == sku)
    return place.scan_code, sku, scan_code


def test_scan_codes_fill_the_chinese_location_and_sku_and_post(qtbot, runner, demo_context, scanning,
                                                               coded):
    location_scan, sku, sku_scan = coded
    assert location_scan.startswith("L") and sku_scan.startswith("S")  # Shift is pressed for each
    services = demo_context.services
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    scan_into(qtbot, scanning, dialog.quantity_edit, location_scan)
    assert dialog.location_edits["location_code"].text() == WEST
    scan_keys(dialog.quantity_edit, sku_scan, gaps=BLUETOOTH)  # a slow Bluetooth scanner
    qtbot.waitUntil(lambda: scanning.idle and dialog.item_edit.text() == sku, timeout=5000)
    scan_into(qtbot, scanning, dialog.quantity_edit, "0003")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert balance(services, WEST, sku) == 3
    assert [(s.text, where) for s, where in scanning.routed_log] == [
        (location_scan, "dialog"), (sku_scan, "dialog"), ("0003", "dialog")]


def test_the_locations_screen_finds_the_chinese_location_by_its_scan_code(qtbot, window, coded):
    location_scan = coded[0]
    locations = window.screen_named("locations")
    window.show_screen(window.screens.index(locations))
    scan(qtbot, window, locations.search_box, location_scan)
    qtbot.waitUntil(lambda: locations.current_location() is not None, timeout=5000)
    assert locations.current_location().location_code == WEST
    assert locations.search_box.text() == WEST
    assert window.routed == [(location_scan, "screen")]


def test_a_scan_while_the_locations_still_load_selects_the_location_once_they_are_there(qtbot, window, coded):
    location_scan = coded[0]
    locations = window.screen_named("locations")
    window.show_screen(window.screens.index(locations))
    qtbot.waitUntil(lambda: bool(locations.locations), timeout=5000)
    locations.show_locations([])  # as at sign-in on a slow link: the list not there yet
    scan(qtbot, window, locations.search_box, location_scan)
    qtbot.waitUntil(lambda: locations.current_location() is not None, timeout=5000)
    assert locations.current_location().location_code == WEST


@pytest.mark.parametrize("utf8", [False, True])
def test_location_labels_carry_the_scan_code_and_a_qr_only_where_scanners_type_utf8(
        qtbot, runner, screen_context, settings, coded, tmp_path, utf8):
    settings.scanner_types_utf8 = utf8
    screen_context.extras["print_history_dir"] = str(tmp_path / "history")
    dialog = PrintLabelsDialog(screen_context, LOCATION, [WEST])
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitUntil(lambda: (runner.wait_for_done(), dialog.preview_png is not None)[1], timeout=10_000)
    preview = Image.open(io.BytesIO(dialog.preview_png))
    found = sorted((b.format.name, b.text) for b in zxingcpp.read_barcodes(preview))
    assert found == ([("Code128", coded[0]), ("QRCode", WEST)] if utf8 else [("Code128", coded[0])])


def test_the_location_editor_edits_the_scan_code_and_says_when_it_is_taken(qtbot, open_screen, runner, services,
                                                                          coded):
    screen = locations_screen(qtbot, open_screen, runner)
    select_location(screen, WEST)
    press(qtbot, screen.table, Qt.Key.Key_Return)  # Enter edits
    editor = screen.editor
    assert editor.scan_code_edit.text() == coded[0]
    assert not editor.scan_code_edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # ASCII only
    type_into(qtbot, editor.scan_code_edit, "WEST-8")
    press(qtbot, editor.scan_code_edit, Qt.Key.Key_Return)
    settle(qtbot, runner, lambda: closed(editor))
    assert services.locations.get({"location_code": WEST}).scan_code == "WEST-8"
    assert services.lookup.identify({"code": "WEST-8"}).location_code == WEST
    select_location(screen, "收货区")
    editor = screen.edit_location()
    type_into(qtbot, editor.scan_code_edit, "WEST-8")
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert editor.isVisible() and editor.errors["scan_code"].text() == \
        "This scan code is already in use [SCAN_CODE_EXISTS]"
    type_into(qtbot, editor.scan_code_edit, "L000001")  # another location's assigned code
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert "INVALID_SCAN_CODE" in editor.errors["scan_code"].text()


def test_the_product_editor_shows_a_skus_scan_code(qtbot, open_screen, runner, services, coded):
    _, sku, sku_scan = coded
    screen = products_screen_on(qtbot, open_screen, runner, sku.split("-")[0])
    editor = open_editor(qtbot, screen, runner)
    editor.grid.select(editor.grid.key_of(sku))
    assert editor.panel.title() == f"SKU {sku} · scan code {sku_scan}"
