"""Brokers for the MQTT tests: the shared Mosquitto on 127.0.0.1:1883, private ones per test.

Only loopback addresses are used. Every test picks its own topic root and client ids, so tests
on the shared broker never see each other's messages or sessions.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.devices.mqtt.mqtt_helpers import LOOPBACK, SHARED_PORT, Mqtt311OnlyProxy, PrivateBroker, accepts_connections
from wms_desktop.devices.mqtt import ConnectionStatus, Message, MqttConnection, MqttSettings


@pytest.fixture
def topic_root() -> str:
    return f"test-{uuid.uuid4().hex}"


@pytest.fixture
def shared_broker() -> int:
    # A missing broker fails the test: the test runner is expected to start it, never skip.
    assert accepts_connections(SHARED_PORT), (
        f"Mosquitto is not listening on {LOOPBACK}:{SHARED_PORT}"
    )
    return SHARED_PORT


Subscription = tuple[str, Callable[[Message], None], int]


@pytest.fixture
def start_connection() -> Iterator[Callable[..., MqttConnection]]:
    """Builds, subscribes and starts a connection; all are stopped at the end, whatever happened."""
    started: list[MqttConnection] = []

    def start(
        settings: MqttSettings,
        subscriptions: tuple[Subscription, ...] = (),
        on_status: Callable[[ConnectionStatus], None] | None = None,
    ) -> MqttConnection:
        connection = MqttConnection(settings, on_status=on_status)
        for topic_filter, handler, qos in subscriptions:
            connection.subscribe(topic_filter, handler, qos)
        connection.start()
        started.append(connection)
        return connection

    yield start
    for connection in started:
        connection.stop()


@pytest.fixture
def start_private_broker(tmp_path: Path) -> Iterator[Callable[[str], PrivateBroker]]:
    """Starts a private broker with extra mosquitto.conf lines; all are killed at the end."""
    brokers: list[PrivateBroker] = []

    def start(extra_config: str = "allow_anonymous true\n") -> PrivateBroker:
        directory = tmp_path / f"broker{len(brokers)}"
        directory.mkdir()
        broker = PrivateBroker(directory, extra_config)
        brokers.append(broker)
        broker.start()
        return broker

    yield start
    for broker in brokers:
        broker.kill()


@pytest.fixture
def mqtt311_only_broker(shared_broker: int) -> Iterator[Mqtt311OnlyProxy]:
    proxy = Mqtt311OnlyProxy(shared_broker)
    yield proxy
    proxy.close()
