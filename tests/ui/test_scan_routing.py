"""Scans go to scan targets only. In the main window a scan into the search box replaces its
text (never appended to what is there) and an unknown code is said on screen; in the settings,
an editor or a password field a scan types nothing, submits nothing, and is refused there,
without repeating its keys. A person's typing in those fields is untouched."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.key_streams import KEYBOARD, scan_keys, type_keys
from tests.ui.test_dialogs_operations import Beeps
from wms_desktop.ui.dialogs.location_editor import LocationEditor
from wms_desktop.ui.dialogs.login import NewUserDialog
from wms_desktop.ui.dialogs.product_editor import ProductEditor
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.scanning.router import ScanFlash
from wms_desktop.ui.session import Session
from wms_desktop.ui.settings.dialog import SettingsDialog, WorkstationPage

UNKNOWN = "1234567890128"


@pytest.fixture
def window(qtbot, screen_context, runner):
    screen_context.session = Session(1, "boss", "Boss", "admin")  # may open every editor
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    qtbot.waitExposed(window)
    window.scan_router.feedback.sound = Beeps()
    window.routed = []
    window.scan_router.routed.connect(lambda scan, where, _taker: window.routed.append((scan.raw, where)))
    return window


@pytest.fixture
def labelled(services) -> tuple[str, str]:
    """(SKU code, its EAN-13) from the demo data."""
    for item in services.stock.query({"page_size": 200}).items:
        codes = services.catalog.external_codes_of(item.sku_code).external_codes
        if "-" in item.sku_code and codes:
            return item.sku_code, codes[0]
    raise AssertionError("demo data has no SKU with a barcode")


def scan(qtbot, window, widget, code: str) -> None:
    scan_keys(widget, code)
    qtbot.waitUntil(lambda: window.scan_router.idle and window.scanner.holding == 0, timeout=5000)


def flash_text(widget) -> str:
    flash = widget.findChild(ScanFlash, "scanFlash", Qt.FindChildOption.FindDirectChildrenOnly)
    return flash.text() if flash is not None and flash.isVisible() else ""


def test_a_scan_into_the_search_box_replaces_its_text_and_an_unknown_code_is_said(qtbot, window, labelled):
    products = window.screen_named("products")
    window.show_screen(window.screens.index(products))
    ean = labelled[1]
    type_keys(products.search_box, "shirt")  # a clerk started typing, then picks up the scanner
    qtbot.waitUntil(lambda: products.search_box.text() == "shirt", timeout=2000)
    scan(qtbot, window, products.search_box, ean)
    assert products.search_box.text() == ean  # replaced: "shirt6970…" found nothing
    qtbot.waitUntil(lambda: products.model.rowCount() == 1, timeout=5000)
    scan(qtbot, window, products.search_box, UNKNOWN)
    assert products.search_box.text() == ean  # not 6970…1234567890128
    assert window.statusBar().currentMessage() == f"Unknown code: {UNKNOWN}"
    assert flash_text(window) == f"Unknown code: {UNKNOWN}" and len(window.scan_router.feedback.sound) == 1
    assert window.routed == [(ean, "screen"), (UNKNOWN, "unknown")]


def test_a_known_code_a_screen_has_no_use_for_is_said_as_such(qtbot, window, labelled):
    locations = window.screen_named("locations")
    window.show_screen(window.screens.index(locations))
    scan(qtbot, window, locations.search_box, labelled[0])
    assert flash_text(window) == f"{labelled[0]} is not used here"
    assert window.routed == [(labelled[0], "unknown")]


def test_a_scan_while_settings_are_open_is_refused_and_changes_nothing(qtbot, window, screen_context):
    settings = screen_context.settings
    dialog = SettingsDialog(settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.page(WorkstationPage).warehouse
    before = field.text()
    scan(qtbot, window, field, "6970123000031")  # its Enter used to save it as the warehouse code
    assert field.text() == before and dialog.isVisible() and settings.warehouse_code == before
    assert window.routed == [("6970123000031", "refused")]
    assert flash_text(dialog) == "Scans are not taken in this window. Close it first, then scan again."
    assert "6970123000031" not in flash_text(dialog)
    field.clear()
    type_keys(field, "WH02")  # typing there is untouched
    qtbot.waitUntil(lambda: field.text() == "WH02", timeout=2000)


def test_editors_and_password_fields_take_no_scans(qtbot, window, screen_context, runner, services, tmp_path):
    product = ProductEditor(screen_context, parent=window, images=tmp_path)
    location = LocationEditor(screen_context, services.locations.list()[0], parent=window)
    new_user = NewUserDialog(screen_context, parent=window)
    fields = [product.code_edit, product.grid.size_edit, location.name_edit, new_user.password]
    for dialog in (product, location, new_user):
        qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
        dialog.show()
    before = [field.text() for field in fields]
    for field in fields:
        scan(qtbot, window, field, "PO-2024-0077")
    assert [field.text() for field in fields] == before
    assert all(dialog.isVisible() for dialog in (product, location, new_user))  # no Enter reached them
    assert [where for _raw, where in window.routed] == ["refused"] * 4
    KEYBOARD.pause(500)
    type_keys(new_user.password, "Secret-99")
    qtbot.waitUntil(lambda: new_user.password.text() == "Secret-99", timeout=2000)
