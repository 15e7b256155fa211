"""The main window: screens by keyboard, the status bar, live language switching."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.key_streams import type_keys
from wms_desktop.ui.main_window import MainWindow


def _window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # window shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def test_function_keys_switch_screens_and_ctrl_f_finds_the_search_box(qtbot, context):
    window = _window(qtbot, context)
    assert [s.key for s in window.screens] == ["products", "locations", "stock", "movements", "sensors",
                                                 "alerts", "receiving",
                                                 "orders", "counts"]
    for key in (Qt.Key.Key_F3, Qt.Key.Key_F4, Qt.Key.Key_F2, Qt.Key.Key_F1):
        qtbot.keyClick(window, key)
    assert window.current_screen().key == "products"
    qtbot.keyClick(window, Qt.Key.Key_F6)  # F5 stays Refresh
    assert window.current_screen().key == "sensors"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.current_screen().key == "stock" and window.nav.currentRow() == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.screen_named("stock").search_box
    searched = []
    window.screen_named("stock").searched.connect(searched.append)
    type_keys(window.screen_named("stock").search_box, "129092\r")  # a person's keys: typed, not a scan
    assert searched == ["129092"]


def test_every_action_has_a_shortcut_or_a_mnemonic(qtbot, context):
    window = _window(qtbot, context)
    shortcuts = {a.text(): a.shortcut().toString() for a in (window.settings_action, window.logout_action,
                                                            window.quit_action, window.search_action,
                                                            window.refresh_action, *window.screen_actions)}
    assert shortcuts["Products"] == "F1" and shortcuts["Movements"] == "F4" and shortcuts["&Refresh"] == "F5"
    assert shortcuts["Sensors"] == "F6" and shortcuts["Alerts"] == "F7"
    assert shortcuts["&Search"] == "Ctrl+F" and shortcuts["&Quit"] == "Ctrl+Q"
    for menu in (window.file_menu, window.go_menu, window.language_menu, window.help_menu):
        assert "&" in menu.title()


def test_stock_counts_in_the_operations_menu_lead_to_the_counts_screen(qtbot, screen_context, runner):
    """Stock is counted blind on count tasks (issue 15): the direct count is gone, its place in
    the menu leads to them, and the work dialogs keep their keys."""
    window = _window(qtbot, screen_context)
    assert [(a.text(), a.shortcut().toString()) for a in window.operation_actions] == [
        ("&Inbound…", "Ctrl+1"), ("&Outbound…", "Ctrl+2"), ("&Transfer…", "Ctrl+3"), ("&Adjust…", "Ctrl+4"),
        ("Stock &counts (F10)", "Ctrl+5"), ("&Pick list…", "Ctrl+6"), ("&Receiving…", "Ctrl+7"),
        ("Pac&k station…", "Ctrl+8"), ("C&ustomer returns…", "Ctrl+9"),
        ("&Wave picking…", "Ctrl+0")]
    window.counts_action.trigger()
    assert window.current_screen().key == "counts"
    runner.wait_for_done()


def test_status_bar_shows_user_warehouse_database_and_devices(qtbot, context):
    window = _window(qtbot, context)
    status = window.status
    assert status.user_label.text() == "User: 李伟 (li.wei)"
    assert status.warehouse_label.text() == "Warehouse: WH01"
    assert "wms@db-host:5432/wms" in status.database_label.text()
    assert "Scanner: ready" in status.device_labels["scanner"].text()  # listening before the first scan
    status.set_state("scale", "connected")
    assert "Scale/MQTT: ready" in status.device_labels["scale"].text()


def test_language_switch_retranslates_live_and_is_remembered(qtbot, context):
    window = _window(qtbot, context)
    assert window.nav.item(0).text().startswith("Products")
    window.language_actions["zh_CN"].trigger()
    assert window.nav.item(0).text().startswith("商品")
    assert window.file_menu.title() == "文件(&F)"
    assert window.screen_named("products").search_box.placeholderText() == "商品或 SKU 编码、名称或条码"
    assert window.status.warehouse_label.text() == "仓库：WH01"
    assert window.language_actions["zh_CN"].isChecked()
    assert context.settings.language == "zh_CN"
    assert QSettings(context.settings.qsettings.fileName(), QSettings.Format.IniFormat).value("ui/language") == "zh_CN"
    window.language_actions["en"].trigger()
    assert window.file_menu.title() == "&File" and context.settings.language == "en"


def test_at_the_default_size_every_column_of_movements_is_on_screen(qtbot, screen_context, runner, translator):
    """Both languages, the window as it first opens (1100 × 700): all eleven columns inside the
    table, none narrower than its title; wider, the product name gets the room."""
    for language in ("en", "zh_CN"):
        translator.set_language(language)
        screen_context.settings.qsettings.remove("ui/main_window_geometry")  # as on a first start
        window = MainWindow(screen_context)
        qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
        window.show()
        qtbot.waitExposed(window)
        movements = window.screen_named("movements")
        window.show_screen(window.screens.index(movements))
        qtbot.waitUntil(lambda m=movements: m.model.rowCount() > 20, timeout=5000)
        table, header = movements.table, movements.table.horizontalHeader()
        qtbot.waitUntil(lambda t=table: t.verticalScrollBar().isVisible(), timeout=2000)
        titles = [movements.model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
        assert header.count() == 11 and window.size().width() == 1100
        assert header.length() <= table.viewport().width() and not table.horizontalScrollBar().isVisible()
        for column, title in enumerate(titles):
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), (language, title)
        product = header.sectionSize(3)
        window.resize(1400, 700)
        qtbot.waitUntil(lambda h=header, p=product: h.sectionSize(3) > p, timeout=2000)
        assert header.length() <= table.viewport().width()
        header.resizeSection(2, 300)  # the clerk widens the SKU column: from now on the widths are theirs
        window.resize(1100, 700)
        qtbot.wait(50)
        assert header.sectionSize(2) == 300
        window.close()


def test_alt_with_the_letter_of_a_disabled_button_types_nothing(qtbot, screen_context, runner):
    """A clerk's Alt+N (New… is greyed out for clerks) used to type "n" into the search box."""
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    products = window.screen_named("products")
    assert not products.edit_actions.buttons["new"].isEnabled()
    products.search_box.setFocus()
    qtbot.keyClick(products.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(products.search_box, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # no such mnemonic at all
    assert products.search_box.text() == ""
    type_keys(products.search_box, "nq")  # without Alt the letters type
    qtbot.waitUntil(lambda: products.search_box.text() == "nq", timeout=2000)
