"""Receiving and packing with the scale (real Mosquitto, demo SQLite): live weight, F9 capture,
expected (unit weight × quantity) versus actual within the tolerance, and a failed check that
blocks the post until the clerk confirms it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.mqtt_ui_helpers import Clock, make_bridge, publisher, scale_payload, topic_root  # noqa: F401
from wms_desktop.devices.scanner import parse_scan
from wms_desktop.ui.dialogs import InboundDialog, OutboundDialog, TransferDialog
from wms_desktop.ui.scanning import identify_scan
from wms_desktop.ui.session import AppContext, Session


@pytest.fixture
def line(services):
    """A SKU on a shelf with stock > 10 and a unit weight of 300 g."""
    for item in services.stock.query({"page_size": 1000}).items:
        if item.batch_number is None and item.stock_quantity > 10 and "-" in item.sku_code:
            services.catalog.update_sku({"sku_code": item.sku_code, "weight_grams": 300, "operator_id": "li.wei"})
            return item
    raise AssertionError("demo data has no suitable line")


@pytest.fixture
def scale_context(services, settings, runner, translator, make_bridge):
    clock = Clock()
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator, devices=make_bridge(clock=clock),
                      session=Session(1, "li.wei", "李伟", "clerk"), extras={"clock": clock})


def open_dialog(qtbot, runner, cls, context):
    dialog = cls(context)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: context.devices.state == "connected", timeout=10_000)
    return dialog


def scan(dialog, services, *codes: str) -> None:
    for code in codes:
        assert dialog.handle_scan(identify_scan(services, parse_scan(code)))


def weigh(qtbot, publisher, topic_root, dialog, grams: int, stable: bool = True) -> None:
    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(grams, unit="g", stable=stable), qos=0)
    reading = dialog.context.devices.latest_scale_reading
    qtbot.waitUntil(lambda: reading() is not None and (reading().gross_grams, reading().stable) == (grams, stable))


def press_f9(qtbot, dialog) -> None:
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F9)


def test_f9_captures_the_weight_checks_it_and_shows_it_with_the_result(qtbot, runner, scale_context, line,
                                                                      publisher, topic_root):
    services = scale_context.services
    dialog = open_dialog(qtbot, runner, InboundDialog, scale_context)
    assert dialog.weighing.panel.capture_button.text() == "Capture weight (F9)"
    scan(dialog, services, line.location_code, line.sku_code)
    dialog.quantity_edit.setText("4")
    weigh(qtbot, publisher, topic_root, dialog, 1210)
    press_f9(qtbot, dialog)
    assert dialog.weighing.panel.last_capture.net_grams == 1210
    qtbot.waitUntil(lambda: dialog.weighing.result is not None)  # the unit weight came from the catalogue
    check = dialog.weighing.panel.check_label
    assert check.isVisible() and check.text().startswith("✔ Weight OK: weighed 1.210 kg, expected 1.200 kg (4 × 300 g)")
    assert "difference +10 g, ±24 g allowed" in check.text()  # 2 % of 1200 g beats the 5 g floor
    assert dialog.quantity_edit.hasFocus() or dialog.focusWidget() is not dialog.weighing.panel.capture_button

    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert "Weighed 1.210 kg (check passed)" in dialog.result_label.text()
    assert dialog.weighing.panel.last_capture is None and not check.isVisible()  # the next parcel is weighed afresh


def test_a_failed_check_blocks_the_post_until_the_clerk_confirms(qtbot, runner, scale_context, line, publisher,
                                                                 topic_root, monkeypatch):
    services = scale_context.services
    dialog = open_dialog(qtbot, runner, OutboundDialog, scale_context)
    scan(dialog, services, line.location_code, line.sku_code)
    dialog.quantity_edit.setText("5")
    weigh(qtbot, publisher, topic_root, dialog, 1210)
    dialog.weighing.panel.capture()
    qtbot.waitUntil(lambda: dialog.weighing.result is not None)
    assert dialog.weighing.panel.check_label.text().startswith("✘ Too light: weighed 1.210 kg, expected 1.500 kg")
    dialog.quantity_edit.setText("4")  # corrected: checked again at once
    assert dialog.weighing.panel.check_label.text().startswith("✔ Weight OK")
    dialog.quantity_edit.setText("3")
    assert dialog.weighing.panel.check_label.text().startswith("✘ Too heavy")

    asked = []
    monkeypatch.setattr(dialog.weighing, "confirm_override", lambda text: asked.append(text) or False)
    dialog.submit()
    runner.wait_for_done()
    assert dialog.results == [] and "Not posted: the weight does not match" in dialog.error_label.text()
    assert asked[0].startswith("✘ Too heavy")

    monkeypatch.setattr(dialog.weighing, "confirm_override", lambda text: asked.append(text) or True)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert dialog.results[0].current_quantity == dialog.results[0].previous_quantity - 3
    assert "Weighed 1.210 kg (too heavy, posted anyway)" in dialog.result_label.text()


def test_stale_and_unsettled_readings_are_refused_and_unknown_weights_not_checked(qtbot, runner, scale_context,
                                                                                   line, publisher, topic_root):
    services = scale_context.services
    dialog = open_dialog(qtbot, runner, InboundDialog, scale_context)
    weigh(qtbot, publisher, topic_root, dialog, 800, stable=False)
    dialog.weighing.panel.capture()
    assert dialog.error_label.isVisible() and "not settled" in dialog.error_label.text()
    weigh(qtbot, publisher, topic_root, dialog, 800)
    scale_context.extras["clock"].t += 2.1
    dialog.weighing.panel.refresh()
    assert dialog.weighing.panel.display_state == "stale"
    dialog.weighing.panel.capture()
    assert "more than 2 s old" in dialog.error_label.text() and dialog.weighing.panel.last_capture is None

    weigh(qtbot, publisher, topic_root, dialog, 810)  # a new reading: fresh again
    dialog.weighing.panel.capture()
    assert not dialog.error_label.isVisible()
    assert dialog.weighing.panel.check_label.text() == "Scan the item to check the weight."
    unweighed = next(i for i in services.stock.query({"page_size": 1000}).items
                     if "-" in i.sku_code and i.sku_code != line.sku_code)
    scan(dialog, services, unweighed.location_code, unweighed.sku_code)
    dialog.quantity_edit.setText("2")
    qtbot.waitUntil(lambda: "No unit weight is recorded" in dialog.weighing.panel.check_label.text())
    dialog.submit()  # not checked: posting is not held up
    qtbot.waitUntil(lambda: bool(dialog.results), timeout=5000)
    assert "Weighed 810 g" in dialog.result_label.text()


def test_only_receiving_and_packing_weigh_and_without_a_bridge_the_dialogs_work_as_before(qtbot, runner, context):
    transfer = TransferDialog(context)
    qtbot.addWidget(transfer)
    assert transfer.weighing is None
    inbound = InboundDialog(context)  # context.devices is None: tests and screenshots
    qtbot.addWidget(inbound)
    assert inbound.weighing.panel.display_state == "off"
    assert "No scale configured" in inbound.weighing.panel.state_label.text()


def test_the_override_question_defaults_to_do_not_post(qtbot, context):
    dialog = OutboundDialog(context)
    qtbot.addWidget(dialog)
    answers = []

    def answer_with(key, modifier=Qt.KeyboardModifier.NoModifier) -> QTimer:
        """Press ``key`` in the question once it is up (polled: exec() starts its own loop)."""
        timer = QTimer(dialog)

        def poll() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                timer.stop()
                answers.append({b.text() for b in box.buttons()})
                qtbot.keyClick(box, key, modifier)

        timer.timeout.connect(poll)
        timer.start(20)
        return timer

    answer_with(Qt.Key.Key_Return)
    assert not dialog.weighing.confirm_override("✘ Too light")
    answer_with(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.weighing.confirm_override("✘ Too light")
    assert answers[0] == {"&Post anyway", "&Do not post"}
