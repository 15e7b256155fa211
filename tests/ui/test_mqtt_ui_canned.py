"""Canned readings (ui/devices/canned.py): a bridge without a broker shows the scale ready, the
sensors and their alerts, and a weight that can be captured — what the screenshot run pictures."""
from __future__ import annotations

from decimal import Decimal

from wms_desktop.devices.mqtt import AlertRules, ConnectionState, Limits
from wms_desktop.ui.devices import CannedDevices, WeightPanel
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.screens.sensors import KIND, STATE, VALUE, ZONE

RULES = AlertRules(by_kind={"temperature": Limits(Decimal(2), Decimal(8))})


def test_canned_sensors_fill_the_screen_and_the_status_bar_without_a_broker(qtbot, context):
    canned = CannedDevices(RULES)
    canned.sense("COLD", "temperature", Decimal("9.6"))
    canned.sense("HALL", "temperature", Decimal("5"))
    canned.sense("HALL", "humidity", Decimal("48"))
    qtbot.waitUntil(lambda: len(canned.bridge.alerts()) == 1)  # the signals arrive queued, like a broker's
    assert canned.bridge.connection.status.state is ConnectionState.DISCONNECTED  # never started: no network
    context.devices = canned.bridge
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    screen = window.screen_named("sensors")
    window.show_screen(window.screens.index(screen))
    model = screen.model
    assert [tuple(model.item(r, c).text() for c in (ZONE, KIND, VALUE, STATE)) for r in range(model.rowCount())] == [
        ("COLD", "Temperature", "9.6 °C", "Too high: above 8 °C"),
        ("HALL", "Humidity", "48 %", "—"),
        ("HALL", "Temperature", "5 °C", "OK"),
    ]
    assert "Scale/MQTT: ready" in window.status.device_labels["scale"].text()
    assert window.status.alert_label.isVisibleTo(window)
    assert window.status.alert_label.text() == "⚠ COLD temperature 9.6 °C: above 8 °C"


def test_a_canned_weight_is_live_and_captured(qtbot):
    canned = CannedDevices()
    panel = WeightPanel(canned.bridge)
    qtbot.addWidget(panel)
    canned.weigh(1210)
    qtbot.waitUntil(lambda: panel.display_state == "stable")
    assert panel.weight_label.text() == "1.210 kg"
    assert panel.capture().net_grams == 1210
    canned.weigh(1300, stable=False)
    qtbot.waitUntil(lambda: panel.display_state == "unstable")
    assert panel.capture() is None  # refused: still settling
