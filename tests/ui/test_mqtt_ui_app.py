"""The composition root's MQTT part: the stock-event relay runs on a background thread over the
bridge's connection, publishes what a posting committed, and stops cleanly; no broker, no relay."""
from __future__ import annotations

import json
import threading
import uuid

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.mqtt_ui_helpers import LOOPBACK, SHARED_PORT, make_bridge, topic_root  # noqa: F401
from wms_desktop.app import start_event_relay
from wms_desktop.cli import main
from wms_desktop.ui.app_settings import AppSettings
from wms_desktop.ui.devices import DeviceBridge
from wms_desktop.ui.dialogs.login import FirstAdminDialog, LoginDialog


def test_the_relay_publishes_committed_movements_off_the_gui_thread_and_stops(qtbot, services, settings,
                                                                             make_bridge, topic_root):
    received: list[dict] = []
    listener = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"ui-test-sub-{uuid.uuid4().hex[:12]}")
    listener.on_message = lambda _c, _u, message: received.append(json.loads(message.payload))
    listener.connect(LOOPBACK, SHARED_PORT)
    listener.subscribe(f"{topic_root}/events/WH01/stock", qos=1)
    listener.loop_start()
    bridge = make_bridge()
    qtbot.waitUntil(lambda: bridge.state == "connected", timeout=10_000)
    settings.mqtt_topic_root = topic_root
    relay = start_event_relay(services.db, bridge, settings)
    try:
        assert relay is not None and any(t.name == "stock-event-relay" for t in threading.enumerate())
        location = services.stock.query({"page_size": 1}).items[0]
        result = services.inventory.inbound({"product_code": location.product_code,
                                             "sku_code": location.sku_code,
                                             "location_code": location.location_code, "stock_quantity": 2,
                                             "operator_id": "li.wei", "request_id": "ui-relay-test"})
        qtbot.waitUntil(lambda: any(e["request_id"] == "ui-relay-test" for e in received), timeout=10_000)
        event = next(e for e in received if e["request_id"] == "ui-relay-test")
        assert event["event_type"] == "stock.inbound" and event["quantity_change"] == 2
        assert event["quantity_after"] == result.current_quantity
    finally:
        assert relay.stop()  # the thread ended within the wait
        listener.loop_stop()
        listener.disconnect()
    assert not any(t.name == "stock-event-relay" for t in threading.enumerate())


def test_without_a_broker_there_is_no_relay(services, settings):
    assert start_event_relay(services.db, DeviceBridge.from_settings(settings), settings) is None


def test_the_app_starts_the_relay_with_a_broker_and_stops_it_on_quit(qtbot, tmp_path, monkeypatch, restore_logging,
                                                                     topic_root):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("WMS_DATABASE_URL", raising=False)
    monkeypatch.delenv("WMS_WAREHOUSE", raising=False)
    settings = AppSettings()  # the test organization's settings, as main() reads them
    settings.mqtt_host, settings.station_id, settings.mqtt_topic_root = LOOPBACK, "PACK-T", topic_root
    settings.sync()
    seen: dict = {}

    def drive() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, (FirstAdminDialog, LoginDialog)) and w.isVisible()), None)
        if dialog is not None and "threads" not in seen:
            seen["threads"] = [t.name for t in threading.enumerate()]
            dialog.reject()  # the shell quits

    driver = QTimer()
    driver.timeout.connect(drive)
    driver.start(50)
    try:
        assert main(["--demo", "--language", "en"]) == 0
    finally:
        driver.stop()
        for key in ("devices/mqtt_host", "devices/station_id", "devices/mqtt_topic_root"):
            settings.qsettings.remove(key)
        settings.sync()
    assert "stock-event-relay" in seen["threads"]
    assert not any(t.name == "stock-event-relay" for t in threading.enumerate())
