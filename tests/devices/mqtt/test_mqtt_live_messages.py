"""Scales, sensors and the simulator through the shared Mosquitto."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.devices.mqtt.mqtt_helpers import free_port, settings_for, wait_until
from wms_desktop.devices.mqtt import ConnectionState, Message, MqttConnection, Scale, SensorStore
from wms_desktop.devices.mqtt.simulator import scale_payload, sensor_payload
from wms_desktop.devices.mqtt.topics import sensor_topic

StartConnection = Callable[..., MqttConnection]


def connected(
    start_connection: StartConnection, port: int, *subscriptions: tuple
) -> MqttConnection:
    connection = start_connection(settings_for(port), subscriptions)
    assert connection.wait_connected(5), connection.status
    return connection


def send(
    publisher: MqttConnection, topic: str, payload: bytes, *, qos: int = 0, retain: bool = False
) -> None:
    publisher.publish(topic, payload, qos=qos, retain=retain).wait_for_publish(5)


def now() -> datetime:
    return datetime.now(UTC)


def test_a_settling_parcel_is_captured_once_stable(
    shared_broker: int, topic_root: str, start_connection: StartConnection
) -> None:
    seen = []
    scale = Scale("PACK1", root=topic_root, on_reading=seen.append)
    connected(start_connection, shared_broker, (scale.topic, scale.handle_message, 0))
    publisher = connected(start_connection, shared_broker)
    for grams in (1390, 1180, 1290, 1250, 1251, 1249, 1250, 1250):
        send(publisher, scale.topic, scale_payload(grams, now()))
    assert wait_until(lambda: len(seen) == 8)
    assert [reading.stable for reading in seen] == [False] * 7 + [True]
    assert scale.capture().net_grams == 1250


BAD_PAYLOADS = [
    b"{oops",
    b"",
    b"\xff\xfe",
    b'{"weight": ' + b"1" * 5000 + b', "unit": "g", "timestamp": 0}',
    b"[" * 2000 + b"]" * 2000,
    b'{"weight": NaN, "unit": "g", "timestamp": 0}',
    b'{"weight": Infinity, "unit": "g", "timestamp": 0}',
    b'{"weight": "1250", "unit": "g", "timestamp": 0}',
    b'{"weight": 1250, "unit": "oz", "timestamp": 0}',
    b'{"weight": 1250, "unit": "g", "timestamp": "noon"}',
    b'{"weight": 1250, "unit": "g", "timestamp": 0, "stable": "yes"}',
]


def test_bad_payloads_are_dropped_with_one_log_line_each_and_the_stream_goes_on(
    shared_broker: int,
    topic_root: str,
    start_connection: StartConnection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen = []
    scale = Scale("PACK1", root=topic_root, on_reading=seen.append)
    listener = connected(start_connection, shared_broker, (scale.topic, scale.handle_message, 0))
    publisher = connected(start_connection, shared_broker)
    with caplog.at_level(logging.WARNING, logger="wms_desktop.devices.mqtt"):
        for payload in BAD_PAYLOADS:
            send(publisher, scale.topic, payload)
        send(publisher, scale.topic, scale_payload(1250, now()))
        assert wait_until(lambda: len(seen) == 1)
    drops = [
        r
        for r in caplog.records
        if r.getMessage().startswith(f"dropped message on {scale.topic}: ")
    ]
    assert len(drops) == len(BAD_PAYLOADS) == len(caplog.records)
    assert listener.status.state is ConnectionState.CONNECTED
    send(publisher, scale.topic, scale_payload(1251, now()))
    assert wait_until(lambda: len(seen) == 2)


def test_a_failing_handler_is_logged_and_does_not_stop_the_network_thread(
    shared_broker: int,
    topic_root: str,
    start_connection: StartConnection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(message: Message) -> None:
        raise RuntimeError("bug in a handler")

    seen = []
    scale = Scale("PACK1", root=topic_root, on_reading=seen.append)
    connected(
        start_connection,
        shared_broker,
        (f"{topic_root}/broken", broken, 0),
        (scale.topic, scale.handle_message, 0),
    )
    publisher = connected(start_connection, shared_broker)
    with caplog.at_level(logging.ERROR, logger="wms_desktop.devices.mqtt"):
        send(publisher, f"{topic_root}/broken", b"{}")
        send(publisher, scale.topic, scale_payload(1250, now()))
        assert wait_until(lambda: len(seen) == 1)
    assert [r.getMessage() for r in caplog.records] == [
        f"handler for {topic_root}/broken failed on {topic_root}/broken"
    ]


@pytest.fixture
def retained_topics(shared_broker: int, start_connection: StartConnection) -> Iterator[list[str]]:
    """Topics given a retained message; cleared afterwards so the shared broker keeps nothing."""
    topics: list[str] = []
    yield topics
    cleaner = connected(start_connection, shared_broker)
    for topic in topics:
        send(cleaner, topic, b"", qos=1, retain=True)


def test_retained_sensor_values_are_there_as_soon_as_a_fresh_client_subscribes(
    shared_broker: int,
    topic_root: str,
    start_connection: StartConnection,
    retained_topics: list[str],
) -> None:
    publisher = connected(start_connection, shared_broker)
    values = {
        ("A", "temperature"): ("18.5", "C"),
        ("A", "humidity"): ("45", "%"),
        ("COLD", "temperature"): ("4.2", "C"),
    }
    for (zone, kind), (value, unit) in values.items():
        topic = sensor_topic(topic_root, zone, kind)
        retained_topics.append(topic)
        send(publisher, topic, sensor_payload(Decimal(value), unit, now()), qos=1, retain=True)
    publisher.stop()

    store = SensorStore(root=topic_root)
    connected(start_connection, shared_broker, (store.topic_filter, store.handle_message, 1))
    assert wait_until(lambda: len(store.snapshot()) == 3)
    assert {key: str(reading.value) for key, reading in store.snapshot().items()} == {
        key: value for key, (value, _) in values.items()
    }


def test_the_simulator_settles_a_parcel_and_publishes_retained_sensors(
    shared_broker: int,
    topic_root: str,
    start_connection: StartConnection,
    retained_topics: list[str],
) -> None:
    retained_topics.extend(
        sensor_topic(topic_root, "A", kind) for kind in ("temperature", "humidity")
    )
    seen = []
    scale = Scale("PACK1", root=topic_root, on_reading=seen.append)
    connected(start_connection, shared_broker, (scale.topic, scale.handle_message, 0))
    command = [
        *(sys.executable, "-m", "wms_desktop.devices.mqtt.simulator", "--seed", "7"),
        *("--host", "127.0.0.1", "--port", str(shared_broker), "--root", topic_root),
        *("--stations", "PACK1", "--zones", "A", "--weight-grams", "1234", "--interval", "0.02"),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert finished.returncode == 0, finished.stderr
    assert wait_until(lambda: seen and seen[-1].stable)
    assert not seen[0].stable  # it swings before it settles
    assert abs(scale.capture().gross_grams - 1234) <= 1

    store = SensorStore(root=topic_root)
    connected(start_connection, shared_broker, (store.topic_filter, store.handle_message, 1))
    assert wait_until(lambda: set(store.snapshot()) == {("A", "temperature"), ("A", "humidity")})


def test_the_simulator_reports_an_absent_broker(topic_root: str) -> None:
    command = [
        sys.executable,
        "-m",
        "wms_desktop.devices.mqtt.simulator",
        "--port",
        str(free_port()),
        "--connect-timeout",
        "0.5",
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert finished.returncode == 1
    assert "cannot connect to 127.0.0.1" in finished.stderr


def test_scale_payloads_from_the_simulator_match_the_documented_format() -> None:
    decoded = json.loads(scale_payload(1250, datetime(2024, 6, 15, 12, tzinfo=UTC)))
    assert decoded == {"weight": 1250, "unit": "g", "timestamp": "2024-06-15T12:00:00.000Z"}
