"""The History button of the Products and Locations screens: the current row's audit trail."""
from __future__ import annotations

from PySide6.QtCore import Qt

from wms_desktop.devices.scanner import Scan
from wms_desktop.ui.dialogs.audit import ACTION, AFTER, BEFORE, WHO
from wms_desktop.ui.screens import LocationsScreen, ProductsScreen


def test_a_products_history_shows_who_changed_what(qtbot, open_screen, runner, services):
    product = services.catalog.list_products({}).data[0]
    services.catalog.update_product({"product_id": product.product_id, "low_stock_threshold": 7,
                                     "operator_id": "zhang.min"})
    screen = open_screen(ProductsScreen)
    qtbot.waitUntil(lambda: screen.model.is_complete and screen.table.currentIndex().isValid(), timeout=5000)
    screen.search(product.product_code)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.table.currentIndex().isValid(), timeout=5000)
    qtbot.mouseClick(screen.history_button, Qt.MouseButton.LeftButton)
    dialog = screen.history_dialog
    assert dialog is not None and product.product_code in dialog.windowTitle()
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=5000)
    runner.wait_for_done()
    newest = [dialog.model.index(0, column).data() for column in (WHO, ACTION, BEFORE, AFTER)]
    assert newest == ["zhang.min", "update", "low_stock_threshold: -1", "low_stock_threshold: 7"]
    dialog.close()


def test_a_locations_history_lists_its_creation(qtbot, open_screen, runner, services):
    services.locations.create({"location_code": "Z9"})
    screen = open_screen(LocationsScreen)
    qtbot.waitUntil(lambda: screen.source.rowCount() > 0, timeout=5000)
    screen.handle_scan(Scan(text="Z9", kind="location"))
    qtbot.waitUntil(lambda: screen.current_location() is not None
                    and screen.current_location().location_code == "Z9", timeout=5000)
    dialog = screen.show_history()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    runner.wait_for_done()
    assert dialog.model.index(0, ACTION).data() == "create"
    assert "location_code: \"Z9\"" in dialog.model.index(0, AFTER).data()
    dialog.close()
