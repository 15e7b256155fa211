"""Each main screen on a seeded SQLite database: opens, searches, shows rows, routes scans."""
from __future__ import annotations

from PySide6.QtCore import Qt

from wms_desktop.contract.stock import BalanceIds
from wms_desktop.devices.scanner import Scan, parse_scan
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.models.lazy_table import PLACEHOLDER
from wms_desktop.ui.scanning import identify_scan
from wms_desktop.ui.screens import LocationsScreen, MovementsScreen, ProductsScreen, StockScreen


def scan(text, kind, gs1=None):
    return Scan(text=text, kind=kind, gs1=gs1)


def classified(services, text):
    """A scan as the router hands it on: read and looked up."""
    return identify_scan(services, parse_scan(text))


def settle(qtbot, runner, condition, timeout=5000):
    qtbot.waitUntil(condition, timeout=timeout)
    runner.wait_for_done()


def column_texts(view, column):
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_products_screen_lists_searches_and_shows_colour_size_grid(qtbot, open_screen, runner, services):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.model.rowCount() == 31)
    assert screen.model.index(0, 0).data() not in ("", PLACEHOLDER)
    settle(qtbot, runner, lambda: screen.detail is not None)  # first row current → its detail loads
    sku = services.catalog.product_by_code("180475").skus[1].sku_code
    screen.search_box.setText(sku)  # (QTest cannot type CJK characters)
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)
    settle(qtbot, runner, lambda: screen.model.rowCount() == 1 and screen.detail is not None
           and screen.detail.matched_sku is not None and screen.detail.matched_sku.sku_code == sku)
    assert screen.detail.product_code == sku.split("-")[0]
    colours = {c.color for c in screen.detail.colors}
    assert screen.grid.rowCount() == len({s.sku_color for s in screen.detail.skus}) + 1
    assert {screen.grid.verticalHeaderItem(r).text() for r in range(screen.grid.rowCount() - 1)} >= colours
    total = screen.grid.item(screen.grid.rowCount() - 1, screen.grid.columnCount() - 1).text()
    assert total.replace(",", "") == str(screen.detail.total_quantity)
    # Down from the search box goes to the table; Ctrl+F-style focus_search selects the text
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Down)
    assert screen.table.hasFocus() or screen.table.currentIndex().isValid()


def test_products_scan_of_sku_and_barcode(qtbot, open_screen, runner, services):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.model.is_complete)
    product = services.catalog.list_products({"search": "TAPE48"}).data[0]
    barcode = services.catalog.external_codes_of("TAPE48").external_codes[0]
    assert screen.handle_scan(scan(barcode, "external"))
    settle(qtbot, runner, lambda: screen.model.rowCount() == 1 and screen.detail is not None
           and screen.detail.product_code == "TAPE48")
    assert screen.search_box.text() == barcode
    assert screen.model.row_data(0).product_id == product.product_id
    gtin = "0" + barcode
    assert screen.handle_scan(scan("]C1" + "01" + gtin, "gs1", {"gtin": gtin}))
    settle(qtbot, runner, lambda: screen.search_box.text() == barcode and screen.model.rowCount() == 1)
    assert not screen.handle_scan(scan("A01-01-01", "location"))
    assert not screen.handle_scan(scan("???", "unknown"))


def test_locations_screen_marks_unassigned_protected_and_filters_by_scan(qtbot, open_screen, runner):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() > 30)
    codes = column_texts(screen.table, 0)
    row = codes.index("无货位")
    assert "Protected" in screen.proxy.index(row, 4).data()
    assert screen.proxy.index(row, 3).data() == "Active"
    assert screen.proxy.index(codes.index("收货区"), 2).data() == "Receiving"
    screen.search("东8排")
    assert screen.proxy.rowCount() > 0 and all(c.startswith("东8排") for c in column_texts(screen.table, 0))
    assert screen.handle_scan(scan("A01-01-01", "location"))
    assert column_texts(screen.table, 0) == ["A01-01-01"]
    assert screen.table.currentIndex().data() == "A01-01-01"
    assert not screen.handle_scan(scan("HANGER", "sku"))


def test_stock_screen_table_tree_and_location_scan(qtbot, open_screen, runner, services):
    screen = open_screen(StockScreen)
    total = len(services.browse.balance_ids(BalanceIds()))
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.model.rowCount() == total)
    sku = next(r for r in services.browse.balance_rows(services.browse.balance_ids(BalanceIds(limit=400)))
               if r.sku_color).sku_code
    assert screen.handle_scan(scan(sku, "sku"))
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.product is not None
           and screen.product.product_code == sku.split("-")[0])
    assert all(screen.model.row_data(r).sku_code.startswith(sku) for r in range(screen.model.rowCount()))
    top = screen.tree.topLevelItem(0)
    assert top.text(1).replace(",", "") == str(screen.product.total_quantity)
    colour = top.child(0)
    size = colour.child(0)
    assert size.childCount() >= 1  # product → colour → size → locations
    assert screen.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == sku
    place = screen.model.row_data(0).location_code
    assert screen.handle_scan(scan(place, "location"))
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.location_label.isVisible())
    for r in range(screen.model.rowCount()):
        screen.model.index(r, 0).data()
    settle(qtbot, runner, lambda: all(screen.model.is_loaded(r) for r in range(screen.model.rowCount())))
    assert {screen.model.row_data(r).location_code for r in range(screen.model.rowCount())} == {place}
    screen.clear_location.click()
    settle(qtbot, runner, lambda: screen.model.is_complete and not screen.location_label.isVisible())
    assert not screen.handle_scan(scan("x", "unknown"))


def test_stock_header_click_sorts_on_the_server(qtbot, open_screen, runner, services):
    screen = open_screen(StockScreen)
    settle(qtbot, runner, lambda: screen.model.is_complete)
    column = next(i for i, c in enumerate(screen.model.columns) if c.key == "stock_quantity")
    screen.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    expected = services.browse.balance_ids({"sort_by": "stock_quantity", "descending": True})
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.model.id_at(0) == expected[0])
    assert [screen.model.id_at(r) for r in range(screen.model.rowCount())] == expected


def test_movements_screen_filters_and_scans(qtbot, open_screen, runner, services):
    screen = open_screen(MovementsScreen)
    settle(qtbot, runner, lambda: screen.model.rowCount() >= 200 and not screen.model.loading)
    times = [screen.model.row_data(r).movement_id for r in range(screen.model.rowCount())]
    assert times == sorted(times, reverse=True)
    assert screen.handle_scan(classified(services, "A01-01-01"))
    settle(qtbot, runner, lambda: not screen.model.loading and screen.model.filters.location_code == "A01-01-01")
    assert {screen.model.row_data(r).location_code for r in range(screen.model.rowCount())} == {"A01-01-01"}
    screen.clear_filters()
    barcode = services.catalog.external_codes_of("TAPE48").external_codes[0]
    assert screen.handle_scan(classified(services, barcode))
    settle(qtbot, runner, lambda: screen.model.filters.sku_code == "TAPE48" and not screen.model.loading)
    assert screen.model.rowCount() > 0
    assert {screen.model.row_data(r).sku_code for r in range(screen.model.rowCount())} == {"TAPE48"}
    screen.clear_filters()
    screen.operator_filter.setText("nobody")
    qtbot.keyClick(screen.operator_filter, Qt.Key.Key_Return)
    settle(qtbot, runner, lambda: not screen.model.loading and screen.model.filters.operator_id == "nobody")
    assert screen.model.rowCount() == 0
    screen.clear_filters()
    screen.search("180475")  # a product code typed in the search box
    settle(qtbot, runner, lambda: screen.model.filters.product_code == "180475" and not screen.model.loading)
    assert {screen.model.row_data(r).product_code for r in range(screen.model.rowCount())} == {"180475"}
    screen.from_check.setChecked(True)
    screen.to_check.setChecked(True)
    screen.apply_filters()
    settle(qtbot, runner, lambda: screen.model.filters.operated_from is not None and not screen.model.loading)
    assert screen.model.rowCount() > 0  # the demo was posted today: inside the last 7 days
    assert not screen.handle_scan(classified(services, "x"))
    screen.clear_filters()
    assert screen.handle_scan(classified(services, "180475"))  # a product with SKUs: its product code
    settle(qtbot, runner, lambda: screen.model.filters.product_code == "180475" and not screen.model.loading)
    assert screen.model.filters.sku_code is None


def test_main_window_switches_screens_and_language(qtbot, screen_context, runner):
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    for index in range(len(window.screens)):
        window.show_screen(index)
    settle(qtbot, runner, lambda: window.screen_named("stock").model.is_complete)
    screen_context.translator.set_language("zh_CN")
    assert window.screen_named("stock").model.headerData(0, Qt.Orientation.Horizontal) == "库位"
    assert window.screen_named("locations").heading.text() == "库位"
    screen_context.translator.set_language("en")
    assert window.screen_named("stock").model.headerData(0, Qt.Orientation.Horizontal) == "Location"
