"""Brokers for the MQTT tests: the shared Mosquitto on 127.0.0.1:1883, private ones per test.

Only loopback addresses are used. Every test picks its own topic root and client ids, so tests
on the shared broker never see each other's messages or sessions.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mqtt_helpers import LOOPBACK, accepts_connections, free_port, wait_until

from wms_desktop.devices.mqtt import (
    ConnectionStatus,
    Message,
    MqttConnection,
    MqttSettings,
)

SHARED_PORT = 1883


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


class PrivateBroker:
    """A Mosquitto of the test's own, so it can be killed without disturbing anyone else."""

    def __init__(self, directory: Path, extra_config: str) -> None:
        self.port = free_port()
        self._config = directory / "mosquitto.conf"
        # Started as root, mosquitto switches to user "mosquitto", who cannot read pytest's
        # private tmp dir (keys, password file): stay the user the tests run as.
        user = pwd.getpwuid(os.getuid()).pw_name
        self._config.write_text(f"listener {self.port} {LOOPBACK}\nuser {user}\n{extra_config}")
        executable = shutil.which("mosquitto", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
        assert executable, "mosquitto is not installed"
        self._executable = executable
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [self._executable, "-c", str(self._config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(lambda: accepts_connections(self.port)), "private broker did not start"

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


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


class Mqtt311OnlyProxy:
    """Stands in for a broker that speaks MQTT 3.1.1 only: refuses an MQTT 5 CONNECT the way
    such brokers do (CONNACK "unacceptable protocol version") and relays everything else to
    the shared broker."""

    def __init__(self, upstream_port: int) -> None:
        self._upstream_port = upstream_port
        self._listener = socket.create_server((LOOPBACK, 0))
        self.port = self._listener.getsockname()[1]
        self.refused_v5 = 0
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        for sock in self._sockets:
            sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            head = self._read_connect_head(client)
        except OSError:
            return
        if head[-1] == 5:  # the protocol level that ends the CONNECT head
            self.refused_v5 += 1
            client.sendall(b"\x20\x02\x00\x01")
            client.close()
            return
        upstream = socket.create_connection((LOOPBACK, self._upstream_port))
        self._sockets.append(upstream)
        upstream.sendall(head)
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
        self._pump(client, upstream)

    @staticmethod
    def _read_exactly(sock: socket.socket, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def _read_connect_head(self, sock: socket.socket) -> bytes:
        """Fixed header, then the variable header up to the protocol level byte."""
        head = self._read_exactly(sock, 1)
        while True:  # remaining length: 7 bits a byte, high bit set while more follow
            length_byte = self._read_exactly(sock, 1)
            head += length_byte
            if not length_byte[0] & 0x80:
                break
        return head + self._read_exactly(sock, 7)  # 00 04 'MQTT' level

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):  # already closed by the other direction
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def mqtt311_only_broker(shared_broker: int) -> Iterator[Mqtt311OnlyProxy]:
    proxy = Mqtt311OnlyProxy(shared_broker)
    yield proxy
    proxy.close()
