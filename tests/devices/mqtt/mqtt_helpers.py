"""Helpers shared by the MQTT tests of the device layer and of the UI: loopback ports, private
brokers, a 3.1.1-only proxy (fixtures live in conftest.py and tests/ui/mqtt_ui_helpers.py)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import threading
import uuid
from pathlib import Path

from tests.helpers import LOOPBACK, free_port, read_exactly, wait_until
from wms_desktop.devices.mqtt import MqttSettings

SHARED_PORT = 1883  # the machine's Mosquitto


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


class LinkProxy:
    """The network between a workstation and the shared broker, which a test cuts and mends:
    while cut, open connections are dropped and new ones refused, as when the broker is down;
    everyone else on the broker stays connected."""

    def __init__(self, upstream_port: int) -> None:
        self._upstream_port = upstream_port
        self.port = free_port()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.mend()

    def mend(self) -> None:
        self._listener = socket.create_server((LOOPBACK, self.port))  # SO_REUSEADDR: the same port again
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in [*sockets, self._listener]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() and the pumps
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((LOOPBACK, self._upstream_port))
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
            threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    """Copy one direction until either side closes, then close both."""
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):  # already closed by the other direction
                sock.shutdown(socket.SHUT_RDWR)


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
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
        _pump(client, upstream)

    def _read_connect_head(self, sock: socket.socket) -> bytes:
        """Fixed header, then the variable header up to the protocol level byte."""
        head = read_exactly(sock, 1)
        while True:  # remaining length: 7 bits a byte, high bit set while more follow
            length_byte = read_exactly(sock, 1)
            head += length_byte
            if not length_byte[0] & 0x80:
                break
        return head + read_exactly(sock, 7)  # 00 04 'MQTT' level
