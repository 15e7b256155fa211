"""The MQTT bridge against the real Mosquitto: readings reach widgets through queued signals on
the GUI thread, the live weight shows stable / settling / stale, a stale or unsettled reading is
never captured, bad payloads change nothing, an outage shows and recovers, and no broker at all
is a normal state."""
from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

from tests.ui.mqtt_ui_helpers import (  # noqa: F401
    Clock,
    make_bridge,
    private_broker,
    publisher,
    scale_payload,
    sensor_payload,
    topic_root,
)
from wms_desktop.devices.mqtt import MAX_PAYLOAD_BYTES
from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.app_settings import AppSettings, SecretStore
from wms_desktop.ui.devices import DeviceBridge, WeightPanel
from wms_desktop.ui.status import StatusBar


def connected(qtbot, bridge: DeviceBridge) -> None:
    qtbot.waitUntil(lambda: bridge.state == "connected", timeout=10_000)


def test_scale_readings_reach_the_weight_panel_on_the_gui_thread(qtbot, make_bridge, publisher, topic_root,
                                                                translator):
    bridge = make_bridge()
    panel = WeightPanel(bridge)
    qtbot.addWidget(panel)
    threads = []
    bridge.scale_reading.connect(lambda _reading: threads.append(threading.current_thread()))
    assert panel.display_state == "offline" or panel.display_state == "waiting"
    connected(qtbot, bridge)
    qtbot.waitUntil(lambda: panel.display_state == "waiting")
    assert "Waiting for the scale" in panel.state_label.text()

    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(1.25, stable=False), qos=0)
    qtbot.waitUntil(lambda: panel.weight_label.text() == "1.250 kg")
    assert panel.display_state == "unstable" and "Settling" in panel.state_label.text()
    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(845, unit="g"), qos=0)
    qtbot.waitUntil(lambda: panel.weight_label.text() == "845 g")
    assert panel.display_state == "stable" and "Stable" in panel.state_label.text()
    assert threads and set(threads) == {threading.main_thread()}
    publisher.publish(f"{topic_root}/scales/OTHER/weight", scale_payload(3), qos=0)  # another station's scale
    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(2, unit="lb"), qos=0)
    qtbot.waitUntil(lambda: panel.weight_label.text() == "907 g")

    captured = []
    panel.captured.connect(captured.append)
    panel.capture()
    assert captured[0].net_grams == 907 and panel.captured_label.text() == "Captured: 907 g"


def test_a_stale_or_unsettled_reading_is_refused_with_a_reason(qtbot, make_bridge, publisher, topic_root,
                                                               translator):
    clock = Clock()
    bridge = make_bridge(clock=clock)
    panel = WeightPanel(bridge)
    qtbot.addWidget(panel)
    refusals, captured = [], []
    panel.refused.connect(refusals.append)
    panel.captured.connect(captured.append)
    connected(qtbot, bridge)
    panel.capture()
    assert "no reading" in refusals[-1]

    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(1.5), qos=0)
    qtbot.waitUntil(lambda: panel.display_state == "stable")
    clock.t += 2.5  # the scale went silent
    panel.refresh()
    assert panel.display_state == "stale" and "No reading for 2 s" in panel.state_label.text()
    assert panel.weight_label.styleSheet()  # greyed out
    panel.capture()
    assert "more than 2 s old" in refusals[-1] and captured == [] and panel.last_capture is None

    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(1.6, stable=False), qos=0)
    qtbot.waitUntil(lambda: panel.display_state == "unstable")
    panel.capture()
    assert "not settled" in refusals[-1] and captured == []

    publisher.publish(f"{topic_root}/scales/PACK1/weight", scale_payload(1.6), qos=0)
    qtbot.waitUntil(lambda: panel.display_state == "stable")
    panel.capture()
    assert captured[-1].gross_grams == 1600


def test_malformed_oversized_and_wrong_type_payloads_leave_the_ui_working(qtbot, make_bridge, publisher,
                                                                          topic_root, translator):
    scale = f"{topic_root}/scales/PACK1/weight"
    publisher.publish(scale, scale_payload(9), retain=True)  # arrives retained on subscribing: never used
    bridge = make_bridge()
    panel = WeightPanel(bridge)
    qtbot.addWidget(panel)
    readings = []
    bridge.scale_reading.connect(readings.append)
    bridge.sensor_reading.connect(readings.append)
    connected(qtbot, bridge)
    for payload in (b"not json", b"\xff\xfe", b"[1, 2]", b"{}", scale_payload("1.2"), scale_payload(True),
                    scale_payload(1, unit="oz"), b'{"weight": NaN, "unit": "kg", "timestamp": 1}',
                    scale_payload(1, stable="yes"), b" " * (MAX_PAYLOAD_BYTES + 1),
                    b'{"weight": 1, "unit": "kg", "timestamp": "2024-06-15T12:00:00", "stable": true}'):
        publisher.publish(scale, payload, qos=0)
    for kind, payload in (("temperature", sensor_payload("4")), ("temperature", sensor_payload(400)),
                          ("humidity", sensor_payload(50, unit="C")), ("pressure", sensor_payload(1))):
        publisher.publish(f"{topic_root}/sensors/COLD/{kind}", payload)
    publisher.publish(scale, scale_payload(0.5), qos=0)
    qtbot.waitUntil(lambda: panel.weight_label.text() == "500 g")
    assert [getattr(r, "gross_grams", None) for r in readings] == [500]
    assert bridge.state == "connected" and bridge.sensor_readings() == {}
    panel.capture()
    assert panel.last_capture.net_grams == 500


def test_a_broker_outage_shows_disconnected_and_recovers(qtbot, make_bridge, private_broker, translator):
    bridge = make_bridge(port=private_broker.port, reconnect_min_delay_s=0.2, reconnect_max_delay_s=0.5)
    status = StatusBar()
    qtbot.addWidget(status)
    status.watch_devices(bridge)
    panel = WeightPanel(bridge)
    qtbot.addWidget(panel)
    connected(qtbot, bridge)
    assert "Scale/MQTT: ready" in status.device_labels["scale"].text()

    private_broker.kill()
    qtbot.waitUntil(lambda: bridge.state == "disconnected", timeout=10_000)
    assert "Scale/MQTT: offline" in status.device_labels["scale"].text()
    assert "connection lost" in status.device_labels["scale"].toolTip() or \
        "cannot connect" in status.device_labels["scale"].toolTip()
    assert panel.display_state == "offline" and panel.weight_label.text() == "—"
    panel.capture()  # nothing to capture, nothing raised

    private_broker.start()
    connected(qtbot, bridge)
    assert "Scale/MQTT: ready" in status.device_labels["scale"].text()
    assert status.device_labels["scale"].toolTip() == ""


def test_without_a_broker_the_bridge_is_off_and_everything_still_works(qtbot, tmp_path, memory_keyring,
                                                                       translator):
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), SecretStore())
    bridge = DeviceBridge.from_settings(settings)
    bridge.start()
    assert bridge.state == "off" and bridge.connection is None and not bridge.has_scale
    assert bridge.sensor_readings() == {} and bridge.alerts() == []
    try:
        bridge.capture()
    except WmsError as error:
        assert error.details["reason"] == "no_scale"
    else:
        raise AssertionError("captured without a scale")
    panel = WeightPanel(bridge)
    qtbot.addWidget(panel)
    refusals = []
    panel.refused.connect(refusals.append)
    assert panel.display_state == "off" and not panel.capture_button.isEnabled()
    panel.capture()
    assert "No scale is set up" in refusals[0]
    bridge.stop()

    settings.mqtt_host = "127.0.0.1"  # a broker, but no station ID: settings that cannot work
    broken = DeviceBridge.from_settings(settings)
    assert broken.state == "error" and "workstation_id" in broken.detail and broken.connection is None
    settings.station_id = "PACK-1"
    settings.temperature_low = "cold"
    assert DeviceBridge.from_settings(settings).state == "error"
