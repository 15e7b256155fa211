"""The Alerts screen and the status bar's badge, on the demo database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wms_desktop.contract.base import Changes
from wms_desktop.contract.documents import DocumentChange
from wms_desktop.domain.codes import UNASSIGNED_LOCATION
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.screens import AlertsScreen
from wms_desktop.ui.screens.alerts import KIND, PRODUCT, SEEN
from wms_desktop.ui.session import Session


@pytest.fixture
def low_product(services) -> str:
    """A demo product whose stock is below a low threshold: one posting raised its alert."""
    product = services.catalog.list_products({}).data[0]
    services.catalog.update_product({"product_id": product.product_id, "low_stock_threshold": 1_000_000,
                                     "operator_id": "u"})
    sku = services.catalog.product_by_code(product.product_code).skus[0].sku_code
    services.inventory.inbound({"product_code": product.product_code, "sku_code": sku,
                                "location_code": UNASSIGNED_LOCATION, "stock_quantity": 1, "operator_id": "u"})
    return product.product_code


def test_a_supervisor_sees_and_acknowledges_an_alert(qtbot, open_screen, screen_context, runner, services,
                                                     low_product):
    screen_context.session = Session(2, "zhang.min", "张敏", "supervisor")
    screen_context.services = services.acting_as("zhang.min", "supervisor")
    screen = open_screen(AlertsScreen)
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == 1, timeout=5000)
    assert screen.proxy.index(0, PRODUCT).data() == low_product
    assert screen.proxy.index(0, KIND).data() == "Low stock"
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    assert screen.acknowledge_button.isEnabled()
    with qtbot.waitSignal(screen.counted, timeout=5000) as told:  # the badge's new count
        qtbot.keyClick(screen, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # A&cknowledge
    assert told.args[0].unacknowledged == 0
    assert screen.proxy.index(0, SEEN).data() == "zhang.min"
    runner.wait_for_done()
    assert services.alerts.summary().unacknowledged == 0
    assert screen.info.text() == "1 alerts, 0 not acknowledged"


def test_a_clerk_sees_alerts_but_cannot_acknowledge(qtbot, open_screen, runner, low_product):
    screen = open_screen(AlertsScreen)  # screen_context signs in a clerk
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == 1, timeout=5000)
    assert not screen.acknowledge_button.isEnabled()
    screen.search_box.setText("no such product")
    assert screen.proxy.rowCount() == 0


def test_the_badge_counts_alerts_and_opens_the_screen(qtbot, screen_context, runner, low_product):
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    badge = window.status.stock_alert_label
    qtbot.waitUntil(lambda: badge.isVisible() and "1 alerts" in badge.text(), timeout=5000)
    assert badge.toolTip() == "1 not acknowledged"
    badge.linkActivated.emit("alerts")
    assert window.current_screen().key == "alerts"
    runner.wait_for_done()


def test_the_lots_are_checked_on_f5_only(qtbot, open_screen, runner, services, low_product, monkeypatch):
    """Loading the list checks no lot: it reloads after every posting while the screen is open."""
    checks = []
    check = services.alerts.check_expiry
    monkeypatch.setattr(services.alerts, "check_expiry", lambda command: checks.append(command) or check(command))
    screen = open_screen(AlertsScreen)
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == 1, timeout=5000)
    sku = services.catalog.product_by_code(low_product).skus[0].sku_code
    for _posting in range(3):
        moved = services.inventory.inbound({"product_code": low_product, "sku_code": sku, "stock_quantity": 1,
                                            "location_code": UNASSIGNED_LOCATION, "operator_id": "u"})
        screen.apply_changes(moved.changes)
        runner.wait_for_done()
    screen.scope.setCurrentIndex(1)
    runner.wait_for_done()
    assert checks == []
    with qtbot.waitSignal(screen.counted, timeout=5000) as told:  # F5: the badge counts what the check found
        screen.refresh()
    assert len(checks) == 1 and told.args[0].active == 1


def test_the_badge_asks_after_balance_changes_only_and_rests_while_minimised(qtbot, screen_context, runner, services,
                                                                             low_product, monkeypatch):
    asked, checked = [], []
    summary, check = services.alerts.summary, services.alerts.check_expiry
    monkeypatch.setattr(services.alerts, "summary", lambda: asked.append(1) or summary())
    monkeypatch.setattr(services.alerts, "check_expiry", lambda command: checked.append(1) or check(command))
    window = MainWindow(screen_context)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    qtbot.waitUntil(lambda: "1 alerts" in window.status.stock_alert_label.text(), timeout=5000)
    assert (len(asked), len(checked)) == (1, 1)  # at start, with the lots
    moved_on = Changes(documents=[DocumentChange(document_type="order", document_id=1, document_number="SO-1",
                                                 state="picking")])
    window.changes_applied(moved_on)  # no balance changed: no alert was raised or cleared
    runner.wait_for_done()
    assert len(asked) == 1
    sku = services.catalog.product_by_code(low_product).skus[0].sku_code
    moved = services.inventory.inbound({"product_code": low_product, "sku_code": sku, "stock_quantity": 1,
                                        "location_code": UNASSIGNED_LOCATION, "operator_id": "u"})
    window.changes_applied(moved.changes)
    runner.wait_for_done()
    assert len(asked) == 2

    window.showMinimized()
    qtbot.waitUntil(lambda: not window.alert_timer.isActive(), timeout=2000)
    window.expiry_timer.timeout.emit()  # the hour struck while minimised: the check waits for the restore
    window.changes_applied(moved.changes)  # nobody sees the badge: it asks on restore
    runner.wait_for_done()
    assert (len(asked), len(checked)) == (2, 1)
    window.showNormal()
    qtbot.waitUntil(lambda: window.alert_timer.isActive(), timeout=2000)
    runner.wait_for_done()
    assert (len(asked), len(checked)) == (3, 2)  # once on restore, with the check that fell due
