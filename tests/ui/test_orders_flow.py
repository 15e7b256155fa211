"""An outbound order worked from the main window by keys and scans only (demo data): found on the
Orders screen and released, picked by scanning each bin and item, packed at the pack station into
two cartons with the weight checked (a wrong weight refused first), its tracking labels scanned,
and shipped — the stock leaves through the packing location, once — then one item returned to
stock."""
from __future__ import annotations

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers import assert_ledger_matches_balances
from tests.ui.key_streams import type_keys
from tests.ui.test_scan_routing import scan, window  # noqa: F401  (window: the main window on the demo data)
from wms_desktop.ui.dialogs import PackDialog, PickDialog, ReturnDialog
from wms_desktop.ui.main_window import screen_key
from wms_desktop.ui.printing.printers import PrinterSettings

ORDER = "SO-DEMO-001"  # pending in the demo data: two lines, 1 and 2 units
PACKING = "发货区"
RETURNS = "退货区"  # the demo's returns area
UNIT_GRAMS = 250


def settle(qtbot, runner, condition, timeout=10_000):
    qtbot.waitUntil(lambda: (runner.wait_for_done(), condition())[1], timeout=timeout)


def back_to(qtbot, window) -> None:
    """The main window active again after a dialog closed (the offscreen platform does not
    hand activation back by itself): its shortcuts work only then."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def modal(kind):
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, kind) else None


def test_an_order_is_released_picked_packed_into_two_cartons_and_shipped_by_keys(qtbot, window, services, runner,
                                                                                 tmp_path):
    window.context.settings.packing_location = PACKING
    printers = PrinterSettings(window.context.settings)
    printers.label_folder, printers.document_folder = str(tmp_path / "labels"), str(tmp_path / "docs")
    window.context.extras["print_history_dir"] = str(tmp_path / "history")
    pending = services.orders.get({"order_number": ORDER})
    (first, second) = pending.lines
    for line in pending.lines:
        services.catalog.update_sku({"sku_code": line.sku_code, "weight_grams": UNIT_GRAMS, "operator_id": "demo"})

    # the Orders screen: find the order, release it
    orders = window.screen_named("orders")
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_F1.value + int(screen_key(window.screens.index(orders))[1:]) - 1))
    assert window.current_screen() is orders
    type_keys(orders.search_box, ORDER + "\r")
    settle(qtbot, runner, lambda: orders.detail is not None and orders.detail.document_number == ORDER)
    orders.table.setFocus()
    reads = []
    read_detail = orders.detail_op
    orders.detail_op = lambda s, document_id: (reads.append(document_id), read_detail(s, document_id))[1]
    qtbot.keyClick(orders.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: orders.detail.state == "released")
    settle(qtbot, runner, lambda: orders.model.row_data(0).state == "released")  # the row fetched again
    assert reads == []  # the release's answer is the detail shown: not read again
    read = services.orders.get({"order_number": ORDER})
    assert orders.detail == msgspec.structs.replace(read, changes=orders.detail.changes)  # its history too
    del orders.detail_op

    # pick: the dialog opens on it; each bin, then its item
    qtbot.keyClick(orders.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: modal(PickDialog) is not None and modal(PickDialog).session.picks != [])
    picking = modal(PickDialog)
    assert picking.session.plan.order_number == ORDER
    for task in list(picking.session.picks):
        scan(qtbot, window, picking.plan_view, task.pick.location_code)
        scan(qtbot, window, picking.plan_view, task.pick.sku_code)
        settle(qtbot, runner, lambda t=task: t.result is not None)
    assert picking.session.all_done
    qtbot.keyClick(picking, Qt.Key.Key_Escape)
    settle(qtbot, runner, lambda: modal(PickDialog) is None and orders.detail.state == "picked")
    back_to(qtbot, window)

    # pack: carton 1 weighed wrong (refused), then right; carton 2 closed with Enter in the weight
    qtbot.keyClick(orders.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: modal(PackDialog) is not None and modal(PackDialog).session.packing)
    packing = modal(PackDialog)
    scan(qtbot, window, packing.order_edit, first.sku_code)
    assert packing.items_view.topLevelItemCount() == 2
    type_keys(packing.weight_edit, "900")
    qtbot.keyClick(packing, Qt.Key.Key_F6)
    settle(qtbot, runner, lambda: packing.message.isVisible())
    assert "Shift+F6" in packing.message.text() and services.orders.get({"order_number": ORDER}).cartons == []
    packing.weight_edit.selectAll()
    type_keys(packing.weight_edit, str(UNIT_GRAMS + 5))
    qtbot.keyClick(packing, Qt.Key.Key_F6)
    settle(qtbot, runner, lambda: len(packing.session.order.cartons) == 1)
    for _ in range(second.stock_quantity):
        scan(qtbot, window, packing.weight_edit, second.sku_code)
    type_keys(packing.weight_edit, f"{second.stock_quantity * UNIT_GRAMS}\r")
    settle(qtbot, runner, lambda: packing.session.shipping)
    assert packing.cartons_view.topLevelItemCount() == 2

    # the carton labels and the packing list, to this workstation's folders
    qtbot.keyClick(packing, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: packing.last_print is not None and packing.last_print[-1].kind == "carton_label")
    qtbot.keyClick(packing, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, runner, lambda: packing.last_print[-1].kind == "packing_list")
    assert len(list((tmp_path / "labels").glob("*.pdf"))) == 1 and len(list((tmp_path / "docs").glob("*.pdf"))) == 1

    # ship: the tracking labels in carton order, then F8
    for code in ("SF1000000001", "SF1000000002"):
        scan(qtbot, window, packing.order_edit, code)
    qtbot.keyClick(packing, Qt.Key.Key_F8)
    settle(qtbot, runner, lambda: packing.session.order.state == "shipped")
    qtbot.keyClick(packing, Qt.Key.Key_Escape)
    settle(qtbot, runner, lambda: modal(PackDialog) is None and orders.detail.state == "shipped")

    # a return: one unit of the first line back to stock (the returns area)
    back_to(qtbot, window)
    qtbot.keyClick(orders.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: modal(ReturnDialog) is not None and modal(ReturnDialog).session.receiving)
    returning = modal(ReturnDialog)
    assert returning.disposition.currentData() == "restock"
    scan(qtbot, window, returning.order_edit, first.sku_code)
    settle(qtbot, runner, lambda: len(returning.session.detail.lines) == 1)
    qtbot.keyClick(returning, Qt.Key.Key_F6)
    settle(qtbot, runner, lambda: returning.session.detail.state == "closed")
    qtbot.keyClick(returning, Qt.Key.Key_Escape)
    settle(qtbot, runner, lambda: modal(ReturnDialog) is None)
    (line,) = returning.session.detail.lines
    assert (line.sku_code, line.stock_quantity, line.disposition, line.location_code) == (
        first.sku_code, 1, "restock", RETURNS)
    assert services.stock.query({"sku_code": first.sku_code, "location_code": RETURNS}).items[0].stock_quantity >= 1

    settle(qtbot, runner, lambda: orders.history.topLevelItemCount() >= 8)  # the detail lists what happened
    assert orders.history.topLevelItem(orders.history.topLevelItemCount() - 1).text(2) == "shipped"

    shipped = services.orders.get({"order_number": ORDER})
    assert shipped.returns == [returning.session.detail.document_number]
    assert [(c.carton_number, c.tracking_number, c.weight_grams) for c in shipped.cartons] == [
        (1, "SF1000000001", UNIT_GRAMS + 5), (2, "SF1000000002", second.stock_quantity * UNIT_GRAMS)]
    for line in shipped.lines:
        assert not services.stock.query({"sku_code": line.sku_code, "location_code": PACKING}).items
        assert line.picked_quantity == line.stock_quantity
    assert_ledger_matches_balances(services.db)
    assert runner.crashes == []


def test_the_orders_screen_filters_urgent_and_due_orders(qtbot, window, runner):
    orders = window.screen_named("orders")
    window.show_screen(window.screens.index(orders))
    settle(qtbot, runner, lambda: orders.model.rowCount() == 3)  # the demo's open orders
    orders.urgent_only.setChecked(True)
    settle(qtbot, runner, lambda: orders.model.rowCount() == 1 and orders.model.row_data(0) is not None)
    assert orders.model.row_data(0).document_number == "SO-DEMO-003"
    orders.urgent_only.setChecked(False)
    orders.due_only.setChecked(True)  # the demo's orders have no ship date: none is due
    settle(qtbot, runner, lambda: orders.model.rowCount() == 0)
