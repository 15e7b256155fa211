"""File → Warehouses… (an administrator): add, rename, switch off and on; the own warehouse stays on."""
from __future__ import annotations

from PySide6.QtCore import Qt

from wms_desktop.ui.dialogs.warehouses import NAME, STATE, WarehousesDialog
from wms_desktop.ui.session import Session


def test_an_administrator_adds_renames_and_switches_off(qtbot, screen_context, runner, services):
    screen_context.session = Session(9, "root", "管理员", "admin")
    screen_context.services = services.acting_as("root", "admin")
    dialog = WarehousesDialog(screen_context)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert not dialog.toggle_button.isEnabled()  # WH01: this workstation's own
    dialog.code_edit.setText("WH2")
    dialog.name_edit.setText("东仓")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and dialog.current().warehouse_code == "WH2", timeout=5000)
    dialog.name_edit.setText("东仓 East")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.item(1, NAME).text() == "东仓 East", timeout=5000)
    assert dialog.toggle_button.isEnabled()
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.item(1, STATE).text() == "Switched off", timeout=5000)
    assert dialog.toggle_button.text() == "Switch &on"
    dialog.code_edit.setText("WH2")  # taken
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=5000)
    assert "WAREHOUSE_CODE_EXISTS" in dialog.error_label.text()
    runner.wait_for_done()
    assert {w.warehouse_code: w.is_active for w in services.warehouses.list()} == {"WH01": True, "WH2": False}


def test_the_menu_offers_it_to_administrators_only(qtbot, screen_context, runner):
    from wms_desktop.ui.main_window import MainWindow

    window = MainWindow(screen_context)  # a clerk
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    assert not window.warehouses_action.isVisible()
    runner.wait_for_done()
