"""Zone sensors: the latest reading per (zone, kind), fed by retained messages.

Sensors publish retained, so a client that has just (re)started receives every zone's latest
value as soon as it subscribes, instead of showing blanks until the next reading.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .payload import (
    Message,
    PayloadError,
    decode_object,
    log_dropped,
    read_number,
    read_text,
    read_timestamp,
)
from .topics import DEFAULT_ROOT, sensors_filter, split_sensor_topic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SensorKind:
    unit: str
    # What the sensor can physically report; anything outside is a fault, not a reading.
    low: Decimal
    high: Decimal


SENSOR_KINDS = {
    "temperature": SensorKind(unit="C", low=Decimal(-100), high=Decimal(150)),
    "humidity": SensorKind(unit="%", low=Decimal(0), high=Decimal(100)),
}

_REQUIRED = frozenset({"value", "unit", "timestamp"})


@dataclass(frozen=True)
class SensorReading:
    zone: str
    kind: str
    value: Decimal
    unit: str
    measured_at: datetime


def parse_sensor_payload(zone: str, kind: str, payload: bytes) -> SensorReading:
    spec = SENSOR_KINDS.get(kind)
    if spec is None:
        raise PayloadError(f"unknown sensor kind {kind!r}")
    obj = decode_object(payload, _REQUIRED)
    unit = read_text(obj, "unit")
    if unit != spec.unit:
        raise PayloadError(f"{kind} must be in {spec.unit!r}, not {unit[:16]!r}")
    value = read_number(obj, "value")
    if not spec.low <= value <= spec.high:
        raise PayloadError(f"{kind} {value} is outside {spec.low}..{spec.high}")
    return SensorReading(
        zone=zone, kind=kind, value=value, unit=unit, measured_at=read_timestamp(obj, "timestamp")
    )


class SensorStore:
    """Thread-safe: written on paho's thread, read from the UI."""

    def __init__(
        self,
        *,
        root: str = DEFAULT_ROOT,
        on_reading: Callable[[SensorReading], None] | None = None,
        on_removed: Callable[[str, str], None] | None = None,
    ) -> None:
        self.topic_filter = sensors_filter(root)  # refuses a root with wildcards
        self._root = root
        self._on_reading = on_reading
        self._on_removed = on_removed  # (zone, kind) of a sensor whose retained value was deleted
        self._lock = threading.Lock()
        self._latest: dict[tuple[str, str], SensorReading] = {}

    def handle_message(self, message: Message) -> None:
        try:
            zone, kind = split_sensor_topic(self._root, message.topic)
            if not message.payload:
                # An empty retained message is how MQTT deletes a retained value: sensor removed.
                with self._lock:
                    removed = self._latest.pop((zone, kind), None)
                if removed is not None and self._on_removed is not None:
                    self._on_removed(zone, kind)
                return
            reading = parse_sensor_payload(zone, kind, message.payload)
        except PayloadError as exc:
            log_dropped(log, message, exc)
            return
        with self._lock:
            self._latest[(zone, kind)] = reading
        if self._on_reading is not None:
            self._on_reading(reading)

    def latest(self, zone: str, kind: str) -> SensorReading | None:
        with self._lock:
            return self._latest.get((zone, kind))

    def snapshot(self) -> dict[tuple[str, str], SensorReading]:
        with self._lock:
            return dict(self._latest)
