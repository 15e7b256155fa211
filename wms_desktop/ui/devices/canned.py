"""Canned scale and sensor readings for a :class:`DeviceBridge` that has no broker: the
screenshot run and demos picture the live weight, the sensors screen and the alert badge.

The readings go in as MQTT messages through the bridge's own scale and sensor store, so they are
parsed, checked and signalled exactly like a broker's (queued: let the event loop run before
reading the bridge). The bridge is never started, so nothing is contacted.

    canned = CannedDevices(AlertRules(by_kind={"temperature": Limits(Decimal(5), Decimal(30))}))
    canned.sense("COLD", "temperature", Decimal("9.6"))
    canned.weigh(1210)
    context.devices = canned.bridge
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QObject

from ...devices.mqtt import SENSOR_KINDS, AlertRules, Message, MqttSettings
from ...devices.mqtt.topics import DEFAULT_ROOT, sensor_topic
from ...domain.codes import iso_z
from .bridge import DeviceBridge

CANNED_STATION = "PACK1"
LOOPBACK = "127.0.0.1"  # only to satisfy MqttSettings: the bridge is never started


class CannedDevices:
    def __init__(self, rules: AlertRules = AlertRules(), station_id: str = CANNED_STATION,
                 parent: QObject | None = None) -> None:
        self.bridge = DeviceBridge(MqttSettings(host=LOOPBACK, workstation_id="canned"), station_id=station_id,
                                   root=DEFAULT_ROOT, rules=rules, parent=parent)
        self.bridge.show_as_connected()

    def weigh(self, grams: int, stable: bool = True) -> None:
        """The scale reads ``grams`` now (a fresh reading: capturable for the next 2 s when stable)."""
        payload = {"weight": grams, "unit": "g", "timestamp": iso_z(datetime.now(UTC)), "stable": stable}
        scale = self.bridge.scale
        scale.handle_message(Message(scale.topic, json.dumps(payload).encode(), retained=False))

    def sense(self, zone: str, kind: str, value: Decimal, age_s: float = 30) -> None:
        """A retained sensor reading in the kind's unit (°C, %), measured ``age_s`` ago."""
        measured = datetime.now(UTC) - timedelta(seconds=age_s)
        payload = (f'{{"value": {value}, "unit": {json.dumps(SENSOR_KINDS[kind].unit)}, '
                   f'"timestamp": "{iso_z(measured)}"}}').encode()  # a JSON number with the Decimal's digits
        self.bridge.sensors.handle_message(Message(sensor_topic(DEFAULT_ROOT, zone, kind), payload, retained=True))
