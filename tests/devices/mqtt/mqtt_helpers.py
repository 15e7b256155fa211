"""Small helpers shared by the MQTT tests (fixtures live in conftest.py)."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Callable

from wms_desktop.devices.mqtt import MqttSettings

LOOPBACK = "127.0.0.1"


def wait_until(predicate: Callable[[], object], timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def accepts_connections(port: int) -> bool:
    try:
        socket.create_connection((LOOPBACK, port), timeout=0.2).close()
    except OSError:
        return False
    return True


def settings_for(port: int, **overrides: object) -> MqttSettings:
    options = {"host": LOOPBACK, "port": port, "workstation_id": f"test-{uuid.uuid4().hex[:12]}"}
    options.update(overrides)
    return MqttSettings(**options)  # type: ignore[arg-type]
