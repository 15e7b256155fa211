"""Raw TCP (port 9100) printing against listeners on 127.0.0.1: delivered, refused, a printer
that never answers, one that stops reading, one that drops the connection. Each failure comes
back as its own code within the configured time."""
from __future__ import annotations

import socket
import threading
import time

import pytest
from printing_helpers import LOOPBACK, LoopbackPrinter, closed_port

from wms_desktop.devices.printing import PrintingError, RawTcpPrinter

BIG = b"^XA^FO10,10^GB100,100,100^FS^XZ\n" * 1_000_000  # ~33 MB: more than any socket buffers hold


def send_failure(printer: RawTcpPrinter, payload: bytes = b"^XA^XZ") -> tuple[PrintingError, float]:
    started = time.monotonic()
    with pytest.raises(PrintingError) as refused:
        printer.send(payload, "zpl", "job-1")
    return refused.value, time.monotonic() - started


def test_the_printer_receives_exactly_the_bytes_sent():
    listener = LoopbackPrinter(connections=1)
    payload = b"^XA^FO10,10^A0N,30,30^FDOK^FS^XZ\n" * 5000
    RawTcpPrinter(LOOPBACK, listener.port).send(payload, "zpl", "job-1")
    assert listener.wait_for(1) == [payload]
    listener.close()


def test_nothing_listening_is_unreachable_at_once():
    error, elapsed = send_failure(RawTcpPrinter(LOOPBACK, closed_port(), connect_timeout=2))
    assert error.error_code == "PRINTER_UNREACHABLE"
    assert f"{LOOPBACK}:" in error.message and "cannot be reached" in error.message
    assert elapsed < 1
    assert error.to_dict() == {"error_code": "PRINTER_UNREACHABLE", "code": 10101, "error_message": error.message,
                               "details": {"host": LOOPBACK, "port": error.details["port"]}}


def test_a_printer_that_never_answers_is_unreachable_after_the_connect_timeout():
    server = socket.create_server((LOOPBACK, 0), backlog=0)
    port = server.getsockname()[1]
    waiting = []
    # fill the accept queue; once it is full the kernel drops further SYNs, like a dead host
    for _ in range(8):
        probe = socket.socket()
        probe.settimeout(0.2)
        try:
            probe.connect((LOOPBACK, port))
            waiting.append(probe)
        except TimeoutError:
            probe.close()
            break
    try:
        error, elapsed = send_failure(RawTcpPrinter(LOOPBACK, port, connect_timeout=0.5))
        assert error.error_code == "PRINTER_UNREACHABLE"
        assert "did not answer within 0.5 s" in error.message
        assert 0.4 < elapsed < 2
    finally:
        for probe in waiting:
            probe.close()
        server.close()


def test_a_printer_that_stops_reading_times_out():
    server = socket.create_server((LOOPBACK, 0))
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    accepted = []
    accepter = threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True)
    accepter.start()  # accepts, then never reads: a paused printer with a full buffer
    try:
        error, elapsed = send_failure(RawTcpPrinter(LOOPBACK, server.getsockname()[1], send_timeout=0.5), BIG)
        assert error.error_code == "PRINTER_TIMEOUT"
        assert "stopped accepting data for 0.5 s" in error.message
        assert elapsed < 3
    finally:
        accepter.join(timeout=5)
        for connection in accepted:
            connection.close()
        server.close()


def test_a_printer_that_drops_the_connection_mid_job_is_reported():
    server = socket.create_server((LOOPBACK, 0))

    def read_a_little_then_reset():
        connection, _ = server.accept()
        connection.recv(1024)
        # SO_LINGER 0: close with a reset, as a printer does when it reboots or rejects a job
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        connection.close()

    dropper = threading.Thread(target=read_a_little_then_reset, daemon=True)
    dropper.start()
    try:
        error, elapsed = send_failure(RawTcpPrinter(LOOPBACK, server.getsockname()[1], send_timeout=5), BIG)
        assert error.error_code == "PRINTER_CONNECTION_LOST"
        assert elapsed < 3
    finally:
        dropper.join(timeout=5)
        server.close()
