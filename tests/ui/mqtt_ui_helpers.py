"""Shared pieces of the MQTT UI tests: the real Mosquitto on 127.0.0.1:1883, a unique topic root
per test (other test runs share the broker), a publisher, and bridges that are always stopped."""
from __future__ import annotations

import json
import time
import uuid

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from tests.devices.mqtt.mqtt_helpers import LOOPBACK, SHARED_PORT, PrivateBroker, accepts_connections
from wms_desktop.devices.mqtt import AlertRules, MqttSettings
from wms_desktop.ui.devices import DeviceBridge


class Clock:
    """The scale's monotonic clock, moved on by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def scale_payload(weight: float | str = 1.25, unit: str = "kg", stable: bool | None = True) -> bytes:
    data = {"weight": weight, "unit": unit, "timestamp": "2024-06-15T12:00:00.000Z"}
    if stable is not None:
        data["stable"] = stable
    return json.dumps(data).encode()


def sensor_payload(value, unit: str = "C") -> bytes:
    return json.dumps({"value": value, "unit": unit, "timestamp": int(time.time() * 1000) - 5000}).encode()


class Publisher:
    """One paho client on the shared broker; ``publish`` waits for the broker to take the message.
    Retained messages it published are cleared at the end (they would outlive the test)."""

    def __init__(self, port: int = SHARED_PORT) -> None:
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"ui-test-pub-{uuid.uuid4().hex[:12]}")
        self.client.connect(LOOPBACK, port)
        self.client.loop_start()
        self.retained: set[str] = set()

    def publish(self, topic: str, payload: bytes, retain: bool = False, qos: int = 1) -> None:
        info = self.client.publish(topic, payload, qos=qos, retain=retain)
        info.wait_for_publish(5)
        assert info.is_published()
        if retain:
            self.retained.add(topic)

    def close(self) -> None:
        for topic in self.retained:
            self.client.publish(topic, b"", qos=1, retain=True).wait_for_publish(5)
        self.client.disconnect()
        self.client.loop_stop()


@pytest.fixture
def topic_root() -> str:
    return f"ui-test-{uuid.uuid4().hex}"


@pytest.fixture
def publisher():
    assert accepts_connections(SHARED_PORT), f"Mosquitto is not listening on {LOOPBACK}:{SHARED_PORT}"
    pub = Publisher()
    yield pub
    pub.close()


@pytest.fixture
def make_bridge(qapp, topic_root):
    """Builds and starts a bridge to a broker; every bridge is stopped at the end."""
    bridges: list[DeviceBridge] = []

    def make(port: int = SHARED_PORT, station_id: str = "PACK1", rules: AlertRules = AlertRules(),
             clock=time.monotonic, **settings) -> DeviceBridge:
        broker = MqttSettings(host=LOOPBACK, port=port, workstation_id=f"ui-{uuid.uuid4().hex[:12]}", **settings)
        bridge = DeviceBridge(broker, station_id=station_id, root=topic_root, rules=rules, clock=clock)
        bridges.append(bridge)
        bridge.start()
        return bridge

    yield make
    for bridge in bridges:
        bridge.stop()
        bridge.deleteLater()


@pytest.fixture
def private_broker(tmp_path):
    broker = PrivateBroker(tmp_path, "allow_anonymous true\n")
    broker.start()
    yield broker
    broker.kill()
