"""The connection against real brokers: none at all, a restart, MQTT 3.1.1 only, TLS, passwords."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.devices.mqtt.mqtt_helpers import Mqtt311OnlyProxy, PrivateBroker, free_port, settings_for, wait_until
from wms_desktop.devices.mqtt import ConnectionState, ConnectionStatus, MqttConnection, Scale
from wms_desktop.devices.mqtt.simulator import scale_payload
from wms_desktop.domain.errors import WmsError

StartConnection = Callable[..., MqttConnection]
StartBroker = Callable[..., PrivateBroker]


def reading_payload(grams: int = 1250) -> bytes:
    return scale_payload(grams, datetime.now(UTC))


def test_without_a_broker_start_returns_at_once_and_the_status_says_why(
    start_connection: StartConnection,
) -> None:
    port = free_port()  # nothing listens there
    statuses: list[ConnectionStatus] = []
    scale = Scale("PACK1")
    began = time.monotonic()
    connection = start_connection(
        settings_for(port), ((scale.topic, scale.handle_message, 0),), statuses.append
    )
    assert time.monotonic() - began < 0.5
    assert wait_until(lambda: connection.status.state is ConnectionState.DISCONNECTED)
    assert statuses[0] == ConnectionStatus(ConnectionState.CONNECTING, "5.0", None)
    assert connection.status.last_error.startswith(f"cannot connect to 127.0.0.1:{port}: ")
    assert "Connection refused" in connection.status.last_error
    connection.publish(scale.topic, reading_payload())  # dropped, not raised
    with pytest.raises(WmsError):
        scale.capture()
    began = time.monotonic()
    connection.stop()
    assert time.monotonic() - began < 2
    assert connection.status == ConnectionStatus(ConnectionState.DISCONNECTED, "5.0", None)


def test_after_a_broker_restart_the_client_reconnects_and_readings_resume_within_5_s(
    start_private_broker: StartBroker,
    topic_root: str,
    start_connection: StartConnection,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broker = start_private_broker()
    arrivals: list[float] = []
    scale = Scale(
        "PACK1", root=topic_root, on_reading=lambda reading: arrivals.append(time.monotonic())
    )
    listener = start_connection(
        settings_for(broker.port), ((scale.topic, scale.handle_message, 0),)
    )
    publisher = start_connection(settings_for(broker.port))
    assert listener.wait_connected(5) and publisher.wait_connected(5)

    streaming = threading.Event()
    streaming.set()

    def stream() -> None:  # a scale publishing at 20 Hz, whatever the broker is doing
        while streaming.is_set():
            publisher.publish(scale.topic, reading_payload())
            time.sleep(0.05)

    streamer = threading.Thread(target=stream)
    streamer.start()
    try:
        assert wait_until(lambda: len(arrivals) >= 5)
        broker.kill()
        assert wait_until(lambda: listener.status.state is not ConnectionState.CONNECTED)
        assert listener.status.last_error is not None
        before_restart = len(arrivals)
        broker.start()
        restarted = time.monotonic()
        assert wait_until(lambda: len(arrivals) > before_restart, timeout_s=5)
        assert wait_until(lambda: listener.status.state is ConnectionState.CONNECTED)
        assert wait_until(lambda: scale.latest().stable)  # settled again on fresh readings
        assert scale.capture().gross_grams == 1250
    finally:
        streaming.clear()
        streamer.join()
    resumed_after = arrivals[before_restart] - restarted
    with capsys.disabled():
        print(f"\nMQTT: readings resumed {resumed_after:.2f} s after the broker restarted")
    assert resumed_after < 5
    assert listener.status.last_error is None


def test_a_broker_that_refuses_mqtt_5_is_spoken_to_in_3_1_1(
    mqtt311_only_broker: Mqtt311OnlyProxy,
    shared_broker: int,
    topic_root: str,
    start_connection: StartConnection,
) -> None:
    seen = []
    scale = Scale("PACK1", root=topic_root, on_reading=seen.append)
    statuses: list[ConnectionStatus] = []
    listener = start_connection(
        settings_for(mqtt311_only_broker.port),
        ((scale.topic, scale.handle_message, 0),),
        statuses.append,
    )
    assert listener.wait_connected(5), listener.status
    assert mqtt311_only_broker.refused_v5 == 1
    assert listener.status == ConnectionStatus(ConnectionState.CONNECTED, "3.1.1", None)
    assert ConnectionStatus(ConnectionState.CONNECTING, "3.1.1", None) in statuses
    publisher = start_connection(settings_for(shared_broker))
    assert publisher.wait_connected(5)
    publisher.publish(scale.topic, reading_payload()).wait_for_publish(5)
    assert wait_until(lambda: len(seen) == 1)


@dataclass(frozen=True)
class TlsFiles:
    ca: Path
    server_certificate: Path
    server_key: Path
    stranger_ca: Path  # trusted by nobody here


@pytest.fixture
def tls_files(tmp_path: Path) -> TlsFiles:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it."""

    def openssl(*arguments: str) -> None:
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, cwd=tmp_path)

    new_key = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    openssl("req", "-x509", *new_key, "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=test CA")
    openssl("req", "-x509", *new_key, "-keyout", "xca.key", "-out", "xca.pem", "-subj", "/CN=x CA")
    openssl(
        "req", *new_key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"
    )
    (tmp_path / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl(
        *("x509", "-req", "-in", "server.csr", "-out", "server.pem", "-extfile", "san.ext"),
        *("-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"),
    )
    return TlsFiles(
        ca=tmp_path / "ca.pem",
        server_certificate=tmp_path / "server.pem",
        server_key=tmp_path / "server.key",
        stranger_ca=tmp_path / "xca.pem",
    )


def test_tls_with_the_ca_file_connects_and_a_wrong_ca_is_reported(
    tls_files: TlsFiles, start_private_broker: StartBroker, start_connection: StartConnection
) -> None:
    broker = start_private_broker(
        "allow_anonymous true\n"
        f"cafile {tls_files.ca}\n"
        f"certfile {tls_files.server_certificate}\n"
        f"keyfile {tls_files.server_key}\n"
    )
    trusted = start_connection(settings_for(broker.port, tls=True, ca_file=str(tls_files.ca)))
    assert trusted.wait_connected(5), trusted.status
    stranger = start_connection(
        settings_for(broker.port, tls=True, ca_file=str(tls_files.stranger_ca))
    )
    assert wait_until(lambda: stranger.status.state is ConnectionState.DISCONNECTED)
    assert "CERTIFICATE_VERIFY_FAILED" in stranger.status.last_error


def test_a_missing_ca_file_is_reported_not_raised(
    tmp_path: Path, start_connection: StartConnection
) -> None:
    connection = start_connection(
        settings_for(free_port(), tls=True, ca_file=str(tmp_path / "missing.pem"))
    )
    assert connection.status.state is ConnectionState.DISCONNECTED
    assert connection.status.last_error.startswith("TLS setup failed: ")


def test_credentials_are_sent_and_a_refusal_is_reported(
    tmp_path: Path, start_private_broker: StartBroker, start_connection: StartConnection
) -> None:
    passwords = tmp_path / "passwd"
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(passwords), "wms", "s3cret"], check=True)
    broker = start_private_broker(f"allow_anonymous false\npassword_file {passwords}\n")
    accepted = start_connection(settings_for(broker.port, username="wms", password="s3cret"))
    assert accepted.wait_connected(5), accepted.status
    refused = start_connection(settings_for(broker.port, username="wms", password="wrong"))
    assert wait_until(lambda: refused.status.last_error is not None)
    assert refused.status.state is not ConnectionState.CONNECTED
    assert refused.status.last_error == "broker refused: Not authorized"
