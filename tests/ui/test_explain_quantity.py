"""Any quantity explained in two clicks: a Stock row (or a total of its tree), then Movements."""
from __future__ import annotations

from PySide6.QtCore import Qt

from wms_desktop.ui.main_window import MainWindow


def open_stock(qtbot, screen_context, runner) -> MainWindow:
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    window.navigate_to("stock", None)
    stock = window.screen_named("stock")
    qtbot.waitUntil(lambda: stock.model.rowCount() > 0 and stock.model.row_data(0) is not None, timeout=5000)
    return window


def test_a_stock_row_opens_the_movements_that_make_its_quantity(qtbot, screen_context, runner):
    window = open_stock(qtbot, screen_context, runner)
    stock, movements = window.screen_named("stock"), window.screen_named("movements")
    stock.table.setCurrentIndex(stock.model.index(0, 0))  # click one: the row
    balance = stock.model.row_data(0)
    qtbot.mouseClick(stock.explain_button, Qt.MouseButton.LeftButton)  # click two
    assert window.current_screen() is movements
    qtbot.waitUntil(lambda: movements.model.rowCount() > 0 and not movements.model.loading, timeout=5000)
    while not movements.model.at_end:
        movements.model.fetchMore()
        qtbot.waitUntil(lambda: not movements.model.loading, timeout=5000)
    rows = [movements.model.row_data(r) for r in range(movements.model.rowCount())]
    assert {(r.sku_code, r.location_code, r.batch_number) for r in rows} == {
        (balance.sku_code, balance.location_code, balance.batch_number)}
    assert rows[0].quantity_after == balance.stock_quantity == sum(r.quantity_change for r in rows)
    assert movements.explained_label.isVisibleTo(movements)
    assert f"{balance.stock_quantity:,} now" in movements.explained_label.text()
    qtbot.mouseClick(movements.stop_explaining, Qt.MouseButton.LeftButton)  # back to the whole ledger
    assert movements.explained is None and not movements.explained_label.isVisibleTo(movements)
    runner.wait_for_done()


def test_a_product_total_in_the_tree_opens_the_products_movements(qtbot, screen_context, runner):
    window = open_stock(qtbot, screen_context, runner)
    stock, movements = window.screen_named("stock"), window.screen_named("movements")
    stock.table.setCurrentIndex(stock.model.index(0, 0))
    qtbot.waitUntil(lambda: stock.product is not None and stock.tree.topLevelItemCount() == 1, timeout=5000)
    top = stock.tree.topLevelItem(0)
    stock.tree.itemDoubleClicked.emit(top, 0)
    assert window.current_screen() is movements
    assert movements.filters().product_code == stock.product.product_code
    qtbot.waitUntil(lambda: movements.model.rowCount() > 0 and not movements.model.loading, timeout=5000)
    while not movements.model.at_end:
        movements.model.fetchMore()
        qtbot.waitUntil(lambda: not movements.model.loading, timeout=5000)
    changes = sum(movements.model.row_data(r).quantity_change for r in range(movements.model.rowCount()))
    assert changes == stock.product.total_quantity
    runner.wait_for_done()
