"""Stock screen → As of…: the balances at a past moment, rebuilt from the ledger."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt

from wms_desktop.ui.dialogs.stock_as_of import QUANTITY, SKU
from wms_desktop.ui.screens import StockScreen


def test_as_of_now_shows_the_current_rows_sku_and_before_the_demo_nothing(qtbot, open_screen, runner):
    screen = open_screen(StockScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and screen.model.row_data(0) is not None, timeout=5000)
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    row = screen.model.row_data(0)
    qtbot.mouseClick(screen.as_of_button, Qt.MouseButton.LeftButton)
    dialog = screen.as_of_dialog
    assert dialog.sku_edit.text() == row.sku_code
    dialog.moment.setDateTime(QDateTime.currentDateTime().addSecs(60))
    qtbot.keyClick(dialog.sku_edit, Qt.Key.Key_Return)  # Show is the default button
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    runner.wait_for_done()
    assert {dialog.model.item(r, SKU).text() for r in range(dialog.model.rowCount())} == {row.sku_code}
    total = sum(int(dialog.model.item(r, QUANTITY).text().replace(",", "")) for r in range(dialog.model.rowCount()))
    balances = screen.services.stock.query({"sku_code": row.sku_code}).items
    assert total == sum(b.stock_quantity for b in balances)
    dialog.moment.setDateTime(QDateTime.currentDateTime().addYears(-10))
    qtbot.keyClick(dialog.sku_edit, Qt.Key.Key_Return)  # Show is the default button
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0 and "0 units" in dialog.info.text(), timeout=5000)
    runner.wait_for_done()
    dialog.close()


def test_the_warehouse_as_of_comes_page_by_page_with_every_lines_totals(qtbot, open_screen, runner, monkeypatch):
    monkeypatch.setattr("wms_desktop.ui.dialogs.stock_as_of.PAGE", 2)
    screen = open_screen(StockScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 4, timeout=5000)
    dialog = screen.open_as_of()
    dialog.sku_edit.clear()
    dialog.moment.setDateTime(QDateTime.currentDateTime().addSecs(60))
    qtbot.keyClick(dialog.sku_edit, Qt.Key.Key_Return)  # Show is the default button
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and "units" in dialog.info.text(), timeout=5000)
    runner.wait_for_done()
    page = screen.services.stock.as_of({"at": dialog.command().at})
    assert f"in {page.lines:,} balances" in dialog.info.text()  # every line's count, not the page's
    dialog.fetch_more()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    runner.wait_for_done()
    shown = [dialog.model.item(r, SKU).text() for r in range(4)]
    assert shown == [line.sku_code for line in page.items[:4]]
    dialog.close()
