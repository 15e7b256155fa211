"""Sends the webhooks' deliveries (``services/webhooks.py``): routes new outbox events to the
registered URLs, POSTs what is due — signed — and records each outcome. Runs alone
(``wms-desktop webhook relay``) beside the HTTP API, on any number of hosts: one holds the
lease and sends, the others wait to take over.

A delivery is a POST of the event's JSON with ``X-WMS-Event-Id``, ``X-WMS-Event-Type``,
``X-WMS-Delivery-Id``, ``X-WMS-Timestamp`` and ``X-WMS-Signature`` (``domain/signing.py``).
Every wait is bounded (connect, read, write), no redirect is followed, and only a 2xx counts:
anything else — a refusal, a timeout, a dropped connection, a 3xx, 4xx or 5xx — is retried
later with backoff. Deliveries of different keys go out side by side, so one slow receiver
does not hold back another's; one key's go out one at a time, in order.

Delivery is at least once: a receiver that answered 2xx after the relay gave up waiting gets
the event again; receivers dedupe by ``X-WMS-Event-Id``.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from .db.engine import Database
from .domain.errors import WmsError
from .domain.signing import sign
from .services import events, webhooks
from .services.webhooks import Due, Outcome, Retry

log = logging.getLogger(__name__)
LEASE = 0x574D53_5752  # "WMS" "WR": one sending relay per database


class WebhookRelay:
    def __init__(self, db: Database, retry: Retry | None = None, timeout_s: float = 5.0, connect_timeout_s: float = 2.0,
                 parallel: int = 8, batch_size: int = 100, idle_s: float = 0.5) -> None:
        self.db = db
        self.retry = retry or Retry()
        self.batch_size = batch_size
        self.idle_s = idle_s
        self._lease = events.RelayLease(db, LEASE)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s, pool=connect_timeout_s),
            limits=httpx.Limits(max_connections=parallel), follow_redirects=False, trust_env=False,
            headers={"User-Agent": "wms-desktop-webhooks"})
        self._pool = ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="webhook")

    def close(self) -> None:
        self._lease.release()
        self._pool.shutdown(wait=True)
        self._client.close()

    def send_due(self) -> int:
        """Route new events, send one batch of due deliveries; how many were delivered."""
        if not self._lease.held():
            return 0
        webhooks.route(self.db)
        batch = webhooks.due(self.db, self.batch_size)
        if not batch:
            return 0
        outcomes = list(self._pool.map(self._send, batch))
        webhooks.settle(self.db, outcomes, self.retry)
        return sum(outcome.delivered for outcome in outcomes)

    def _send(self, delivery: Due) -> Outcome:
        stamp = int(time.time())
        headers = {"Content-Type": "application/json", "X-WMS-Event-Id": delivery.event_id,
                   "X-WMS-Event-Type": delivery.event_type, "X-WMS-Delivery-Id": str(delivery.delivery_id),
                   "X-WMS-Timestamp": str(stamp), "X-WMS-Signature": sign(delivery.secret, stamp, delivery.body)}
        try:
            answer = self._client.post(delivery.url, content=delivery.body, headers=headers)
        except httpx.HTTPError as error:
            return Outcome(delivery.delivery_id, False, None, f"{type(error).__name__}: {error}")
        ok = 200 <= answer.status_code < 300
        return Outcome(delivery.delivery_id, ok, answer.status_code, None if ok else answer.text[:200] or None)

    def run(self, stop: threading.Event) -> None:
        """Loop until ``stop`` is set; database trouble is logged and retried."""
        away = False
        while not stop.is_set():
            try:
                sent = self.send_due()
                away = False
            except WmsError as error:
                if not away:
                    log.warning("webhook relay waiting: %s %s", error.error_code, error.details)
                away, sent = True, 0
            except Exception:  # the relay must outlive anything else too
                log.exception("webhook relay failed; retrying")
                sent = 0
            if not sent:
                stop.wait(self.idle_s)
