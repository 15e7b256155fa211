"""The webhook relay against a real receiver on loopback that is first not there (connection
refused), then answers 500, drops connections and stalls past the relay's timeout before it
behaves: every event is accepted once, in order per key, signed; none for rolled-back work."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import WAREHOUSE
from wms_desktop.domain.errors import WmsError
from wms_desktop.domain.signing import verify
from wms_desktop.services import Services
from wms_desktop.services.webhooks import Retry
from wms_desktop.webhook_relay import WebhookRelay

TIMEOUT_S = 0.5  # the relay's wait for an answer; the stalling receiver waits longer
WAIT_S = 60  # the whole test's bound on the relay catching up


class Receiver:
    """Answers by a script (500, drop, stall, then ok): records what it accepted (answered 200)."""

    def __init__(self, port: int, script: list[str]) -> None:
        self.script = list(script)
        self.accepted: list[tuple[dict[str, str], bytes]] = []
        self.requests = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                with receiver.lock:
                    receiver.requests += 1
                    mode = receiver.script.pop(0) if receiver.script else "ok"
                if mode == "drop":  # gone before reading a byte of the body
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if mode == "stall":
                    time.sleep(TIMEOUT_S * 3)
                status = 500 if mode == "500" else 200
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:  # the relay gave up waiting
                    return
                if mode == "ok":
                    with receiver.lock:
                        receiver.accepted.append((dict(self.headers), body))

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


@pytest.fixture
def relay(pg) -> Iterator[WebhookRelay]:
    running = WebhookRelay(pg, Retry(base_s=0.02, cap_s=0.2, max_attempts=100), timeout_s=TIMEOUT_S,
                           connect_timeout_s=TIMEOUT_S, idle_s=0.05)
    yield running
    running.close()


def drain(relay: WebhookRelay, services: Services, expected: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        relay.send_due()
        if len(services.webhooks.deliveries({"state": "delivered", "limit": 1000})) == expected:
            return
        time.sleep(0.02)
    raise AssertionError("the relay did not deliver everything in time")


def test_every_event_is_accepted_once_in_order_per_key_through_failures(pg, relay):
    services = Services(pg, WAREHOUSE)
    for code in ("A1", "A2", "A3"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "seed"})
    port = free_port()
    added = services.webhooks.add({"url": f"http://127.0.0.1:{port}/wms", "event_types": ["stock.*"]})
    for round_ in range(4):
        for location in ("A1", "A2", "A3"):
            services.inventory.inbound({"product_code": "P1", "location_code": location,
                                        "stock_quantity": round_ + 1, "operator_id": "u"})
        services.inventory.transfer({"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2",
                                     "stock_quantity": 1, "operator_id": "u"})
    with pytest.raises(WmsError):  # all or none: no event for the good line either
        services.inventory.batch_adjust({"operator_id": "u", "adjustments": [
            {"location_code": "A3", "sku_code": "P1", "stock_quantity": 5},
            {"location_code": "A1", "sku_code": "P1", "stock_quantity": -1000}]})
    expected = 4 * 5

    assert relay.send_due() == 0  # nobody listens yet: refused, to be retried
    refused = services.webhooks.deliveries({"limit": 1000})
    assert len(refused) == expected and any(d.attempts == 1 and d.last_error for d in refused)
    receiver = Receiver(port, ["500", "drop", "stall", "ok", "500", "drop", "ok", "stall", "500"])
    try:
        drain(relay, services, expected)
    finally:
        receiver.stop()

    now = time.time()
    by_key: dict[str, list[int]] = defaultdict(list)
    accepted_ids = []
    for headers, body in receiver.accepted:
        assert verify(added.secret, headers["X-WMS-Timestamp"], body, headers["X-WMS-Signature"], now)
        event = json.loads(body)
        assert headers["X-WMS-Event-Id"] == event["event_id"] and headers["X-WMS-Event-Type"] == event["event_type"]
        accepted_ids.append(event["event_id"])
        by_key[f"{event['location_code']}"].append(event["movement_id"])
    assert len(accepted_ids) == len(set(accepted_ids)) == expected
    assert {d.event_id for d in services.webhooks.deliveries({"limit": 1000})} == set(accepted_ids)
    assert all(movements == sorted(movements) for movements in by_key.values()), by_key
    assert receiver.requests > expected  # the failures were real
    assert not any(json.loads(body)["location_code"] == "A3" and json.loads(body)["quantity_change"] == 5
                   for _, body in receiver.accepted)
