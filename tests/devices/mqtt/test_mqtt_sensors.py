"""The latest-value store and threshold alerts, without a broker."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from wms_desktop.devices.mqtt import AlertRules, Breach, Limits, Message, SensorReading, SensorStore


def reading(zone: str, kind: str, value: str) -> SensorReading:
    unit = "C" if kind == "temperature" else "%"
    return SensorReading(
        zone, kind, Decimal(value), unit, datetime(2024, 6, 15, tzinfo=UTC)
    )


def sensor_message(topic: str, value: object, unit: str) -> Message:
    payload = json.dumps({"value": value, "unit": unit, "timestamp": 1718452800000}).encode()
    return Message(topic, payload, retained=True)


def test_the_store_keeps_the_latest_reading_per_zone_and_kind() -> None:
    seen = []
    store = SensorStore(root="site/wms", on_reading=seen.append)
    assert store.topic_filter == "site/wms/sensors/+/+"
    store.handle_message(sensor_message("site/wms/sensors/A/temperature", 18, "C"))
    store.handle_message(sensor_message("site/wms/sensors/A/temperature", 19.5, "C"))
    store.handle_message(sensor_message("site/wms/sensors/COLD/humidity", 80, "%"))
    assert store.latest("A", "temperature").value == Decimal("19.5")
    assert set(store.snapshot()) == {("A", "temperature"), ("COLD", "humidity")}
    assert [r.value for r in seen] == [18, Decimal("19.5"), 80]


def test_an_empty_retained_message_removes_the_sensor() -> None:
    removed: list[tuple[str, str]] = []
    store = SensorStore(on_removed=lambda zone, kind: removed.append((zone, kind)))
    store.handle_message(sensor_message("wms/sensors/A/humidity", 40, "%"))
    store.handle_message(Message("wms/sensors/A/humidity", b"", retained=True))
    assert store.latest("A", "humidity") is None
    assert removed == [("A", "humidity")]
    store.handle_message(Message("wms/sensors/B/humidity", b"", retained=True))  # nothing to remove
    assert removed == [("A", "humidity")]


@pytest.mark.parametrize(
    "message",
    [
        sensor_message("wms/sensors//temperature", 18, "C"),  # "+" matches an empty level
        sensor_message("wms/sensors/A/pressure", 1013, "hPa"),
        sensor_message("wms/sensors/A/temperature", 18, "F"),
        Message("wms/sensors/A/temperature", b"\x00" * 5000, retained=True),
    ],
)
def test_bad_sensor_messages_are_dropped_with_one_log_line(
    message: Message, caplog: pytest.LogCaptureFixture
) -> None:
    store = SensorStore()
    store.handle_message(sensor_message("wms/sensors/A/temperature", 18, "C"))
    with caplog.at_level(logging.WARNING, logger="wms_desktop.devices.mqtt"):
        store.handle_message(message)
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith(f"dropped message on {message.topic}: ")
    assert store.latest("A", "temperature").value == 18


RULES = AlertRules(
    by_kind={
        "temperature": Limits(low=Decimal(10), high=Decimal(30)),
        "humidity": Limits(high=Decimal(70)),
    },
    by_zone={("COLD", "temperature"): Limits(low=Decimal(2), high=Decimal(8))},
)


@pytest.mark.parametrize(
    ("zone", "kind", "value", "breach", "limit"),
    [
        ("A", "temperature", "30", None, None),  # limits are inclusive
        ("A", "temperature", "30.1", Breach.HIGH, Decimal(30)),
        ("A", "temperature", "9.9", Breach.LOW, Decimal(10)),
        ("COLD", "temperature", "9", Breach.HIGH, Decimal(8)),  # the zone's own limits win
        ("COLD", "temperature", "4", None, None),
        ("COLD", "humidity", "71", Breach.HIGH, Decimal(70)),  # no zone rule: the kind's limits
        ("A", "humidity", "0", None, None),  # no low limit set
    ],
)
def test_alerts_follow_the_limits_for_the_zone_and_kind(
    zone: str, kind: str, value: str, breach: Breach | None, limit: Decimal | None
) -> None:
    alert = RULES.evaluate(reading(zone, kind, value))
    if breach is None:
        assert alert is None
    else:
        assert (alert.breach, alert.limit, alert.reading.zone) == (breach, limit, zone)


def test_all_readings_are_evaluated_at_once() -> None:
    readings = [
        reading("A", "temperature", "20"),
        reading("COLD", "temperature", "12"),
        reading("B", "humidity", "90"),
    ]
    assert [(a.reading.zone, a.breach) for a in RULES.evaluate_all(readings)] == [
        ("COLD", Breach.HIGH),
        ("B", Breach.HIGH),
    ]


def test_limits_must_be_in_order() -> None:
    with pytest.raises(ValueError):
        Limits(low=Decimal(5), high=Decimal(4))


@pytest.mark.parametrize("root", ["", "wms/#", "wms/+/site", "wms/"])
def test_a_topic_root_cannot_hold_wildcards_or_empty_levels(root: str) -> None:
    with pytest.raises(ValueError):
        SensorStore(root=root)
