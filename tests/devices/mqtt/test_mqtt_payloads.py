"""What a scale or sensor may send, and everything that is dropped instead."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from wms_desktop.devices.mqtt import MAX_PAYLOAD_BYTES, PayloadError, parse_scale_payload, parse_sensor_payload

STAMP = "2024-06-15T12:00:00.000Z"
MOMENT = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)


def scale_json(**fields: object) -> bytes:
    return json.dumps({"weight": 1250, "unit": "g", "timestamp": STAMP, **fields}).encode()


@pytest.mark.parametrize(
    ("weight", "unit", "grams"),
    [
        ("1250", "g", 1250),
        ("2.5", "kg", 2500),
        ("0.0015", "kg", 2),  # 1.5 g: halves go to the even gram
        ("0.0025", "kg", 2),
        ("1", "lb", 454),  # 453.59237 g
        ("2.2046226", "lb", 1000),
        ("-3", "g", -3),  # below zero happens when a tared load is lifted
    ],
)
def test_weights_are_normalised_to_whole_grams(weight: str, unit: str, grams: int) -> None:
    payload = f'{{"weight": {weight}, "unit": "{unit}", "timestamp": "{STAMP}"}}'.encode()
    assert parse_scale_payload(payload).grams == grams


def test_timestamps_are_iso_8601_with_offset_or_epoch_milliseconds() -> None:
    assert parse_scale_payload(scale_json()).measured_at == MOMENT
    in_beijing = parse_scale_payload(scale_json(timestamp="2024-06-15T20:00:00+08:00"))
    assert in_beijing.measured_at == MOMENT
    from_epoch = parse_scale_payload(scale_json(timestamp=1718452800000))
    assert from_epoch.measured_at == MOMENT


def test_the_stable_flag_is_optional() -> None:
    assert parse_scale_payload(scale_json()).stable is None
    assert parse_scale_payload(scale_json(stable=True)).stable is True
    assert parse_scale_payload(scale_json(stable=False)).stable is False


def test_a_payload_of_exactly_the_limit_is_accepted() -> None:
    payload = scale_json()
    padded = payload[:-1] + b" " * (MAX_PAYLOAD_BYTES - len(payload)) + b"}"
    assert len(padded) == MAX_PAYLOAD_BYTES
    assert parse_scale_payload(padded).grams == 1250
    with pytest.raises(PayloadError, match="limit"):
        parse_scale_payload(padded[:-1] + b" }")


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 3000 + b"]" * 3000, "limit"),
        (b"[" * 2000 + b"]" * 2000, "not JSON"),  # nesting deeper than the parser's recursion
        (b"[1250]", "not a JSON object"),
        (b'"1250 g"', "not a JSON object"),
        (f'{{"weight": NaN, "unit": "g", "timestamp": "{STAMP}"}}'.encode(), "NaN"),
        (f'{{"weight": Infinity, "unit": "g", "timestamp": "{STAMP}"}}'.encode(), "Infinity"),
        (f'{{"weight": -Infinity, "unit": "g", "timestamp": "{STAMP}"}}'.encode(), "Infinity"),
        (scale_json(weight="1250"), "weight must be a number"),
        (scale_json(weight=True), "weight must be a number"),
        (scale_json(weight=None), "weight must be a number"),
        (scale_json(weight=1e30), "out of range"),
        (scale_json(unit="oz"), "unknown unit"),
        (scale_json(unit="G"), "unknown unit"),
        (scale_json(unit=1), "unit must be a string"),
        (scale_json(stable="yes"), "stable must be"),
        (scale_json(stable=1), "stable must be"),
        (scale_json(tare=0), "unknown field tare"),
        (scale_json(Weight=1), "unknown field Weight"),
        (json.dumps({"weight": 1, "unit": "g"}).encode(), "missing timestamp"),
        (scale_json(timestamp="2024-06-15T12:00:00"), "no UTC offset"),
        (scale_json(timestamp="yesterday"), "not ISO 8601"),
        (scale_json(timestamp=-1), "out of range"),
        (scale_json(timestamp=10**20), "out of range"),
        (scale_json(timestamp=1.7e12), "ISO 8601 string or epoch milliseconds"),
        (scale_json(timestamp=True), "ISO 8601 string or epoch milliseconds"),
    ],
)
def test_bad_scale_payloads_are_refused(payload: bytes, reason: str) -> None:
    with pytest.raises(PayloadError, match=reason):
        parse_scale_payload(payload)


def sensor_json(value: object, unit: str) -> bytes:
    return json.dumps({"value": value, "unit": unit, "timestamp": STAMP}).encode()


def test_sensor_readings_keep_their_exact_decimal_value() -> None:
    payload = b'{"value": 4.1, "unit": "C", "timestamp": "2024-06-15T12:00:00.000Z"}'
    reading = parse_sensor_payload("COLD", "temperature", payload)
    assert (reading.zone, reading.kind, reading.value, reading.unit) == (
        "COLD",
        "temperature",
        Decimal("4.1"),
        "C",
    )
    assert reading.measured_at == MOMENT
    assert parse_sensor_payload("A", "humidity", sensor_json(100, "%")).value == 100


@pytest.mark.parametrize(
    ("kind", "payload", "reason"),
    [
        ("pressure", sensor_json(1013, "hPa"), "unknown sensor kind"),
        ("temperature", sensor_json(40, "F"), "must be in 'C'"),
        ("temperature", sensor_json(20, "°C"), "must be in 'C'"),
        ("humidity", sensor_json(101, "%"), "outside"),
        ("humidity", sensor_json(-1, "%"), "outside"),
        ("temperature", sensor_json(-273, "C"), "outside"),
        ("temperature", sensor_json("20", "C"), "value must be a number"),
        ("temperature", b'{"value": NaN, "unit": "C", "timestamp": 0}', "NaN"),
        ("temperature", json.dumps({"value": 20, "unit": "C"}).encode(), "missing timestamp"),
    ],
)
def test_bad_sensor_payloads_are_refused(kind: str, payload: bytes, reason: str) -> None:
    with pytest.raises(PayloadError, match=reason):
        parse_sensor_payload("A", kind, payload)
