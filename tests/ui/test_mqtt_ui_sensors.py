"""The sensors screen and the status bar against the real Mosquitto: retained values right after
start, live updates, limits from the settings, alerts in red in the table and the status bar."""
from __future__ import annotations

from decimal import Decimal

from tests.ui.mqtt_ui_helpers import make_bridge, publisher, sensor_payload, topic_root  # noqa: F401
from wms_desktop.devices.mqtt import AlertRules, Limits
from wms_desktop.ui.devices import DeviceBridge
from wms_desktop.ui.devices.config import alert_rules
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.screens.sensors import AGE, KIND, LIMITS, STATE, VALUE, ZONE, SensorsScreen, age_text

RULES = AlertRules(by_kind={"temperature": Limits(Decimal(2), Decimal(8))})


def rows(screen: SensorsScreen) -> list[tuple[str, ...]]:
    model = screen.model
    return [tuple(model.item(r, c).text() for c in (ZONE, KIND, VALUE, LIMITS, STATE)) for r in range(model.rowCount())]


def test_retained_values_show_at_once_and_alerts_are_red_here_and_in_the_status_bar(qtbot, context, make_bridge,
                                                                                     publisher, topic_root):
    publisher.publish(f"{topic_root}/sensors/COLD/temperature", sensor_payload(9.5), retain=True)
    publisher.publish(f"{topic_root}/sensors/COLD/humidity", sensor_payload(61, unit="%"), retain=True)
    publisher.publish(f"{topic_root}/sensors/HALL/temperature", sensor_payload(21), retain=True)
    bridge = make_bridge(rules=RULES)
    # retained: no new reading needed; the alerts are counted on the GUI thread, as the signals arrive
    qtbot.waitUntil(lambda: len(bridge.sensor_readings()) == 3 and len(bridge.alerts()) == 2, timeout=10_000)
    context.devices = bridge
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    screen = window.screen_named("sensors")
    window.show_screen(window.screens.index(screen))
    assert rows(screen) == [
        ("COLD", "Humidity", "61 %", "no limits", "—"),
        ("COLD", "Temperature", "9.5 °C", "2 °C – 8 °C", "Too high: above 8 °C"),
        ("HALL", "Temperature", "21 °C", "2 °C – 8 °C", "Too high: above 8 °C"),
    ]
    assert screen.model.item(1, STATE).background().color().name() == "#ffebee"
    assert screen.model.item(0, AGE).text().endswith(" s")  # measured a few seconds ago
    assert screen.info.text() == "3 sensors, 2 alerts"
    alert = window.status.alert_label
    assert alert.isVisibleTo(window) and alert.text() == "⚠ 2 sensor alerts"
    assert "COLD temperature 9.5 °C: above 8 °C" in alert.toolTip()
    assert "Scale/MQTT: ready" in window.status.device_labels["scale"].text()

    publisher.publish(f"{topic_root}/sensors/HALL/temperature", sensor_payload(5), retain=True)
    qtbot.waitUntil(lambda: rows(screen)[2][2] == "5 °C")
    assert rows(screen)[2][4] == "OK" and screen.model.item(2, STATE).foreground().color().name() == "#2e7d32"
    assert alert.text() == "⚠ COLD temperature 9.5 °C: above 8 °C"
    publisher.publish(f"{topic_root}/sensors/COLD/temperature", sensor_payload(1.5))
    qtbot.waitUntil(lambda: rows(screen)[1][4] == "Too low: below 2 °C")
    publisher.publish(f"{topic_root}/sensors/A/temperature", sensor_payload(4))  # a new zone gets a row
    qtbot.waitUntil(lambda: len(rows(screen)) == 4)
    assert rows(screen)[0][0] == "A"

    screen.search("col")
    assert [screen.table.isRowHidden(r) for r in range(4)] == [True, False, False, True]
    context.translator.set_language("zh_CN")
    assert len(rows(screen)) == 4 and screen.table.isRowHidden(0)  # re-rendered, filter kept
    context.translator.set_language("en")


def test_without_a_broker_the_screen_says_how_to_set_one_up(qtbot, context):
    context.devices = DeviceBridge()
    window = MainWindow(context)
    qtbot.addWidget(window)
    screen = window.screen_named("sensors")
    assert screen.model.rowCount() == 0 and "No MQTT broker" in screen.info.text()
    assert "Scale/MQTT: off" in window.status.device_labels["scale"].text()
    assert not window.status.alert_label.isVisibleTo(window)


def test_limits_come_from_the_settings_and_ages_read_naturally(settings):
    settings.temperature_high = "-18"
    settings.humidity_low = "30.5"
    rules = alert_rules(settings)
    assert rules.limits_for("FREEZER", "temperature") == Limits(None, Decimal(-18))
    assert rules.limits_for("FREEZER", "humidity") == Limits(Decimal("30.5"), None)
    assert [age_text(s) for s in (0, 59, 60, 3_599, 7_200, 200_000)] == ["0 s", "59 s", "1 min", "59 min", "2 h",
                                                                         "2 d"]


def test_the_status_bar_alert_survives_a_language_switch(qtbot, context, make_bridge, publisher, topic_root):
    bridge = make_bridge(rules=RULES)
    context.devices = bridge
    window = MainWindow(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bridge.state == "connected", timeout=10_000)
    publisher.publish(f"{topic_root}/sensors/COLD/temperature", sensor_payload(12))
    qtbot.waitUntil(lambda: window.status.alert_label.isVisibleTo(window))
    context.translator.set_language("zh_CN")
    assert "COLD" in window.status.alert_label.text() and "12 °C" in window.status.alert_label.text()
    context.translator.set_language("en")
    assert window.status.alert_label.text() == "⚠ COLD temperature 12 °C: above 8 °C"


def test_readings_after_logout_reach_only_the_widgets_still_alive(qtbot, context, make_bridge, publisher, topic_root):
    bridge = make_bridge(rules=RULES)
    context.devices = bridge
    qtbot.waitUntil(lambda: bridge.state == "connected", timeout=10_000)
    window = MainWindow(context)
    window.show()
    window.close()
    window.deleteLater()  # logging out deletes the main window; the bridge lives on
    qtbot.wait(50)
    publisher.publish(f"{topic_root}/sensors/COLD/temperature", sensor_payload(12))
    qtbot.waitUntil(lambda: len(bridge.alerts()) == 1)
    again = MainWindow(context)  # logging in again
    qtbot.addWidget(again)
    assert again.status.alert_label.text() == "⚠ COLD temperature 12 °C: above 8 °C"
    assert rows(again.screen_named("sensors"))[0][:3] == ("COLD", "Temperature", "12 °C")
